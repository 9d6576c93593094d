/** The Redis TaskStore passes the TaskStore contract of @mcpwire/server with two stores as two processes. */
import { describeTaskStoreContract } from '../../server/test/task-store-contract.js';
import { useRedis } from './redis-fixture.js';

const redis = useRedis();
let count = 0;

describeTaskStoreContract('Redis', async () => {
  const prefix = `tasks${++count}:`;
  return { a: redis.open({ prefix }).tasks, b: redis.open({ prefix }).tasks };
});
