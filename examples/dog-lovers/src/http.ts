// "MCP for Dog Lovers" over HTTP: `node dist/http.js [--port 3000] [--host 127.0.0.1] [--allowed-host NAME]`
// (or PORT/HOST/ALLOWED_HOSTS, comma-separated). Streamable HTTP at /mcp (every revision: 2025 sessions and
// 2026-07-28 stateless requests) and the deprecated HTTP+SSE transport at /sse + /messages for old clients,
// from the one server definition. Bound to 127.0.0.1 by default, with DNS-rebinding protection (foreign
// Host/Origin get 403); on any other address, name the hosts clients use with --allowed-host.
import { parseArgs } from 'node:util';
import { createRouter, createStreamableHttpHandler, listen } from '@mcpwire/transports/http';
import { createSseHandler } from '@mcpwire/transports/sse';
import { baseUrl, createDogServer } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'allowed-host': { type: 'string', multiple: true },
  },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const host = values.host ?? process.env.HOST ?? '127.0.0.1';
const allowedHosts = values['allowed-host'] ?? process.env.ALLOWED_HOSTS?.split(',');

const server = createDogServer();
const mcp = createStreamableHttpHandler({ connect: (t) => server.connect(t) });
const sse = createSseHandler({ connect: (t) => server.connect(t), messagesPath: '/messages' });

// One listener for every path; a router keeps the Node fast path for /mcp (a `(Request) => Response`
// function written by hand would not). Unknown paths get 404 naming the three served ones.
const handler = createRouter({ '/mcp': mcp, '/sse': sse, '/messages': sse });

const listening = await listen({ handler, port, host, ...(allowedHosts ? { allowedHosts } : {}) });
console.error(`mcp-for-dog-lovers on ${listening.url}/mcp and ${listening.url}/sse (dog API: ${baseUrl})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void listening.close().then(() => process.exit(0));
  });
}
