// Shared by the benchmarks that run a server in a child process: the legacy session's opening messages,
// the wait for the child's `ready <url>` line, and the call loop of the HTTP benchmarks.
import { spawn } from 'node:child_process';

export const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
export const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
});
export const INITIALIZED = '{"jsonrpc":"2.0","method":"notifications/initialized"}';

/** The URL a child prints as `ready <url>` on stdout; rejects if it exits first. */
export function readyUrl(child, name) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^ready (\S+)/m.exec(out);
      if (match) resolve(new URL(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

/** A tools/call of the targets' echo tool, with request id `id`. */
export const callBody = (id) =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"}}}`;

/** Spawns `node [nodeArgs] script args` and waits for its `ready <url> [more]` line: the words after `ready`. */
export async function startChild(script, args, name, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const words = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^ready (.+)$/m.exec(out);
      if (match) resolve(match[1].trim().split(/\s+/));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return {
    words,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** initialize + initialized on `path` through an undici Pool; resolves with the new session's request headers. */
export async function openSession(pool, path) {
  const init = await pool.request({ path, method: 'POST', headers: HEADERS, body: INIT });
  const text = await init.body.text();
  if (init.statusCode !== 200) throw new Error(`initialize: ${init.statusCode} ${text}`);
  const headers = {
    ...HEADERS,
    'mcp-protocol-version': '2025-06-18',
    'mcp-session-id': init.headers['mcp-session-id'],
  };
  const note = await pool.request({ path, method: 'POST', headers, body: INITIALIZED });
  await note.body.text();
  return headers;
}

/**
 * `inFlight` workers posting `body(id)` to `path` back to back. `run(ms)` answers calls per second over that
 * time (every answer must be a 200 echoing "hello"); `calls()` counts the calls sent so far.
 */
export function callLoop(pool, path, headers, body, inFlight) {
  let id = 1;
  const run = async (ms) => {
    let done = 0;
    const end = performance.now() + ms;
    const worker = async () => {
      while (performance.now() < end) {
        const res = await pool.request({ path, method: 'POST', headers, body: body(id++) });
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
  return { run, calls: () => id };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
