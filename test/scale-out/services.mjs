// Real services for the scale-out tests, the scale-out benchmark and the deployment example: a private
// redis-server (Debian package) on a free loopback port with persistence off, and HAProxy (Debian package)
// as a per-request round-robin load balancer with no stickiness. Plain ESM so that bench/ and examples/
// use it as it is; services.d.mts gives the TypeScript tests its types.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built conformance CLI (`pnpm run build` first). */
export const FIXTURE_CLI = fileURLToPath(new URL('../../packages/conformance/dist/cli.js', import.meta.url));

// Generous: on a loaded 2-core CI machine, several Node processes starting at once take seconds each.
const START_TIMEOUT_MS = 30_000;

/** A port nobody listens on right now (another process may still take it before we do; callers retry). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Fails with the package to install when a service binary is missing (scripts/install-services.sh). */
function missing(binary, error) {
  return new Error(
    `Expected ${binary} on PATH (Debian package ${binary === 'haproxy' ? 'haproxy' : 'redis-server'}; scripts/install-services.sh installs it), but starting it failed: ${error.message}`,
  );
}

/**
 * Runs `command args` until its output matches `ready`. Resolves with `{ child, output }`; rejects with
 * what it printed when it exits first or stays silent past the timeout.
 */
function startUntil(command, args, ready) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          new Error(`Expected ${command} to be ready within ${START_TIMEOUT_MS} ms, it printed: ${output}`),
        ),
      START_TIMEOUT_MS,
    );
    const onData = (chunk) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        // Keep draining so a chatty service never blocks on a full pipe.
        child.stdout.resume();
        child.stderr.resume();
        resolve({ child, output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => fail(missing(command, error)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Expected ${command} to keep running, it exited (${code ?? signal}): ${output}`));
    });
  });
}

/** Stops a child with SIGTERM (SIGKILL after 5 s) and resolves once it exited. */
export function stopChild(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

async function launchRedis(port) {
  const { child } = await startUntil(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--logfile',
      '',
      '--loglevel',
      'notice',
    ],
    /Ready to accept connections/,
  );
  return child;
}

/**
 * Starts a private redis-server on a free loopback port (RDB and AOF off, so nothing touches the disk).
 * `stop()` ends it; `restart()` stops it and starts an empty one on the same port (a Redis that was lost);
 * `kill()` ends it with SIGKILL.
 */
export async function startRedis() {
  let lastError;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    let child;
    try {
      child = await launchRedis(port);
    } catch (error) {
      lastError = error;
      if (/Address already in use/.test(error.message)) continue;
      throw error;
    }
    const redis = {
      port,
      url: `redis://127.0.0.1:${port}`,
      get running() {
        return child.exitCode === null && child.signalCode === null;
      },
      stop: () => stopChild(child),
      kill: () => stopChild(child, 'SIGKILL'),
      async start() {
        if (redis.running) return;
        child = await launchRedis(port);
      },
      async restart() {
        await stopChild(child);
        child = await launchRedis(port);
      },
    };
    return redis;
  }
  throw lastError;
}

/** The HAProxy configuration of a per-request round-robin balancer over `backends` (host:port each). */
export function haproxyConfig(port, backends) {
  return [
    'global',
    '  log stderr format raw local0 err',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  log global',
    '  timeout connect 2s',
    // SSE streams stay open for as long as a session listens.
    '  timeout client 1h',
    '  timeout server 1h',
    '  timeout tunnel 1h',
    '  timeout http-keep-alive 30s',
    // A replica that refuses the connection is skipped: the request goes to the next one.
    '  retries 3',
    '  option redispatch 1',
    `frontend mcp`,
    `  bind 127.0.0.1:${port}`,
    '  default_backend replicas',
    'backend replicas',
    // Every request picks the next replica: no cookies, no source hashing, no preference for the last one.
    // Idle connections to the replicas are shared by all requests (no TCP handshake per request).
    '  balance roundrobin',
    '  http-reuse always',
    ...backends.map(
      (backend, index) => `  server r${index} ${backend} check inter 300ms fall 1 rise 2 observe layer4`,
    ),
    '',
  ].join('\n');
}

/**
 * Starts HAProxy on a free loopback port in front of `backends` (host:port each), balancing every request
 * round-robin with no stickiness. Resolves with `{ url, port, stop() }`.
 */
export async function startRoundRobin(backends) {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwire-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  let lastError;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    writeFileSync(file, haproxyConfig(port, backends));
    // -db: stay in the foreground, logs on stderr.
    const child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitForPort(child, port);
    } catch (error) {
      lastError = error;
      await stopChild(child, 'SIGKILL');
      if (/cannot bind|Address already in use/.test(error.message)) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return {
      port,
      url: `http://127.0.0.1:${port}`,
      async stop() {
        await stopChild(child, 'SIGUSR1'); // soft stop: finish what is in flight
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

/** HAProxy prints nothing when it starts well: readiness is a TCP connect that succeeds. */
function waitForPort(child, port) {
  return new Promise((resolve, reject) => {
    let output = '';
    let settled = false;
    const finish = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      if (error) reject(error);
      else resolve();
    };
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', (error) => finish(missing('haproxy', error)));
    child.once('exit', (code) =>
      finish(new Error(`Expected haproxy to keep running, it exited (${code}): ${output}`)),
    );
    const timer = setTimeout(
      () => finish(new Error(`Expected haproxy to listen within ${START_TIMEOUT_MS} ms: ${output}`)),
      START_TIMEOUT_MS,
    );
    const poll = setInterval(() => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        finish();
      });
      socket.once('error', () => socket.destroy());
    }, 50);
  });
}

/**
 * Starts the built fixture server (`fixture-server --http --port 0`, plus `--redis URL` when given) and
 * resolves once it listens: `{ url, mcpUrl, port, child, stop(), kill() }`. `stop()` is SIGTERM (a clean
 * shutdown), `kill()` SIGKILL (a crash: nothing is cleaned up).
 */
export async function startFixtureServer({ redis, args = [] } = {}) {
  const ready = /listening on (http:\/\/127\.0\.0\.1:(\d+))\/mcp\n/;
  const { child, output } = await startUntil(
    process.execPath,
    [FIXTURE_CLI, 'fixture-server', '--http', '--port', '0', ...(redis ? ['--redis', redis] : []), ...args],
    ready,
  ).catch((error) => {
    throw new Error(`${error.message}\n(is ${FIXTURE_CLI} built? run \`pnpm run build\`)`);
  });
  const [, url, port] = ready.exec(output);
  return {
    url,
    mcpUrl: `${url}/mcp`,
    port: Number(port),
    child,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    stop: () => stopChild(child),
    kill: () => stopChild(child, 'SIGKILL'),
  };
}
