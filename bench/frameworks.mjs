// Streamable HTTP through the framework recipes of docs/frameworks.md: tools/call per second (a legacy
// session, JSON answers, the echo tool) with 1 and 32 requests in flight, from one undici Pool, against
// each target in its own process (bench/frameworks-target.mjs): listen(), createRouter under listen(),
// Express 5 (express.json() first; the MCP route ahead of the parser; createNodeRouter ahead of the
// app; and, for reference, Express alone answering the same JSON with no MCP at all), Fastify 5 (toFastifyPlugin), Hono 4 on @hono/node-server (toHonoHandler), the conformance fixture
// server (a router of /mcp, /sse and /messages), and a raw node:http JSON echo (the ceiling). Measured in
// short interleaved rounds in a rotating order; each round's rate is divided by listen()'s and by the
// ceiling's in that same round, and the median over rounds is reported, with the server's CPU time per
// call (steadier than rates on a busy machine) and its ratio to listen()'s. Targets: every way ≥ 0.85 of
// listen(); the fixture server ≥ 0.85 of the raw echo.
// Run after `npx pnpm@12.4.2 run build`: node bench/frameworks.mjs   (about 2 minutes)
//   BENCH_MS=500 per measurement, BENCH_ROUNDS=11, BENCH_ONLY=<kinds> (comma-separated)
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Pool } from '../packages/transports/node_modules/undici/index.js';
import { callBody, callLoop, median, openSession, startChild } from './target-kit.mjs';

const CASE_MS = Number(process.env.BENCH_MS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const TARGET = fileURLToPath(new URL('./frameworks-target.mjs', import.meta.url));
const ALL_KINDS = [
  'raw',
  'listen',
  'router',
  'express',
  'express-route-first',
  'express-ahead',
  'express-alone',
  'fastify',
  'hono',
  'fixture',
];
// BENCH_ONLY=fastify,hono measures those (raw and listen() always run: every ratio needs them).
const only = process.env.BENCH_ONLY?.split(',');
const KINDS = ALL_KINDS.filter(
  (kind) => only === undefined || kind === 'raw' || kind === 'listen' || only.includes(kind),
);
const LABELS = {
  raw: 'raw node:http JSON echo',
  listen: 'listen()',
  router: 'createRouter + listen()',
  express: 'Express 5, express.json() first',
  'express-route-first': 'Express 5, /mcp before parser',
  'express-ahead': 'Express 5 + createNodeRouter',
  'express-alone': 'Express 5 alone (no MCP; ref.)',
  fastify: 'Fastify 5 + toFastifyPlugin',
  hono: 'Hono 4 + toHonoHandler',
  fixture: 'fixture server (router)',
};

async function startTarget(kind) {
  const { words, stop } = await startChild(TARGET, [kind], kind);
  const [url, cpuUrl] = words;
  return {
    url: new URL(url),
    /** The target's CPU time so far, in µs. */
    cpu: async () => Number(await (await fetch(cpuUrl)).text()),
    stop,
  };
}

/** Load on one target with `inFlight` connections on one session; `measure(ms)` answers calls/s. */
async function loadOn(target, inFlight) {
  const url = target.url;
  const pool = new Pool(url.origin, { connections: inFlight, pipelining: 1 });
  const headers = await openSession(pool, url.pathname);
  const { run, calls } = callLoop(pool, url.pathname, headers, callBody, inFlight);
  await run(300); // warm-up: JIT, connections
  return {
    async measure(ms) {
      const cpuBefore = await target.cpu();
      const callsBefore = calls();
      const rate = await run(ms);
      return { rate, cpuPerCall: ((await target.cpu()) - cpuBefore) / (calls() - callsBefore) };
    },
    close: () => pool.close(),
  };
}

const loadAtStart = loadavg()[0];
const rounds = {};
const targets = {};
for (const kind of KINDS) targets[kind] = await startTarget(kind);
try {
  for (const inFlight of [1, 32]) {
    const loads = {};
    for (const kind of KINDS) loads[kind] = await loadOn(targets[kind], inFlight);
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so no target always runs first (or right after the heaviest one).
      const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]);
      const m = {};
      for (const kind of order) m[kind] = await loads[kind].measure(CASE_MS);
      for (const kind of KINDS) {
        const key = `${kind}@${inFlight}`;
        rounds[key] ??= { rate: [], ofListen: [], ofRaw: [], cpu: [], cpuOfListen: [] };
        const entry = rounds[key];
        entry.rate.push(m[kind].rate);
        entry.ofListen.push(m[kind].rate / m.listen.rate);
        entry.ofRaw.push(m[kind].rate / m.raw.rate);
        entry.cpu.push(m[kind].cpuPerCall);
        // As a speed: listen()'s CPU per call over this one's (above 1: cheaper than listen()).
        entry.cpuOfListen.push(m.listen.cpuPerCall / m[kind].cpuPerCall);
      }
    }
    for (const kind of KINDS) await loads[kind].close();
  }
} finally {
  for (const kind of KINDS) await targets[kind].stop();
}

const lines = [`medians over ${ROUNDS} interleaved rounds of ${CASE_MS} ms`];
for (const inFlight of [1, 32]) {
  for (const kind of KINDS) {
    const entry = rounds[`${kind}@${inFlight}`];
    lines.push(
      `${String(inFlight).padStart(2)} in flight  ${LABELS[kind].padEnd(31)} ${median(entry.rate).toFixed(0).padStart(7)} calls/s  ${median(entry.ofListen).toFixed(2)} of listen()  ${median(entry.ofRaw).toFixed(2)} of raw echo  ${median(entry.cpu).toFixed(0).padStart(4)} µs CPU/call (${median(entry.cpuOfListen).toFixed(2)} of listen()'s speed)`,
    );
  }
}
// The targets, on the rate ratios (with the CPU ratio beside them: on a busy machine the rates of
// one round are disturbed by others' work, the CPU per call much less).
const REFERENCES = new Set(['raw', 'listen', 'express-alone']);
lines.push('targets: each recipe >= 0.85 of listen(); the fixture server >= 0.85 of the raw echo');
for (const kind of KINDS.filter((k) => !REFERENCES.has(k))) {
  const worst = Math.min(...[1, 32].map((n) => median(rounds[`${kind}@${n}`].ofListen)));
  const worstCpu = Math.min(...[1, 32].map((n) => median(rounds[`${kind}@${n}`].cpuOfListen)));
  lines.push(
    `  ${LABELS[kind].padEnd(31)} worst ${worst.toFixed(2)} of listen() (CPU ${worstCpu.toFixed(2)}): ${worst >= 0.85 ? 'met' : 'MISSED'}`,
  );
}
if (KINDS.includes('fixture')) {
  const worst = Math.min(...[1, 32].map((n) => median(rounds[`fixture@${n}`].ofRaw)));
  lines.push(
    `  fixture server vs raw echo       worst ${worst.toFixed(2)}: ${worst >= 0.85 ? 'met' : 'MISSED'}`,
  );
}
lines.push(`load average (1 min) ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
console.log(lines.join('\n'));
