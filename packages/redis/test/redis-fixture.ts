/**
 * A private redis-server for one test file (started before its tests, stopped after), and fresh stores on
 * it: each `open()` uses its own key prefix unless given one, so tests never see each other's keys and
 * nothing is flushed.
 */
import { type RedisStore, type RedisStoreOptions, redisStore } from '@mcpwire/redis';
import { afterAll, beforeAll } from 'vitest';
import { type RedisProcess, startRedis } from '../../../test/scale-out/services.mjs';

export interface RedisFixture {
  /** The running redis-server (stop, restart, kill it to test outages). */
  readonly server: RedisProcess;
  /** A new store on its own connections (closed after the file's tests), with a fresh prefix by default. */
  open(options?: Omit<RedisStoreOptions, 'url' | 'client'>): RedisStore;
}

export function useRedis(): RedisFixture {
  let server: RedisProcess | undefined;
  const stores: RedisStore[] = [];
  let count = 0;
  // Generous: on a loaded CI machine starting a process can take seconds.
  beforeAll(async () => {
    server = await startRedis();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await server?.stop();
  });
  const fixture: RedisFixture = {
    get server() {
      if (server === undefined) throw new Error('Expected redis-server to be started by beforeAll');
      return server;
    },
    open(options = {}) {
      const store = redisStore({ prefix: `t${++count}:`, ...options, url: fixture.server.url });
      stores.push(store);
      return store;
    },
  };
  return fixture;
}

/**
 * Polls `check` every 10 ms until it holds; fails after `ms` (for pub/sub and expiry, which no event
 * announces here). Generous by default: a loaded CI machine delays pub/sub deliveries and reconnections.
 */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
