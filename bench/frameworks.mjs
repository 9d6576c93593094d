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
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Pool } from '../packages/transports/node_modules/undici/index.js';

const CASE_MS = Number(process.env.BENCH_MS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const TARGET = fileURLToPath(new URL('./frameworks-target.mjs', import.meta.url));
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
});
const INITIALIZED = '{"jsonrpc":"2.0","method":"notifications/initialized"}';
const callBody = (id) =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"}}}`;

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
  const child = spawn(process.execPath, [TARGET, kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [url, cpuUrl] = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^ready (\S+) (\S+)/m.exec(out);
      if (match) resolve([match[1], match[2]]);
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
  return {
    url: new URL(url),
    /** The target's CPU time so far, in µs. */
    cpu: async () => Number(await (await fetch(cpuUrl)).text()),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

async function openSession(pool, url) {
  const init = await pool.request({ path: url.pathname, method: 'POST', headers: HEADERS, body: INIT });
  const text = await init.body.text();
  if (init.statusCode !== 200) throw new Error(`initialize: ${init.statusCode} ${text}`);
  const headers = {
    ...HEADERS,
    'mcp-protocol-version': '2025-06-18',
    'mcp-session-id': init.headers['mcp-session-id'],
  };
  const note = await pool.request({ path: url.pathname, method: 'POST', headers, body: INITIALIZED });
  await note.body.text();
  return headers;
}

/** Load on one target with `inFlight` connections on one session; `measure(ms)` answers calls/s. */
async function loadOn(target, inFlight) {
  const url = target.url;
  const pool = new Pool(url.origin, { connections: inFlight, pipelining: 1 });
  const headers = await openSession(pool, url);
  let id = 1;
  const run = async (ms) => {
    let done = 0;
    const end = performance.now() + ms;
    const worker = async () => {
      while (performance.now() < end) {
        const res = await pool.request({ path: url.pathname, method: 'POST', headers, body: callBody(id++) });
        const text = await res.body.text();
        if (res.statusCode !== 200 || !text.includes('hello'))
          throw new Error(`bad answer ${res.statusCode} ${text}`);
        done++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: inFlight }, worker));
    return done / ((performance.now() - started) / 1000);
  };
  await run(300); // warm-up: JIT, connections
  return {
    async measure(ms) {
      const cpuBefore = await target.cpu();
      const callsBefore = id;
      const rate = await run(ms);
      return { rate, cpuPerCall: ((await target.cpu()) - cpuBefore) / (id - callsBefore) };
    },
    close: () => pool.close(),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

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
