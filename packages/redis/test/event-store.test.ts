/**
 * What the store contract does not cover and Redis makes special: the per-stream bound (exact MAXLEN),
 * streams expiring when nobody writes to them, and tails that lose their pub/sub connection (messages
 * published meanwhile never arrive) catching up from the stream itself.
 */
import type { JSONRPCMessage } from '@mcpwire/core';
import { createClient } from 'redis';
import { expect, it } from 'vitest';
import { eventually, useRedis } from './redis-fixture.js';

const redis = useRedis();

const message = (n: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/message',
  params: { n },
});

it('keeps the newest maxEventsPerStream events of a stream and numbers on past the trimmed ones', async () => {
  const { events } = redis.open({ events: { maxEventsPerStream: 3 } });
  for (let n = 1; n <= 5; n++) expect(await events.append('s/1', message(n))).toBe(n);
  const seen: number[] = [];
  await events.replay('s/1', 0, (seq) => void seen.push(seq));
  expect(seen).toEqual([3, 4, 5]);
  expect(await events.append('s/1', message(6))).toBe(6);
});

it('forgets a stream nobody appended to for idleTtlMs', async () => {
  const { events } = redis.open({ events: { idleTtlMs: 30 } });
  await events.append('s/idle', message(1));
  await eventually(async () => (await events.tail('s/idle', 0, { event() {}, end() {} })) === undefined);
});

it('catches up a tail whose subscriber connection was cut while events were appended', async () => {
  const reader = redis.open({ prefix: 'cut:' });
  const writer = redis.open({ prefix: 'cut:' });
  await writer.events.append('s/0', message(1));
  const got: number[] = [];
  let ended = false;
  await reader.events.tail('s/0', 0, { event: (seq) => void got.push(seq), end: () => (ended = true) });
  await eventually(() => got.length === 1);
  // Cut every pub/sub connection; an event appended before node-redis reconnects is never published to us.
  const admin = await createClient({ url: redis.server.url }).connect();
  try {
    await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
    await writer.events.append('s/0', message(2));
  } finally {
    await admin.close();
  }
  // Nothing more is appended: no later event reveals a gap, only the reconnection can bring event 2.
  await eventually(() => got.length === 2);
  await writer.events.complete('s/0', 60_000);
  await eventually(() => ended);
  expect(got).toEqual([1, 2]);
});
