/**
 * One MCP server as several processes: a private redis-server, N built fixture servers started with
 * `--redis` (all state in that Redis), and HAProxy balancing every request round-robin over them with no
 * stickiness. `useCluster()` starts one for a test file and stops it (every process) afterwards.
 */
import { afterAll, beforeAll } from 'vitest';
import { requireBuiltFixture } from '../official/suite-helpers.js';
import {
  type FixtureProcess,
  type RedisProcess,
  type RoundRobin,
  startFixtureServer,
  startRedis,
  startRoundRobin,
} from './services.mjs';

export interface Cluster {
  readonly redis: RedisProcess;
  readonly replicas: FixtureProcess[];
  readonly balancer: RoundRobin;
  /** The Streamable HTTP endpoint behind the balancer. */
  readonly mcpUrl: string;
  /** The legacy HTTP+SSE endpoint behind the balancer. */
  readonly sseUrl: string;
}

export async function startCluster(count: number): Promise<Cluster & { stop(): Promise<void> }> {
  requireBuiltFixture('server');
  const redis = await startRedis();
  const replicas: FixtureProcess[] = [];
  try {
    replicas.push(
      ...(await Promise.all(Array.from({ length: count }, () => startFixtureServer({ redis: redis.url })))),
    );
    const balancer = await startRoundRobin(replicas.map((replica) => `127.0.0.1:${replica.port}`));
    return {
      redis,
      replicas,
      balancer,
      mcpUrl: `${balancer.url}/mcp`,
      sseUrl: `${balancer.url}/sse`,
      async stop() {
        await balancer.stop();
        await Promise.all(replicas.map((replica) => replica.stop()));
        await redis.stop();
      },
    };
  } catch (error) {
    await Promise.all(replicas.map((replica) => replica.kill()));
    await redis.stop();
    throw error;
  }
}

/** A cluster of `count` replicas for the test file: started before its tests, stopped after. */
export function useCluster(count = 3): Cluster {
  let cluster: (Cluster & { stop(): Promise<void> }) | undefined;
  beforeAll(async () => {
    cluster = await startCluster(count);
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  const get = (): Cluster => {
    if (cluster === undefined) throw new Error('Expected the cluster to be started by beforeAll');
    return cluster;
  };
  return {
    get redis() {
      return get().redis;
    },
    get replicas() {
      return get().replicas;
    },
    get balancer() {
      return get().balancer;
    },
    get mcpUrl() {
      return get().mcpUrl;
    },
    get sseUrl() {
      return get().sseUrl;
    },
  };
}

/** Polls `check` every 10 ms until it holds; fails after `ms` (for deliveries no event announces). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
