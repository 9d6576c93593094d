// One replica: `node dist/replica.js --port 3001 --redis redis://127.0.0.1:6379`, with the same
// MCP_REQUEST_STATE_SECRET (at least 16 characters) in every replica's environment. Streamable HTTP at /mcp
// and legacy HTTP+SSE at /sse + /messages, all state in Redis, so any replica serves any request.
import { parseArgs } from 'node:util';
import { redisStore } from '@mcpwire/redis';
import { createRouter, createStreamableHttpHandler, listen } from '@mcpwire/transports/http';
import { createSseHandler } from '@mcpwire/transports/sse';
import { createDemoServer } from './server.js';

const { values } = parseArgs({ options: { port: { type: 'string' }, redis: { type: 'string' } } });
const secret = process.env.MCP_REQUEST_STATE_SECRET;
if (values.redis === undefined || secret === undefined || secret.length < 16) {
  console.error('usage: MCP_REQUEST_STATE_SECRET=<16+ characters> node dist/replica.js --port N --redis URL');
  process.exit(2);
}

const store = redisStore(values.redis);
await store.ready();
const server = createDemoServer({ store, requestStateSecret: secret });
const connect = async (transport: Parameters<typeof server.connect>[0]): Promise<void> => {
  await server.connect(transport);
};
// The same store for both handlers: sessions, resumable events and the bus all live in Redis.
const mcp = createStreamableHttpHandler({ connect, store });
const sse = createSseHandler({ connect, messagesPath: '/messages', store });
const listening = await listen({
  handler: createRouter({ '/mcp': mcp, '/sse': sse, '/messages': sse }),
  port: Number(values.port ?? 3001),
});
console.log(`replica ready at ${listening.url}/mcp`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Connections first, then the server, then Redis: nothing is left open.
    void listening
      .close()
      .then(() => server.close())
      .then(() => store.close())
      .then(() => process.exit(0));
  });
}
