/**
 * The Redis store passes the ServerStore contract of @mcpwire/transports (sessions, events, bus) with two
 * stores on their own connections, as two processes would hold them; each test gets a fresh key prefix.
 */
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
