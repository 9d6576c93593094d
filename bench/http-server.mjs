// Streamable HTTP, full stack: tools/call per second with 1 and 32 requests in flight, JSON and SSE
// response modes, from one undici Pool, against each target in its own process (bench/http-server-target.mjs):
// ours (McpServer + echo tool behind our handler and Node adapter), the official SDK v1 (McpServer +
// StreamableHTTPServerTransport on node:http), and a raw node:http JSON echo (the ceiling). Both MCP servers
// are stateful. Our server is also measured with stateless 2026-07-28 requests (the SDK v1 does not speak
// that revision). Also heap per idle session and sessions opened per second (initialize + initialized).
// All targets run at once (idle while another is measured) and are measured in short interleaved rounds,
// in a rotating order; each round's rate is divided by the ceiling's rate in that same round, and the median
// over rounds is reported. The speed of a shared or virtual machine drifts by tens of percent within a
// minute, so ratios of back-to-back measurements are far steadier than best-of runs minutes apart.
// Run after `npx pnpm@12.4.2 run build`: node bench/http-server.mjs   (about 90 seconds)
//   BENCH_MS=600 per measurement, BENCH_ROUNDS=7, BENCH_SESSIONS=2000
import { fileURLToPath } from 'node:url';
import { Pool } from '../packages/transports/node_modules/undici/index.js';
import { callBody, callLoop, HEADERS, median, openSession, startChild } from './target-kit.mjs';

const CASE_MS = Number(process.env.BENCH_MS ?? 600);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 2000);
const TARGET = fileURLToPath(new URL('./http-server-target.mjs', import.meta.url));
// 2026-07-28: no session; the version, capabilities and client info travel in every request's _meta.
const MODERN_META =
  '"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"}}';
const modernCallBody = (id) =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"},${MODERN_META}}}`;
const MODERN_HEADERS = {
  ...HEADERS,
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': 'tools/call',
  'mcp-name': 'echo',
};

async function startTarget(kind) {
  const { words, stop } = await startChild(TARGET, [kind], kind, ['--expose-gc']);
  return { url: new URL(words[0]), stop };
}

/**
 * Load on one target with `inFlight` connections: a legacy session, or stateless 2026-07-28 requests.
 * `measure(ms)` runs it for that long.
 */
async function loadOn(url, inFlight, modern) {
  const pool = new Pool(url.origin, { connections: inFlight, pipelining: 1 });
  const headers = modern ? MODERN_HEADERS : await openSession(pool, url.pathname);
  const body = modern ? modernCallBody : callBody;
  const { run, calls } = callLoop(pool, url.pathname, headers, body, inFlight);
  await run(300); // warm-up: JIT, connections
  return {
    async measure(ms) {
      const cpuBefore = await counter(pool, '/__cpu');
      const callsBefore = calls();
      const rate = await run(ms);
      const cpuPerCall = ((await counter(pool, '/__cpu')) - cpuBefore) / (calls() - callsBefore);
      return { rate, cpuPerCall };
    },
    close: () => pool.close(),
  };
}

/** GET /__heap or /__cpu of a target: a number it measured about itself. */
async function counter(pool, path) {
  const res = await pool.request({ path, method: 'GET' });
  return Number(await res.body.text());
}

async function sessionCost(url) {
  const pool = new Pool(url.origin, { connections: 32, pipelining: 1 });
  const open = async (count) => {
    let left = count;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (left-- > 0) await openSession(pool, url.pathname);
      }),
    );
  };
  await open(200); // warm-up
  const before = await counter(pool, '/__heap');
  const started = performance.now();
  await open(SESSIONS);
  const perSecond = SESSIONS / ((performance.now() - started) / 1000);
  const perSession = ((await counter(pool, '/__heap')) - before) / SESSIONS;
  await pool.close();
  return { perSecond, perSession };
}

const KINDS = ['raw', 'ours-json', 'sdk-json', 'ours-sse', 'sdk-sse', 'ours-json-off', 'ours-json-otel'];
/**
 * What is measured: each kind's legacy session, plus 2026-07-28 requests to our JSON targets (as shipped,
 * telemetry off, OpenTelemetry SDK registered).
 */
