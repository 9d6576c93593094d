// Memory with a client that never reads (issue 13 item 3): how much the server's resident set grows while a
// stalled peer is flooded. Target: under 64 MB growth in every case. Cases, each on a fresh server process
// (bench/slow-reader-target.mjs, default options):
//   post-fast / post-web  a tools/call whose SSE response is never read, while the tool sends 300k progress
//                         notifications (awaiting each), on the Node fast path and on the web-standard path
//   get-fast / get-web    a GET stream that is never read, while another request sends 300k
//                         resources/updated notifications to it
//   stdio                 100k tools/list requests written to a server whose stdout is never read
// Growth is the peak resident set (VmHWM) minus the resident set before the flood. A case ends when the
// server's memory has been flat for 3 s (it blocked, ended the stream, or finished), or after 60 s.
// Also, as a check that backpressure costs a reading client nothing: progress notifications per second
// delivered to a client that reads (fast path). And slowloris (issue 13 item 4), with listen()'s defaults:
// how long a client that trickles its body one byte a second keeps its connection (given up after 60 s),
// and how much of a 50 MB body over the limit the server takes before the connection closes.
// Linux only (/proc). Run after `npx pnpm@12.4.2 run build`: node bench/slow-readers.mjs   (about 2 minutes)
//   BENCH_FLOOD=300000 notifications, BENCH_STDIO_REQUESTS=100000
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

const FLOOD = Number(process.env.BENCH_FLOOD ?? 300_000);
const STDIO_REQUESTS = Number(process.env.BENCH_STDIO_REQUESTS ?? 100_000);
const TARGET = fileURLToPath(new URL('./slow-reader-target.mjs', import.meta.url));
const FLAT_MS = 3000;
const MAX_MS = 60_000;
const MB = 1024 * 1024;

/** VmRSS and VmHWM of a process, in bytes. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)[1]) * 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** Resolves once the process's RSS has not grown by more than 1 MB for FLAT_MS (or after MAX_MS). */
async function settle(pid) {
  const started = Date.now();
  let level = memoryOf(pid).rss;
  let since = Date.now();
  while (Date.now() - started < MAX_MS) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { rss } = memoryOf(pid);
    if (rss > level + MB) {
      level = rss;
      since = Date.now();
    } else if (Date.now() - since >= FLAT_MS) {
      break;
    }
  }
  return { seconds: (Date.now() - started) / 1000 };
}

function spawnTarget(kind, stdio) {
  return spawn(process.execPath, [TARGET, kind], { stdio });
}

async function startHttp(kind) {
  const child = spawnTarget(kind, ['ignore', 'pipe', 'inherit']);
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^ready (\S+)/m.exec(out);
      if (match) resolve(new URL(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
  return { child, url };
}

const ACCEPT = 'application/json, text/event-stream';

/** One POST with node:http, read whole: status, headers and body text. */
function post(url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', accept: ACCEPT, ...headers },
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
    req.end(JSON.stringify(body));
  });
}

async function openSession(url) {
  const init = await post(url, {
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
  });
  const headers = { 'mcp-session-id': init.headers['mcp-session-id'], 'mcp-protocol-version': '2025-06-18' };
  await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
  return headers;
}

/** Sends a raw HTTP request on its own socket and never reads the answer. */
function stalledRequest(url, method, headers, body) {
  const socket = connect(Number(url.port), url.hostname);
  socket.on('error', () => {});
  let head = `${method} ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\naccept: ${ACCEPT}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  if (body !== undefined) {
    head += `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
  }
  socket.write(`${head}\r\n${body ?? ''}`);
  // No 'data' listener and no resume(): the socket stays paused, so the kernel's window closes.
  return socket;
}

const callFlood = (id, count) =>
  JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'flood', arguments: { count }, _meta: { progressToken: 'p' } },
  });

async function stalledPost(kind) {
  const { child, url } = await startHttp(kind);
  try {
    const headers = await openSession(url);
    const before = memoryOf(child.pid).rss;
    const socket = stalledRequest(url, 'POST', headers, callFlood(1, FLOOD));
    const { seconds } = await settle(child.pid);
    socket.destroy();
    return { growth: memoryOf(child.pid).peak - before, seconds };
  } finally {
    child.kill('SIGTERM');
  }
}

async function stalledGet(kind) {
  const { child, url } = await startHttp(kind);
  try {
    const headers = await openSession(url);
    const subscribed = await post(
      url,
      { jsonrpc: '2.0', id: 1, method: 'resources/subscribe', params: { uri: 'mem://watched' } },
      headers,
    );
    if (subscribed.status !== 200) throw new Error(`subscribe: ${subscribed.status} ${subscribed.text}`);
    const before = memoryOf(child.pid).rss;
    const socket = stalledRequest(url, 'GET', headers);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the GET stream is open before the flood
    const call = post(
      url,
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'broadcast', arguments: { count: FLOOD } },
      },
      headers,
    );
    const { seconds } = await settle(child.pid);
    const answered = await Promise.race([
      call.then(() => true),
      new Promise((r) => setTimeout(r, 100, false)),
    ]);
    socket.destroy();
    return { growth: memoryOf(child.pid).peak - before, seconds, answered };
  } finally {
    child.kill('SIGTERM');
  }
}

