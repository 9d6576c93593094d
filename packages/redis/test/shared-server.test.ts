/** Two McpServers, each on its own Redis connections with the same keys, act as two processes of one server. */
import { describeSharedServerStore } from '../../server/test/shared-store-suite.js';
import { useRedis } from './redis-fixture.js';

const redis = useRedis();
let count = 0;

describeSharedServerStore('Redis', () => {
  const prefix = `replicas${++count}:`;
  return [redis.open({ prefix }), redis.open({ prefix })];
});