const CASES = [
  ...KINDS.map((kind) => ({ name: kind, target: kind })),
  { name: 'ours-modern', target: 'ours-json', modern: true },
  { name: 'ours-modern-off', target: 'ours-json-off', modern: true },
  { name: 'ours-modern-otel', target: 'ours-json-otel', modern: true },
];
/** Per key (`kind@inFlight`): the rates, CPU per call and ratio to the ceiling of every round. */
const rounds = {};
const targets = {};
for (const kind of KINDS) targets[kind] = await startTarget(kind);
try {
  for (const inFlight of [1, 32]) {
    const loads = {};
    for (const c of CASES) loads[c.name] = await loadOn(targets[c.target].url, inFlight, c.modern === true);
    const names = CASES.map((c) => c.name);
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so no case always runs first (or right after the heaviest one).
      const order = names.map((_, i) => names[(i + round) % names.length]);
      const measured = {};
      for (const kind of order) measured[kind] = await loads[kind].measure(CASE_MS);
      for (const kind of names) {
        const key = `${kind}@${inFlight}`;
        rounds[key] ??= { rate: [], cpu: [], ratio: [] };
        const entry = rounds[key];
        entry.rate.push(measured[kind].rate);
        entry.cpu.push(measured[kind].cpuPerCall);
        entry.ratio.push(measured[kind].rate / measured.raw.rate);
      }
    }
    for (const kind of names) await loads[kind].close();
  }
} finally {
  for (const kind of KINDS) await targets[kind].stop();
}

const LABELS = {
  raw: 'raw node:http JSON echo',
  'ours-json': 'mcpwire, JSON responses',
  'sdk-json': 'SDK v1, JSON responses',
  'ours-sse': 'mcpwire, SSE responses',
  'sdk-sse': 'SDK v1, SSE responses',
  'ours-modern': 'mcpwire, 2026-07-28 (JSON)',
  'ours-json-off': 'mcpwire JSON, telemetry off',
  'ours-json-otel': 'mcpwire JSON, OTel SDK',
  'ours-modern-off': 'mcpwire 2026, telemetry off',
  'ours-modern-otel': 'mcpwire 2026, OTel SDK',
};
const lines = [`medians over ${ROUNDS} interleaved rounds of ${CASE_MS} ms`];
for (const inFlight of [1, 32]) {
  for (const { name: kind } of CASES) {
    const entry = rounds[`${kind}@${inFlight}`];
    lines.push(
      `${String(inFlight).padStart(2)} in flight  ${LABELS[kind].padEnd(26)} ${median(entry.rate).toFixed(0).padStart(7)} calls/s  ${median(entry.ratio).toFixed(2)} of ceiling  ${median(entry.cpu).toFixed(0).padStart(5)} µs server CPU/call`,
    );
  }
}
// Telemetry: each variant over the same case as shipped, as medians of per-round ratios.
const perRound = (a, b) => median(rounds[a].rate.map((rate, i) => rate / rounds[b].rate[i]));
for (const inFlight of [1, 32]) {
  const at = (name) => `${name}@${inFlight}`;
  lines.push(
    `${String(inFlight).padStart(2)} in flight  telemetry: nothing registered / off ${perRound(at('ours-json'), at('ours-json-off')).toFixed(2)} (legacy) ${perRound(at('ours-modern'), at('ours-modern-off')).toFixed(2)} (2026); SDK registered / nothing registered ${perRound(at('ours-json-otel'), at('ours-json')).toFixed(2)} (legacy) ${perRound(at('ours-modern-otel'), at('ours-modern')).toFixed(2)} (2026)`,
  );
}
for (const kind of ['ours-json', 'sdk-json']) {
  const target = await startTarget(kind);
  try {
    const cost = await sessionCost(target.url);
    lines.push(
      `${LABELS[kind].split(',')[0].padEnd(8)} sessions: ${cost.perSecond.toFixed(0)} opened/s, ${(cost.perSession / 1024).toFixed(1)} KB heap per idle session (${SESSIONS} sessions)`,
    );
  } finally {
    await target.stop();
  }
}
console.log(lines.join('\n'));
