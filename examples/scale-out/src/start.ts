// Everything on one machine without containers: `node dist/start.js [--replicas 2] [--port 3001]
// [--redis-port 6379]` starts redis-server (persistence off) and the replicas (ports --port, --port + 1,
// ...; 0 picks free ones), prints their URLs and an HAProxy backend to put in front of them, and stops
// everything on Ctrl-C or SIGTERM. Needs redis-server on PATH (Debian/Ubuntu: apt-get install redis-server).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    replicas: { type: 'string', default: '2' },
    port: { type: 'string', default: '3001' },
    'redis-port': { type: 'string', default: '6379' },
  },
});
const replicaCount = Number(values.replicas);
const firstPort = Number(values.port);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Starts a child and resolves with it and the match once its output matches `ready`. */
function start(
  command: string,
  args: string[],
  ready: RegExp,
  env?: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`${command} exited (${code}) before it was ready: ${output}`)),
    );
    const onData = (chunk: Buffer): void => {
      output += chunk;
      const match = ready.exec(output);
      if (match === null) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume(); // keep draining: a full pipe would block the child
      resolve({ child, match });
    };
    child.stdout!.on('data', onData);
  });
}

const children: ChildProcess[] = [];
async function stopAll(): Promise<void> {
  // Replicas first (they close their Redis connections), then Redis.
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().then(() => process.exit(0)));
}

try {
  const redisPort = Number(values['redis-port']) || (await freePort());
  const redis = await start(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    /Ready to accept connections/,
  );
  children.push(redis.child);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  console.log(`redis-server ready at ${redisUrl}`);
  // One requestState key for all replicas (in production, give it from your configuration).
  const secret = randomBytes(32).toString('hex');
  // dist/start.js runs dist/replica.js; under tsx, src/start.ts runs src/replica.ts.
  const entry = fileURLToPath(
    new URL(import.meta.url.endsWith('.ts') ? './replica.ts' : './replica.js', import.meta.url),
  );
  const urls: string[] = [];
  for (let i = 0; i < replicaCount; i++) {
    const port = firstPort === 0 ? 0 : firstPort + i;
    const replica = await start(
      process.execPath,
      [...process.execArgv, entry, '--port', String(port), '--redis', redisUrl],
      /replica ready at (\S+)/,
      { MCP_REQUEST_STATE_SECRET: secret },
    );
    children.push(replica.child);
    urls.push(replica.match[1]!);
    console.log(`replica ready at ${replica.match[1]}`);
  }
  console.log('put any load balancer in front; no sticky sessions needed. HAProxy:');
  console.log('  backend mcp\n    balance roundrobin');
  for (const [i, url] of urls.entries()) console.log(`    server r${i} ${new URL(url).host}`);
  console.log('all ready');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
}
