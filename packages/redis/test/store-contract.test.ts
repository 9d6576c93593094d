/**
 * The Redis store passes the ServerStore contract of @mcpwire/transports (sessions, events, bus) with two
 * stores on their own connections, as two processes would hold them; each test gets a fresh key prefix.
 * Once with stores that open their connections from a URL, once with one built on the caller's client.
 */
import { redisStore } from '@mcpwire/redis';
import { createClient } from 'redis';
import { expect } from 'vitest';
import { describeStoreContract } from '../../transports/test/store-contract.js';
import { useRedis } from './redis-fixture.js';

const redis = useRedis();
let count = 0;

describeStoreContract('Redis', async () => {
  const prefix = `contract${++count}:`;
  const a = redis.open({ prefix });
  const b = redis.open({ prefix });
  await Promise.all([a.ready(), b.ready()]);
  // The fixture closes every store it opened after the file's tests; keys die with the private server.
  return { a, b, cleanup: async () => {} };
});

describeStoreContract('Redis, one store on a node-redis client of the caller', async () => {
  const prefix = `contract${++count}:`;
  const client = await createClient({ url: redis.server.url, disableOfflineQueue: true }).connect();
  const a = redisStore({ client, prefix });
  const b = redis.open({ prefix });
  await Promise.all([a.ready(), b.ready()]);
  return {
    a,
    b,
    async cleanup() {
      await a.close();
      // The store closed its own (subscriber) connection, never the client it was given.
      expect(client.isOpen).toBe(true);
      await client.close();
    },
  };
});
