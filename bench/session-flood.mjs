// Session flood (issue 13 item 2): does a flood of unauthenticated initializes lock real clients out?
// A server with default options (bench/session-flood-target.mjs) gets BENCH_FLOOD initializes that are
// never followed by anything, from 127.0.0.1, 64 at a time. Meanwhile, and for a while after, a real client
// from 127.0.0.2 opens a session (initialize + initialized) and calls a tool every 100 ms. Reported: the
// flood's rate and answers, the real client's successes and failures during and after it, and the
// server's live sessions and heap at the end.
// Run after `npx pnpm@12.4.2 run build`: node bench/session-flood.mjs [checkout]   (about 20 seconds)
//   The optional checkout (a directory with built packages) runs the same flood against another build.
//   BENCH_FLOOD=10000 initializes, BENCH_AFTER_MS=3000 of real-client checks after the flood.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { INIT, INITIALIZED, readyUrl } from './target-kit.mjs';

const FLOOD = Number(process.env.BENCH_FLOOD ?? 10_000);
const AFTER_MS = Number(process.env.BENCH_AFTER_MS ?? 3000);
const TARGET = fileURLToPath(new URL('./session-flood-target.mjs', import.meta.url));
const checkout = process.argv[2];
const CALL =
  '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}';

function post(agent, url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One real client's try, timed: pushes 'ok' or the failing status to `outcomes`, and its time in ms to `times`. */
async function timedClient(agent, url, outcomes, times) {
  const started = performance.now();
  outcomes.push(await realClient(agent, url));
  times.push(performance.now() - started);
}

/** One real client's try: a new session, then a tool call in it. The failing status, or 'ok'. */
async function realClient(agent, url) {
  const init = await post(agent, url, INIT);
  if (init.status !== 200) return init.status;
  const session = init.headers['mcp-session-id'];
  const headers = { 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' };
  const note = await post(agent, url, INITIALIZED, headers);
  if (note.status !== 202) return note.status;
  const call = await post(agent, url, CALL, headers);
  return call.status === 200 && call.text.includes('hi') ? 'ok' : call.status;
}

/** Median and slowest of the real client's tries (3 round trips each: initialize, initialized, call). */
function timing(times) {
  if (times.length === 0) return 'no tries';
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, slowest ${sorted.at(-1).toFixed(0)} ms per try`;
}

function tally(values) {
  const counts = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return Object.entries(counts)
    .map(([key, count]) => `${key}: ${count}`)
    .join(', ');
}

const child = spawn(process.execPath, ['--expose-gc', TARGET, ...(checkout ? [checkout] : [])], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = (await readyUrl(child, 'target')).href;
const attacker = new Agent({ keepAlive: true, maxSockets: 64, localAddress: '127.0.0.1' });
const user = new Agent({ keepAlive: true, maxSockets: 4, localAddress: '127.0.0.2' });
try {
  const during = [];
  const duringTimes = [];
  let flooding = true;
  const watcher = (async () => {
    while (flooding) {
      await timedClient(user, url, during, duringTimes);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const statuses = [];
  let left = FLOOD;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (left-- > 0) statuses.push((await post(attacker, url, INIT)).status);
    }),
  );
  const floodMs = performance.now() - started;
  flooding = false;
  await watcher;
  const after = [];
  const afterTimes = [];
  const afterEnd = Date.now() + AFTER_MS;
  while (Date.now() < afterEnd) {
    await timedClient(user, url, after, afterTimes);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const state = JSON.parse(
    await new Promise((resolve) => {
      request(url.replace('/mcp', '/__sessions'), (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve(text));
      }).end();
    }),
  );
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
  console.log(`target: ${checkout ?? 'this checkout'}; load average ${load}`);
  console.log(
    `flood: ${FLOOD} initializes from 127.0.0.1 in ${(floodMs / 1000).toFixed(1)} s (${(FLOOD / (floodMs / 1000)).toFixed(0)}/s); answers ${tally(statuses)}`,
  );
  console.log(`real client (127.0.0.2) during the flood: ${tally(during)}; ${timing(duringTimes)}`);
  console.log(`real client in the ${AFTER_MS / 1000} s after it: ${tally(after)}; ${timing(afterTimes)}`);
  console.log(
    `server after: ${state.sessions} live sessions, ${(state.heap / 1048576).toFixed(1)} MB heap, ${(state.rss / 1048576).toFixed(1)} MB RSS`,
  );
} finally {
  attacker.destroy();
  user.destroy();
  child.kill('SIGTERM');
}
