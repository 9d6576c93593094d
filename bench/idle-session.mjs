// Server memory per idle Streamable HTTP session (issue 16: at most 8 KB): ours (listen() + our handler)
// and the official SDK v1 (one StreamableHTTPServerTransport + McpServer per session, as its docs show),
// each in its own process (bench/idle-session-target.mjs, --expose-gc). Each target gets a warm-up of
// sessions, then BENCH_SESSIONS more, opened side by side (initialize, then notifications/initialized,
// then one tools/call, so the session has served a request); heap in use and RSS are read after two full
// collections before and after. The sessions stay open (idle) while measured. RSS per session is noisy
// (the allocator keeps freed pages); heap per session is the figure to compare.
// Run after `npx pnpm@12.4.2 run build`: node bench/idle-session.mjs   (about 30 seconds)
//   BENCH_SESSIONS=2000 sessions per target and round (at most 2,500), BENCH_ROUNDS=3 (median of rounds, each adding sessions)
import { spawn } from 'node:child_process';
import { connect as netConnect } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Pool } from '../packages/transports/node_modules/undici/index.js';
import { HEADERS, INIT, INITIALIZED, readyUrl } from './target-kit.mjs';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = fileURLToPath(new URL('./idle-session-target.mjs', import.meta.url));
const CALL =
  '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"}}}';

async function startTarget(kind) {
  const child = spawn(process.execPath, ['--expose-gc', TARGET, kind], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await readyUrl(child, kind);
  // Each batch from its own loopback address: our default per-client limit (2,500 sessions per remote
  // address) would otherwise refuse the later rounds.
  const pools = [];
  const poolFrom = (address) => {
    const pool = new Pool(url.origin, { connections: 16, pipelining: 1, connect: connectFrom(address) });
    pools.push(pool);
    return pool;
  };
  return {
    kind,
    memory: () =>
      new Promise((resolve) => {
        child.once('message', resolve);
        child.send('memory');
      }),
    async open(count, address) {
      const pool = poolFrom(address);
      let left = count;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (left-- > 0) await openSession(pool, url);
        }),
      );
    },
    async stop() {
      await Promise.all(pools.map((pool) => pool.close()));
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    },
  };
}

async function post(pool, url, headers, body) {
  const res = await pool.request({ path: url.pathname, method: 'POST', headers, body });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`expected 2xx, received ${res.statusCode}: ${text}`);
  return { res, text };
}

async function openSession(pool, url) {
  const { res } = await post(pool, url, HEADERS, INIT);
  const headers = {
    ...HEADERS,
    'mcp-protocol-version': '2025-06-18',
    'mcp-session-id': res.headers['mcp-session-id'],
  };
  await post(pool, url, headers, INITIALIZED);
  const { text } = await post(pool, url, headers, CALL);
  if (!text.includes('hello')) throw new Error(`expected the echo, received ${text}`);
}

/** An undici connector binding the client side to `localAddress` (its own options do not take one). */
function connectFrom(localAddress) {
  return ({ hostname, port }, callback) => {
    const socket = netConnect({ host: hostname, port: Number(port), localAddress });
    socket.once('connect', () => callback(null, socket));
    socket.once('error', (error) => callback(error, null));
    return socket;
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const targets = [await startTarget('ours'), await startTarget('sdk')];
try {
  const perSession = { ours: { heap: [], rss: [] }, sdk: { heap: [], rss: [] } };
  for (const target of targets) await target.open(200, '127.0.0.1'); // warm-up: JIT, pools, first-use caches
  const held = { ours: 200, sdk: 200 };
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      const before = await target.memory();
      await target.open(SESSIONS, `127.0.0.${round + 2}`);
      const after = await target.memory();
      held[target.kind] = after.sessions;
      perSession[target.kind].heap.push((after.heap - before.heap) / SESSIONS);
      perSession[target.kind].rss.push((after.rss - before.rss) / SESSIONS);
    }
  }
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const ours = { heap: median(perSession.ours.heap), rss: median(perSession.ours.rss) };
  const sdk = { heap: median(perSession.sdk.heap), rss: median(perSession.sdk.rss) };
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
  console.log(
    `idle Streamable HTTP sessions: ${SESSIONS} per round, ${ROUNDS} rounds (median); load average ${load}`,
  );
  console.log('target        heap/session   RSS/session   sessions held');
  console.log(`mcpwire       ${kb(ours.heap).padStart(12)}   ${kb(ours.rss).padStart(11)}   ${held.ours}`);
  console.log(`SDK v1        ${kb(sdk.heap).padStart(12)}   ${kb(sdk.rss).padStart(11)}   ${held.sdk}`);
  console.log(
    `ratio mcpwire/SDK v1: heap ${(ours.heap / sdk.heap).toFixed(2)}, RSS ${(ours.rss / sdk.rss).toFixed(2)}; target (issue 16): heap at most 8 KB per session`,
  );
} finally {
  for (const target of targets) await target.stop();
}
