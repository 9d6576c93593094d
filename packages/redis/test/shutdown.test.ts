/**
 * Clean shutdown on Redis: a server with the Redis store in every place that takes one serves a session
 * (GET stream, subscription, server→client request), then closes in the documented order. Afterwards
 * this process holds no socket, server or timer it did not hold before, and Redis sees no connection
 * from it.
 */
import { Client } from '@mcpwire/client';
import { redisStore } from '@mcpwire/redis';
import { McpServer } from '@mcpwire/server';
import { createStreamableHttpHandler, listen, StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { createClient } from 'redis';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { eventually, useRedis } from './redis-fixture.js';

const redis = useRedis();

/** Open handles by kind (sockets, servers, timers), as Node reports them. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

it('leaves no socket, timer or Redis connection behind', async () => {
  const admin = await createClient({ url: redis.server.url, name: 'admin' }).connect();
  const before = handles();
  const store = redisStore(redis.server.url);
  await store.ready();
  const server = new McpServer({
    name: 'shutdown',
    version: '1.0.0',
    store,
    requestStateSecret: 'x'.repeat(32),
  });
  server.resource('r', 'mem://r', {}, () => 'r');
  server.tool('ask', { description: 'samples', inputSchema: { q: z.string() } }, async ({ q }, ctx) => {
    const answer = await ctx.sample({
      messages: [{ role: 'user', content: { type: 'text', text: q } }],
      maxTokens: 5,
    });
    return JSON.stringify(answer.content);
  });
  const mcp = createStreamableHttpHandler({ connect: (t) => server.connect(t).then(() => undefined), store });
  const listening = await listen({ handler: mcp, port: 0 });
  const updates: string[] = [];
  const client = new Client(
    { name: 'c', version: '1' },
    {
      revision: '2025-11-25',
      handlers: {
        sampling: async () => ({ model: 'm', role: 'assistant', content: { type: 'text', text: 'a' } }),
      },
      onResourceUpdated: (uri) => void updates.push(uri),
    },
  );
  await client.connect(new StreamableHttpClientTransport(listening.url));
  await client.subscribeResource('mem://r');
  expect((await client.callTool('ask', { q: 'q' })).content[0]).toMatchObject({ type: 'text' });
  server.notifyResourceUpdated('mem://r');
  await eventually(() => updates.length === 1);
  expect(
    Number(
      await admin
        .sendCommand(['CLIENT', 'LIST', 'TYPE', 'normal'])
        .then((l) => String(l).split('\n').filter(Boolean).length),
    ),
  ).toBeGreaterThan(1);

  await client.close();
  await listening.close();
  await server.close();
  await store.close();

  await eventually(
    async () =>
      String(await admin.sendCommand(['CLIENT', 'LIST']))
        .trim()
        .split('\n').length === 1,
  );
  await admin.close();
  // Sockets close asynchronously: give them their turn, then nothing of ours is left.
  await eventually(() => {
    const after = handles();
    return ['TCPSocketWrap', 'TCPServerWrap', 'Timeout'].every(
      (kind) => (after[kind] ?? 0) <= (before[kind] ?? 0),
    );
  });
});
