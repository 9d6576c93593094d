/**
 * CommonJS users get one copy of core: `@mcpwire/core` and `@mcpwire/core/runtime` (which the server,
 * client and transports require) resolve to the same file under the require condition, so the error
 * classes a user requires from core are the ones the server throws and re-exports. Runs the built CommonJS
 * files in a child process, as a `require`-based project would. Needs a build.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../packages/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mcpwire-cjs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCRIPT = `
const { createRequire } = require('node:module');
const fromServer = createRequire(${JSON.stringify(`${packages}server/package.json`)});
const core = fromServer('@mcpwire/core');
const runtime = fromServer('@mcpwire/core/runtime');
const server = require(${JSON.stringify(`${packages}server/dist/index.cjs`)});
const client = require(${JSON.stringify(`${packages}client/dist/index.cjs`)});
(async () => {
  const mcp = new server.McpServer({ name: 'cjs', version: '1' });
  mcp.tool('echo', { inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }, ({ text }) => String(text));
  const [a, b] = core.createInMemoryPair();
  await mcp.connect(a);
  const c = new client.Client({ name: 'cjs-client', version: '1' });
  await c.connect(b);
  const result = await c.callTool('echo', { text: 'hello' });
  console.log(JSON.stringify({
    text: result.content[0].text,
    sameRuntime: core.ProtocolError === runtime.ProtocolError,
    serverReexport: server.ProtocolError === core.ProtocolError,
    clientReexport: client.ProtocolError === core.ProtocolError,
    schemas: core.Rev2025_11_25.CallToolResult.safeParse(result).success,
  }));
  await c.close();
})().catch((error) => { console.error(error); process.exit(1); });
`;

it('shares one core between @mcpwire/core, its runtime entry, the server and the client', async () => {
  const file = join(dir, 'consumer.cjs');
  writeFileSync(file, SCRIPT);
  const { stdout } = await promisify(execFile)(process.execPath, [file], { timeout: 20_000 });
  expect(JSON.parse(stdout)).toEqual({
    text: 'hello',
    sameRuntime: true,
    serverReexport: true,
    clientReexport: true,
    schemas: true,
  });
});
