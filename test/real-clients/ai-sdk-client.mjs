// The Vercel AI SDK's MCP client (@ai-sdk/mcp, its own implementation), for check-client:
// `node ai-sdk-client.mjs stdio` talks over the SDK's own stdio transport (joined to this process's
// stdin/stdout by ./stdio-relay.mjs), `node ai-sdk-client.mjs http <url>` over its Streamable HTTP
// transport. It lists the tools, calls echo through the AI SDK tool set, and closes.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMCPClient } from '@ai-sdk/mcp';
import { Experimental_StdioMCPTransport } from '@ai-sdk/mcp/mcp-stdio';

/** Serves this process's stdin/stdout on a local socket for ./stdio-relay.mjs; returns the socket path. */
async function relayStdio() {
  const path = join(mkdtempSync(join(tmpdir(), 'ai-sdk-relay-')), 'stdio.sock');
  const server = createServer((socket) => {
    process.stdin.pipe(socket);
    socket.pipe(process.stdout);
    server.close();
  });
  await new Promise((resolve) => server.listen(path, resolve));
  return path;
}

const [mode, url] = process.argv.slice(2);
const transport =
  mode === 'http'
    ? { type: 'http', url }
    : new Experimental_StdioMCPTransport({
        command: process.execPath,
        args: [fileURLToPath(new URL('./stdio-relay.mjs', import.meta.url)), await relayStdio()],
        stderr: 'inherit',
      });
const client = await createMCPClient({ transport, clientName: 'ai-sdk-conformance-client' });
try {
  const listed = await client.listTools();
  process.stderr.write(`ai-sdk client: ${listed.tools.length} tools on the first page\n`);
  const tools = await client.tools();
  if (tools.echo !== undefined) {
    const result = await tools.echo.execute({ text: 'hello' }, { toolCallId: 'call-1', messages: [] });
    process.stderr.write(`ai-sdk client: echo → ${JSON.stringify(result).slice(0, 200)}\n`);
  }
} finally {
  await client.close();
}
process.exit(0);
