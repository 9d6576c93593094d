// Scale-out: tools/call per second with 1 and 32 requests in flight on one legacy session, for
//   memory      one replica, state in its own memory (the default)
//   redis       one replica, state in Redis (@mcpwire/redis)
//   1 replica   that replica behind HAProxy (what the balancer's extra hop costs, for the rows below)
//   2 replicas  two replicas on one Redis behind HAProxy, every request to the next replica (no stickiness)
//   3 replicas  the same with three
// (bench/scale-out-target.mjs is a replica: a McpServer with an echo tool behind our handler), then the
// bytes Redis holds per idle session and sessions opened per second (initialize + initialized).
// Targets run at once and are measured in short interleaved rounds, in a rotating order; the median of
// each round's ratio to the memory replica is reported (see DEVELOPING.md on busy machines). A private
// redis-server and HAProxy are started from the Debian packages (scripts/install-services.sh).
// Run after `npx pnpm@12.4.2 run build`: node bench/scale-out.mjs   (about a minute quiet, two when busy)
//   BENCH_MS=600 per measurement, BENCH_ROUNDS=5, BENCH_SESSIONS=1000
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { Pool } from '../packages/transports/node_modules/undici/index.js';
import { startRedis, startRoundRobin } from '../test/scale-out/services.mjs';
import { callBody, callLoop, median, openSession, startChild } from './target-kit.mjs';

const CASE_MS = Number(process.env.BENCH_MS ?? 600);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const TARGET = fileURLToPath(new URL('./scale-out-target.mjs', import.meta.url));
// A request never answered fails the bench within this, naming it, instead of hanging for undici's 5 min.
const ANSWER_TIMEOUT_MS = 30_000;
const poolOptions = (connections) => ({
  connections,
  pipelining: 1,
  headersTimeout: ANSWER_TIMEOUT_MS,
  bodyTimeout: ANSWER_TIMEOUT_MS,
});

async function startReplica(redisUrl) {
  const { words, stop } = await startChild(TARGET, redisUrl ? [redisUrl] : [], 'replica');
  return { url: new URL(words[0]), stop };
}

/** One session on `url` with `inFlight` connections; `measure(ms)` answers calls per second. */
async function loadOn(url, inFlight) {
  const pool = new Pool(url.origin, poolOptions(inFlight));
  const headers = await openSession(pool, url.pathname);
  const { run } = callLoop(pool, url.pathname, headers, callBody, inFlight);
  await run(300); // warm-up: JIT, connections, every replica hydrates the session
  return { measure: run, close: () => pool.close() };
}

/** Opens SESSIONS sessions with 32 in flight; answers sessions per second. */
async function openSessions(url) {
  const pool = new Pool(url.origin, poolOptions(32));
  const open = async (count) => {
    let left = count;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (left-- > 0) await openSession(pool, url.pathname);
      }),
    );
  };
  await open(100); // warm-up
  const started = performance.now();
  await open(SESSIONS);
  const perSecond = SESSIONS / ((performance.now() - started) / 1000);
  await pool.close();
  return perSecond;
}

const redis = await startRedis();
const memory = await startReplica(undefined);
const onRedis = await startReplica(redis.url);
const more = [await startReplica(redis.url), await startReplica(redis.url)];
const backends = (list) => list.map((replica) => `127.0.0.1:${replica.url.port}`);
const one = await startRoundRobin(backends([onRedis]));
const two = await startRoundRobin(backends([onRedis, more[0]]));
const three = await startRoundRobin(backends([onRedis, ...more]));
const TARGETS = {
  memory: memory.url,
  redis: onRedis.url,
  '1 replica': new URL('/mcp', one.url),
  '2 replicas': new URL('/mcp', two.url),
  '3 replicas': new URL('/mcp', three.url),
};
const names = Object.keys(TARGETS);
const rounds = {};
const lines = [];
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const loadAtStart = load();
try {
  // Every process compiles its hot path first (straight, 32 in flight): the replicas behind the balancer
  // otherwise see a third of the warm-up calls each, and measured calls would pay for their JIT.
  for (const replica of [memory, onRedis, ...more]) {
    const warm = await loadOn(replica.url, 32);
    await warm.measure(1000);
    await warm.close();
  }
  for (const inFlight of [1, 32]) {
    const loads = {};
    for (const name of names) loads[name] = await loadOn(TARGETS[name], inFlight);
    for (let round = 0; round < ROUNDS; round++) {
      const order = names.map((_, i) => names[(i + round) % names.length]);
      const measured = {};
      for (const name of order) measured[name] = await loads[name].measure(CASE_MS);
      for (const name of names) {
        rounds[`${name}@${inFlight}`] ??= { rate: [], ratio: [], behind: [] };
        const entry = rounds[`${name}@${inFlight}`];
        entry.rate.push(measured[name]);
        entry.ratio.push(measured[name] / measured.memory);
        entry.behind.push(measured[name] / measured['1 replica']);
      }
    }
    for (const name of names) await loads[name].close();
  }
  lines.push(
    `medians over ${ROUNDS} interleaved rounds of ${CASE_MS} ms; ratios to the memory replica and, behind the balancer, to 1 replica`,
  );
  for (const inFlight of [1, 32]) {
    for (const name of names) {
      const entry = rounds[`${name}@${inFlight}`];
      const behind = name.endsWith('replicas') ? `  ${median(entry.behind).toFixed(2)}` : '';
      lines.push(
        `${String(inFlight).padStart(2)} in flight  ${name.padEnd(10)} ${median(entry.rate).toFixed(0).padStart(6)} calls/s  ${median(entry.ratio).toFixed(2)}${behind}`,
      );
    }
  }

  // Bytes in Redis per idle session: used_memory before and after opening sessions on the Redis replica.
  const admin = await createClient({ url: redis.url }).connect();
  const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await admin.info('memory'))[1]);
  const keysBefore = await admin.dbSize();
  const before = await usedMemory();
  const redisRate = await openSessions(onRedis.url);
  const perSession = ((await usedMemory()) - before) / (SESSIONS + 100);
  const keysPerSession = ((await admin.dbSize()) - keysBefore) / (SESSIONS + 100);
  await admin.close();
  const memoryRate = await openSessions(memory.url);
  const threeRate = await openSessions(TARGETS['3 replicas']);
  lines.push(
    `Redis per idle session: ${perSession.toFixed(0)} bytes (used_memory), ${keysPerSession.toFixed(1)} keys`,
    `sessions opened per second (32 in flight, ${SESSIONS}): memory ${memoryRate.toFixed(0)}, redis ${redisRate.toFixed(0)}, 3 replicas ${threeRate.toFixed(0)}`,
    `load average (1, 5, 15 min): ${loadAtStart} at the start, ${load()} at the end`,
  );
} finally {
  await Promise.all([one.stop(), two.stop(), three.stop()]);
  await Promise.all([memory, onRedis, ...more].map((replica) => replica.stop()));
  await redis.stop();
}
console.log(lines.join('\n'));
