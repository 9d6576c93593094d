// One server of bench/idle-session.mjs in its own process, started with --expose-gc:
//   node --expose-gc bench/idle-session-target.mjs <ours|sdk>
// ours: a McpServer with an echo tool behind createStreamableHttpHandler, served by listen() (default
// options); sdk: the official SDK v1's McpServer + StreamableHTTPServerTransport on node:http, one per
// session as its docs show. Prints `ready <url>`. The driver asks for memory over the IPC channel (no
// extra HTTP route, so listen() serves the handler as users get it): the answer is heap in use and RSS
// after two full collections.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { McpServer as SdkMcpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { McpServer } from '../packages/server/dist/index.js';
import { createStreamableHttpHandler, listen } from '../packages/transports/dist/http/index.js';

const { z } = await import(
  createRequire(new URL('../packages/server/package.json', import.meta.url)).resolve('zod')
);
const echoInput = { text: z.string() };

async function ours() {
  const server = new McpServer({ name: 'idle-sessions', version: '1.0.0' });
  server.tool('echo', { description: 'Echoes the text', inputSchema: echoInput }, ({ text }) => text);
  const handler = createStreamableHttpHandler({ connect: async (t) => void (await server.connect(t)) });
  const listening = await listen({ handler });
  return { url: `${listening.url}/mcp`, sessions: () => handler.sessionCount };
}

async function sdk() {
  const transports = new Map();
  const http = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    let transport = transports.get(req.headers['mcp-session-id']);
    if (transport === undefined) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => crypto.randomUUID(),
        onsessioninitialized: (id) => transports.set(id, created),
      });
      const server = new SdkMcpServer({ name: 'idle-sessions', version: '1.0.0' });
      server.registerTool(
        'echo',
        { description: 'Echoes the text', inputSchema: echoInput },
        async ({ text }) => ({ content: [{ type: 'text', text }] }),
      );
      await server.connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res, body);
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${http.address().port}/mcp`, sessions: () => transports.size };
}

const kind = process.argv[2];
const start = { ours, sdk }[kind];
if (start === undefined) {
  console.error(`expected ours or sdk, received ${kind}`);
  process.exit(2);
}
const target = await start();
process.on('message', () => {
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.send({ heap: heapUsed, rss, sessions: target.sessions() });
});
process.on('SIGTERM', () => process.exit(0));
console.log(`ready ${target.url}`);
