/**
 * @mcpwire/redis: shared state for mcpwire servers on many processes behind any load balancer, on Redis
 * (node-redis v5). See the README and docs/deploying.md.
 */
export { RedisEventStore, type RedisEventStoreOptions } from './event-store.js';
export type { RedisClientLike, RedisConnectOptions, RedisSubscriberLike } from './link.js';
export { RedisMessageBus } from './message-bus.js';
export { RedisProxyAuthStore } from './proxy-auth-store.js';
export { RedisSessionStore } from './session-store.js';
export { type RedisStore, type RedisStoreOptions, redisStore } from './store.js';
export { RedisTaskStore } from './task-store.js';
