// The server of bench/session-flood.mjs in its own process: a McpServer with an echo tool behind
// createStreamableHttpHandler with default options (the default session cap, limits and timeouts), served
// by listen() on 127.0.0.1. The packages come from the checkout named by argv[2] (default: this one), so
// the same flood can be run against an older build. Prints `ready <url>`. GET /__sessions answers the
// handler's live session count, the heap in use and the RSS.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const root = process.argv[2] ?? new URL('..', import.meta.url).pathname;
const load = (path) => import(pathToFileURL(`${root}/${path}`).href);
const { McpServer } = await load('packages/server/dist/index.js');
const { createStreamableHttpHandler, toNodeListener } = await load('packages/transports/dist/http/index.js');
const { z } = await import(createRequire(`${root}/packages/server/package.json`).resolve('zod'));

const server = new McpServer({ name: 'flood-target', version: '1.0.0' });
server.tool(
  'echo',
  { description: 'Echoes the text', inputSchema: { text: z.string() } },
  ({ text }) => text,
);
const handler = createStreamableHttpHandler({ connect: async (t) => void (await server.connect(t)) });
const listener = toNodeListener(handler, { loopbackHostsOnly: true });
const http = createServer((req, res) => {
  if (req.url === '/__sessions') {
    globalThis.gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    res.end(JSON.stringify({ sessions: handler.sessionCount, heap: heapUsed, rss }));
    return;
  }
  listener(req, res);
});
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
console.log(`ready http://127.0.0.1:${http.address().port}/mcp`);
