// What type-checking costs a user: the same small server (two tools with zod input schemas and inferred
// handler arguments, over stdio) written with mcpwire, the official SDK v1 (@modelcontextprotocol/sdk) and
// SDK v2 (@modelcontextprotocol/server), each checked by TypeScript 5.9 with `tsc --extendedDiagnostics`
// under the strict config `tsc --init` writes. mcpwire comes from `pnpm pack` tarballs installed into a
// fresh project outside the monorepo; the SDKs and zod at the versions the monorepo uses, from npm.
// Instantiations and types are exact counts (the same on any machine); check time is the median of
// interleaved runs. Target (issue 16): mcpwire at most 0.75 of SDK v2's instantiations.
// Run after `npx pnpm@12.4.2 run build`: node bench/typecheck.mjs   (about a minute)
//   BENCH_ROUNDS=3 timed runs per library; BENCH_KEEP=1 keeps the project directory and prints it
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshProject, installedVersion, removeProject } from './packed-project.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_RATIO = 0.75;

/** The same user server for each library: imports, then two tools registered with `register`. */
function userServer(imports, register) {
  return `${imports}
import { z } from 'zod';

const server = new McpServer({ name: 'weather', version: '1.0.0' });

server.${register}(
  'add',
  { description: 'Adds two numbers', inputSchema: z.object({ a: z.number(), b: z.number() }) },
  async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }),
);

server.${register}(
  'forecast',
  {
    description: 'Forecast for a city',
    inputSchema: z.object({ city: z.string(), days: z.number().int().optional() }),
  },
  async ({ city, days }) => ({ content: [{ type: 'text', text: \`\${city}: sunny for \${days ?? 1} days\` }] }),
);

await server.connect(new StdioServerTransport());
`;
}

const servers = {
  mcpwire: userServer(
    "import { McpServer } from '@mcpwire/server';\nimport { StdioServerTransport } from '@mcpwire/transports/stdio';",
    'tool',
  ),
  'sdk-v1': userServer(
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
    'registerTool',
  ),
  'sdk-v2': userServer(
    "import { McpServer } from '@modelcontextprotocol/server';\nimport { StdioServerTransport } from '@modelcontextprotocol/server/stdio';",
    'registerTool',
  ),
};

// What TypeScript 5.9's `tsc --init` writes (minus emit and JSX settings), plus Node's types for stdio.
const compilerOptions = {
  module: 'nodenext',
  target: 'esnext',
  types: ['node'],
  noEmit: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  strict: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noUncheckedSideEffectImports: true,
  moduleDetection: 'force',
  skipLibCheck: true,
};

function check(dir, name) {
  const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
  let output;
  try {
    output = execFileSync(process.execPath, [tsc, '-p', `tsconfig.${name}.json`, '--extendedDiagnostics'], {
      cwd: dir,
      encoding: 'utf8',
    });
  } catch (error) {
    throw new Error(`${name}: expected the server to type-check, tsc said:\n${error.stdout}${error.stderr}`);
  }
  const figure = (label) => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(output);
    if (match === null)
      throw new Error(`${name}: expected "${label}:" in tsc's diagnostics, received:\n${output}`);
    return Number(match[1]);
  };
  return {
    instantiations: figure('Instantiations'),
    types: figure('Types'),
    checkSeconds: figure('Check time'),
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const dir = freshProject({
  name: 'typecheck',
  packages: ['core', 'transports', 'server'],
  dependencies: {
    zod: installedVersion('zod'),
    typescript: installedVersion('typescript'),
    '@types/node': installedVersion('@types/node'),
    '@modelcontextprotocol/sdk': installedVersion('@modelcontextprotocol/sdk'),
    '@modelcontextprotocol/server': installedVersion('@modelcontextprotocol/server'),
  },
});
try {
  for (const [name, source] of Object.entries(servers)) {
    writeFileSync(join(dir, `${name}.ts`), source);
    writeFileSync(
      join(dir, `tsconfig.${name}.json`),
      JSON.stringify({ compilerOptions, files: [`${name}.ts`] }),
    );
  }
  const results = Object.fromEntries(Object.keys(servers).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(servers)) results[name].push(check(dir, name));
  }
  const v2 = results['sdk-v2'][0];
  console.log(
    `TypeScript ${installedVersion('typescript')}, zod ${installedVersion('zod')}, ${ROUNDS} rounds`,
  );
  console.log('library   instantiations  types    check s  instantiations / SDK v2');
  for (const [name, runs] of Object.entries(results)) {
    const { instantiations, types } = runs[0];
    const seconds = median(runs.map((run) => run.checkSeconds));
    console.log(
      `${name.padEnd(9)} ${String(instantiations).padStart(14)}  ${String(types).padStart(6)}  ${seconds.toFixed(2).padStart(7)}  ${(instantiations / v2.instantiations).toFixed(2)}`,
    );
  }
  const ratio = results.mcpwire[0].instantiations / v2.instantiations;
  console.log(
    `mcpwire / SDK v2 instantiations: ${ratio.toFixed(2)} (target at most ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
  );
} finally {
  if (process.env.BENCH_KEEP === '1') console.log(`project kept in ${dir}`);
  else removeProject(dir);
}