async function stalledStdio() {
  const child = spawnTarget('stdio', ['pipe', 'pipe', 'inherit']);
  child.stdin.on('error', () => {});
  const initialized = new Promise((resolve) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      if (out.includes('\n')) {
        child.stdout.off('data', onData);
        child.stdout.pause(); // from here on nobody reads the server's stdout
        resolve();
      }
    };
    child.stdout.on('data', onData);
  });
  child.stdin.write(
    `${JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'b', version: '1' } },
    })}\n{"jsonrpc":"2.0","method":"notifications/initialized"}\n`,
  );
  await initialized;
  try {
    const before = memoryOf(child.pid).rss;
    // Write the requests as fast as the server takes them, for at most MAX_MS: a server that stops
    // reading makes our writes wait, and the rest are not sent.
    let written = 0;
    const deadline = Date.now() + MAX_MS;
    const writing = (async () => {
      while (written < STDIO_REQUESTS && Date.now() < deadline) {
        let chunk = '';
        for (let i = 0; i < 1000 && written < STDIO_REQUESTS; i++, written++) {
          chunk += `{"jsonrpc":"2.0","id":${written + 1},"method":"tools/list"}\n`;
        }
        if (!child.stdin.write(chunk)) {
          const drained = await Promise.race([
            new Promise((resolve) => child.stdin.once('drain', () => resolve(true))),
            new Promise((resolve) => setTimeout(resolve, FLAT_MS + 1000, false)),
          ]);
          if (!drained) return;
        }
      }
    })();
    const { seconds } = await settle(child.pid);
    await Promise.race([writing, new Promise((r) => setTimeout(r, 100))]);
    return { growth: memoryOf(child.pid).peak - before, seconds, written };
  } finally {
    child.kill('SIGTERM');
  }
}

/** Progress notifications per second delivered to a client that reads the SSE response. */
async function readingRate() {
  const { child, url } = await startHttp('http-fast');
  try {
    const headers = await openSession(url);
    await post(url, JSON.parse(callFlood(1, 20_000)), headers); // warm-up
    const started = performance.now();
    const answer = await post(url, JSON.parse(callFlood(2, FLOOD)), headers);
    const seconds = (performance.now() - started) / 1000;
    const events = answer.text.split('notifications/progress').length - 1;
    if (events !== FLOOD) throw new Error(`expected ${FLOOD} progress events, received ${events}`);
    return FLOOD / seconds;
  } finally {
    child.kill('SIGTERM');
  }
}

/** Seconds until the server closes a connection whose body comes one byte a second (null: not in MAX_MS). */
async function trickleHeld() {
  const { child, url } = await startHttp('http-fast');
  try {
    const headers = await openSession(url);
    const socket = connect(Number(url.port), url.hostname);
    socket.on('error', () => {});
    let head = `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\naccept: ${ACCEPT}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    socket.write(`${head}content-type: application/json\r\ncontent-length: 1000\r\n\r\n`);
    const started = Date.now();
    const timer = setInterval(() => socket.write('x'), 1000);
    const closed = await Promise.race([
      new Promise((resolve) => socket.once('close', () => resolve(true))),
      new Promise((resolve) => setTimeout(resolve, MAX_MS, false)),
    ]);
    clearInterval(timer);
    socket.destroy();
    return closed ? (Date.now() - started) / 1000 : null;
  } finally {
    child.kill('SIGTERM');
  }
}

/** A 50 MB body (over the 4 MiB limit) sent as fast as the server takes it: what it took, and the end. */
async function hugeBody() {
  const { child, url } = await startHttp('http-fast');
  try {
    const headers = await openSession(url);
    const socket = connect(Number(url.port), url.hostname);
    socket.on('error', () => {});
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk) => {
      answer += chunk;
    });
    const total = 50 * MB;
    let head = `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\naccept: ${ACCEPT}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    socket.write(`${head}content-type: application/json\r\ncontent-length: ${total}\r\n\r\n`);
    const piece = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    const ended = await new Promise((resolve) => {
      socket.once('close', () => resolve('closed'));
      setTimeout(() => resolve('still open'), 10_000);
      const pump = () => {
        while (written < total && !socket.destroyed) {
          written += piece.length;
          if (!socket.write(piece)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
    socket.destroy();
    return { written, ended, status: /^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 'none' };
  } finally {
    child.kill('SIGTERM');
  }
}

const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const lines = [];
for (const kind of ['http-fast', 'http-web']) {
  const r = await stalledPost(kind);
  lines.push(
    `POST stream never read (${kind}, ${FLOOD} progress notifications): +${mb(r.growth)} peak RSS (settled after ${r.seconds.toFixed(1)} s)`,
  );
}
for (const kind of ['http-fast', 'http-web']) {
  const r = await stalledGet(kind);
  lines.push(
    `GET stream never read (${kind}, ${FLOOD} resources/updated): +${mb(r.growth)} peak RSS (settled after ${r.seconds.toFixed(1)} s; broadcast ${r.answered ? 'answered' : 'still running'})`,
  );
}
{
  const r = await stalledStdio();
  lines.push(
    `stdout never read (stdio, ${r.written} of ${STDIO_REQUESTS} tools/list taken): +${mb(r.growth)} peak RSS (settled after ${r.seconds.toFixed(1)} s)`,
  );
}
lines.push(`reading client (http-fast): ${(await readingRate()).toFixed(0)} progress notifications/s`);
{
  const held = await trickleHeld();
  lines.push(
    `body trickled at 1 byte/s (listen() defaults): ${held === null ? `still connected after ${MAX_MS / 1000} s` : `dropped after ${held.toFixed(1)} s`}`,
  );
  const huge = await hugeBody();
  lines.push(
    `50 MB body over the limit: answered ${huge.status}, ${mb(huge.written)} sent, connection ${huge.ended} (within 10 s)`,
  );
}
console.log(lines.join('\n'));
