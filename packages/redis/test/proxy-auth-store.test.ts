/**
 * The proxy authorization server's records in Redis: the store contract the memory store passes, then
 * the whole 2025-03-26 flow with two server-as-AS instances on one Redis, every request and every token
 * check going to the other instance than the one before.
 */
import { createProxyAuthorizationServer } from '@mcpwire/auth/server';
import { proxyFlowSuite } from '../../auth/test/helpers/proxy-flow-suite.js';
import { proxyAuthStoreContract } from '../../auth/test/helpers/proxy-store-contract.js';
import { useRedis } from './redis-fixture.js';

const redis = useRedis();

proxyAuthStoreContract('Redis', async () => redis.open().proxyAuth);

proxyFlowSuite('two instances sharing Redis, round robin', (options) =>
  // Each instance has its own connections, as separate processes would, and the same keys.
  [0, 1].map(() =>
    createProxyAuthorizationServer({ ...options, store: redis.open({ prefix: 'flow:' }).proxyAuth }),
  ),
);
