/**
 * `redisStore(...)`: every shared store of one process on one pair of Redis connections. Pass it (or its
 * parts) where mcpwire takes a store: the Streamable HTTP and legacy SSE handlers, McpServer (tasks,
 * resource updates across replicas) and the proxy authorization server.
 */

import type { McpServerStore } from '@mcpwire/server';
import type { ServerStore } from '@mcpwire/transports/http';
import { RedisEventStore, type RedisEventStoreOptions } from './event-store.js';
import { LuaScript, type RedisConnectOptions, RedisLink } from './link.js';
import { RedisMessageBus } from './message-bus.js';
import { RedisProxyAuthStore } from './proxy-auth-store.js';
import { RedisSessionStore } from './session-store.js';
import { RedisTaskStore } from './task-store.js';

/** KEYS: the secret. ARGV: a fresh random value, kept only when none exists. */
const SHARED_SECRET = new LuaScript(`
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return redis.call('GET', KEYS[1])
`);

function randomHex(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}

/** Options of {@link redisStore}: the connection, and the event store's limits. */
export interface RedisStoreOptions extends RedisConnectOptions {
  events?: RedisEventStoreOptions;
}

/**
 * Shared state in Redis: the HTTP handlers' `store` (sessions, events, bus) and the McpServer's `store`
 * (tasks, bus, claims) at once, plus the proxy authorization server's records.
 */
export interface RedisStore extends ServerStore, McpServerStore {
  /** Legacy session records (Streamable HTTP and HTTP+SSE). */
  readonly sessions: RedisSessionStore;
  /** Resumability events on Redis Streams. */
  readonly events: RedisEventStore;
  /** Pub/sub between processes. */
  readonly bus: RedisMessageBus;
  /** 2025-11-25 tasks (McpServer's `store` option). */
  readonly tasks: RedisTaskStore;
  /** True for the first caller of `key` among all processes within `ttlMs` (`SET NX PX`). */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /**
   * A random secret (64 hex digits) that every process on this Redis gets under `name`, created by the
   * first to ask: e.g. McpServer's `requestStateSecret` when no configuration carries one. Whoever can read
   * the Redis can read it.
   */
  sharedSecret(name: string): Promise<string>;
  /** The 2025-03-26 proxy authorization server's records (`createProxyAuthorizationServer({ store })`). */
  readonly proxyAuth: RedisProxyAuthStore;
  /** Resolves once Redis can be reached (operations fail at once while it cannot; wait here at startup). */
  ready(): Promise<void>;
  /** Closes the connections the store opened. Idempotent. */
  close(): Promise<void>;
}

/** A store on `redis://...`, or on the options' `url` or `client`. */
export function redisStore(options: string | RedisStoreOptions): RedisStore {
  const settings: RedisStoreOptions = typeof options === 'string' ? { url: options } : options;
  const link = new RedisLink(settings);
  return {
    sessions: new RedisSessionStore(link),
    events: new RedisEventStore(link, settings.events),
    bus: new RedisMessageBus(link),
    tasks: new RedisTaskStore(link),
    proxyAuth: new RedisProxyAuthStore(link),
    sharedSecret: async (name) =>
      String(await link.script(SHARED_SECRET, [link.key(`secret:${name}`)], [randomHex(32)])),
    claim: async (key, ttlMs) =>
      (await link.send([
        'SET',
        link.key(`claim:${key}`),
        '1',
        'NX',
        'PX',
        String(Math.max(1, Math.ceil(ttlMs))),
      ])) === 'OK',
    ready: () => link.ready(),
    close: () => link.close(),
  };
}
