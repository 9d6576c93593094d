/**
 * @mcpwire/redis: shared state for mcpwire servers on many processes behind any load balancer, on Redis
 * (node-redis v5). See the README and docs/deploying.md.
 */
export type { RedisClientLike, RedisConnectOptions, RedisSubscriberLike } from './link.js';
export { RedisProxyAuthStore } from './proxy-auth-store.js';
export { type RedisStore, type RedisStoreOptions, redisStore } from './store.js';
