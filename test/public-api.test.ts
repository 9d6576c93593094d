/**
 * The public API type-checks as a user's project sees it: test/public-api/ compiles the documented usage
 * (a complete stdio server, the HTTP wiring, a client, the registration type tests) against the built
 * declarations with the strict `tsc --init` config, exactOptionalPropertyTypes included; and what an
 * editor shows for results is a named type, not an expanded schema. Needs a build.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
let program: ts.Program;

beforeAll(() => {
  for (const entry of ['core/dist/index.d.ts', 'server/dist/index.d.ts', 'transports/dist/http/index.d.ts']) {
    expect(existsSync(`${root}packages/${entry}`), `packages/${entry}: run the build first`).toBe(true);
  }
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}test/public-api/tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  program = ts.createProgram(config.fileNames, config.options);
}, 120_000);

it('compiles against the published declarations under exactOptionalPropertyTypes', () => {
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const text = ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  });
  expect(text).toBe('');
}, 120_000);

it('shows results as named protocol types, as an editor hovering them would', () => {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(`${root}test/public-api/client.ts`)!;
  const shown = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      shown.set(node.name.text, checker.typeToString(checker.getTypeAtLocation(node.name)));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  expect(shown.get('result')).toBe('CallToolResult');
  expect(shown.get('tool')).toBe('Tool');
});
