/**
 * The packages as a user gets them: `pnpm pack` tarballs of core, transports, server and client installed by
 * npm into a fresh project outside the monorepo, with zod from the registry. There, the HTTP recipe of
 * docs/frameworks.md (examples/frameworks/src: the notes server) runs on Node, Bun and Deno through every
 * scenario check; a stdio server answers; and a CommonJS project requires the packages by name. Needs a build
 * and the npm registry (or npm's cache).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { freshProject, installedVersion, removeProject } from '../bench/packed-project.mjs';
import { runtimes, startRecipe } from './frameworks/recipe-process.js';
import { describeServer } from './frameworks/scenario.js';

const RECIPES = fileURLToPath(new URL('../examples/frameworks/src/', import.meta.url));
const run = promisify(execFile);

/** Node runs the recipes' TypeScript as JavaScript, with the types stripped (Bun and Deno run it as it is). */
function transpile(file: string, to: string, dir: string): void {
  const source = readFileSync(join(RECIPES, file), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  writeFileSync(join(dir, to), outputText);
}

let project: Promise<string> | undefined;

/** The fresh project, installed once for the whole file. */
function packedProject(): Promise<string> {
  project ??= Promise.resolve().then(() => {
    const dir = freshProject({
      name: 'packed-test',
      packages: ['core', 'transports', 'server', 'client'],
      dependencies: { zod: installedVersion('zod') },
    });
    for (const file of ['server.ts', 'bun.ts', 'deno.ts']) copyFileSync(join(RECIPES, file), join(dir, file));
    transpile('server.ts', 'server.js', dir);
    transpile('node.ts', 'node.mjs', dir);
    return dir;
  });
  return project;
}

afterAll(async () => {
  if (project !== undefined) removeProject(await project);
});

const INSTALL_TIMEOUT_MS = 240_000;

describeServer('packed: Node listen()', async () =>
  startRecipe([process.execPath, 'node.mjs'], {}, await packedProject()),
);
describeServer('packed: Bun.serve', async () =>
  startRecipe(runtimes.bun('bun.ts'), {}, await packedProject()),
);
describeServer('packed: Deno.serve', async () =>
  startRecipe(runtimes.deno('deno.ts'), {}, await packedProject()),
);

describe('packed: stdio and CommonJS', () => {
  it(
    'serves a stdio server that answers initialize and a call',
    async () => {
      const dir = await packedProject();
      writeFileSync(
        join(dir, 'stdio.mjs'),
        `import { McpServer } from '@mcpwire/server';
import { StdioServerTransport } from '@mcpwire/transports/stdio';
const server = new McpServer({ name: 'packed-stdio', version: '1' });
server.tool('echo', { inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }, ({ text }) => String(text));
await server.connect(new StdioServerTransport());
`,
      );
      const input = [
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 't', version: '1' },
          },
        },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: { text: 'hi' } } },
      ];
      const child = execFile(process.execPath, ['stdio.mjs'], { cwd: dir, timeout: 20_000 });
      const lines: unknown[] = [];
      let buffer = '';
      const done = new Promise<void>((resolve) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const parts = buffer.split('\n');
          buffer = parts.pop()!;
          for (const line of parts) if (line !== '') lines.push(JSON.parse(line));
          if (lines.length === 2) {
            child.stdin!.end();
            resolve();
          }
        });
      });
      child.stdin!.write(`${input.map((message) => JSON.stringify(message)).join('\n')}\n`);
      await done;
      expect(lines[0]).toMatchObject({ id: 1, result: { serverInfo: { name: 'packed-stdio' } } });
      expect(lines[1]).toMatchObject({ id: 2, result: { content: [{ type: 'text', text: 'hi' }] } });
    },
    INSTALL_TIMEOUT_MS,
  );

  it(
    'is required by name from a CommonJS project, with one copy of core',
    async () => {
      const dir = await packedProject();
      writeFileSync(
        join(dir, 'consumer.cjs'),
        `const core = require('@mcpwire/core');
const { McpServer, ProtocolError } = require('@mcpwire/server');
const { Client } = require('@mcpwire/client');
(async () => {
  const server = new McpServer({ name: 'cjs', version: '1' });
  server.tool('echo', { inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }, ({ text }) => String(text));
  const [a, b] = core.createInMemoryPair();
  await server.connect(a);
  const client = new Client({ name: 'cjs-client', version: '1' });
  await client.connect(b);
  const result = await client.callTool('echo', { text: 'hello' });
  console.log(JSON.stringify({ text: result.content[0].text, oneCore: ProtocolError === core.ProtocolError }));
  await client.close();
})().catch((error) => { console.error(error); process.exit(1); });
`,
      );
      const { stdout } = await run(process.execPath, ['consumer.cjs'], { cwd: dir, timeout: 20_000 });
      expect(JSON.parse(stdout)).toEqual({ text: 'hello', oneCore: true });
    },
    INSTALL_TIMEOUT_MS,
  );
});
