// One replica for bench/scale-out.mjs, in its own process:
//   node bench/scale-out-target.mjs [redis://HOST:PORT]
// A McpServer with an echo tool behind our Streamable HTTP handler on the Node fast path (listen()); with a
// Redis URL, the handler and the McpServer share all their state there (`redisStore`), as replicas behind a
// load balancer do. Prints `ready <url>` on stdout; GET /__cpu answers this process's CPU time in µs.
import { createRequire } from 'node:module';
import { redisStore } from '../packages/redis/dist/index.js';
import { McpServer } from '../packages/server/dist/index.js';
import { createRouter, createStreamableHttpHandler, listen } from '../packages/transports/dist/http/index.js';

const { z } = await import(
  createRequire(new URL('../packages/server/package.json', import.meta.url)).resolve('zod')
);

const redisUrl = process.argv[2];
const store = redisUrl === undefined ? undefined : redisStore(redisUrl);
if (store !== undefined) await store.ready();
const server = new McpServer({
  name: 'bench-echo',
  version: '1.0.0',
  ...(store === undefined ? {} : { store, requestStateSecret: 'bench-shared-secret-0123456789' }),
});
server.tool(
  'echo',
  { description: 'Echoes the text', inputSchema: { text: z.string() } },
  ({ text }) => text,
);
const mcp = createStreamableHttpHandler({
  connect: async (transport) => {
    await server.connect(transport);
  },
  ...(store === undefined ? {} : { store }),
  // Every bench client comes from 127.0.0.1 (or the balancer): no per-client cap below the global one.
  maxSessions: 100_000,
  maxSessionsPerClient: 100_000,
});
const cpu = Object.assign(
  () => {
    const { user, system } = process.cpuUsage();
    return Promise.resolve(new Response(String(user + system)));
  },
  { close: async () => {} },
);
const listening = await listen({ handler: createRouter({ '/mcp': mcp, '/__cpu': cpu }), port: 0 });
process.stdout.write(`ready ${listening.url}/mcp\n`);
process.once('SIGTERM', () => {
  void listening
    .close()
    .then(() => store?.close())
    .then(() => process.exit(0));
});
