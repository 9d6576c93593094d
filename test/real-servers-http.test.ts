/**
 * check-server against real MCP servers over HTTP: server-everything (Streamable HTTP and the 2024-11-05
 * HTTP+SSE transport), and the tmcp and FastMCP fixtures over Streamable HTTP. Every server starts once,
 * on 127.0.0.1 and a free port (server-everything through the loopback preload), all of them side by side;
 * each report must hold exactly the verdicts recorded in packages/conformance/README.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkServer } from '../packages/conformance/src/runner/check-server.js';
import { type ExpectedVerdicts, expectVerdicts } from './real-servers/verdicts.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EVERYTHING = `${ROOT}node_modules/@modelcontextprotocol/server-everything/dist/index.js`;
const PRELOAD = `${ROOT}test/official/preload.mjs`;
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts a server and resolves with its port once a line of its output says it listens (20 s at most). */
async function start(args: string[], port: number | undefined, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`expected ${args[0]} to listen within 20 s, received: ${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening (\d+)|listening on port (\d+)|running on port (\d+)/i.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      resolve(port ?? Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`expected ${args.join(' ')} to keep running, it exited with ${code}: ${output}`));
    });
  });
}

const urls: Record<string, string> = {};

beforeAll(async () => {
  const [everythingHttp, everythingSse, fastmcp] = await Promise.all([freePort(), freePort(), freePort()]);
  const [a, b, c, d] = await Promise.all([
    start(['--import', PRELOAD, EVERYTHING, 'streamableHttp'], everythingHttp, {
      PORT: String(everythingHttp),
    }),
    start(['--import', PRELOAD, EVERYTHING, 'sse'], everythingSse, { PORT: String(everythingSse) }),
    start([`${ROOT}test/real-servers/tmcp-server.mjs`, 'http'], undefined),
    start([`${ROOT}test/real-servers/fastmcp-server.mjs`, 'http', String(fastmcp)], fastmcp),
  ]);
  urls['everything'] = `http://127.0.0.1:${a}/mcp`;
  urls['everything-sse'] = `http://127.0.0.1:${b}/sse`;
  urls['tmcp'] = `http://127.0.0.1:${c}/mcp`;
  urls['fastmcp'] = `http://127.0.0.1:${d}/mcp`;
}, 30_000);

afterAll(async () => {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }),
  );
});

/** What SDK-based Streamable HTTP servers answer (see the README): no Origin check, 200 for batches. */
const targets: [string, ExpectedVerdicts][] = [
  [
    'everything',
    {
      revisions: ['2025-11-25'],
      fail: ['legacy:H08', 'legacy:H11', 'legacy:H14'],
      warn: ['legacy:F03', 'legacy:F05', 'legacy:J07', 'legacy:V01'],
      messages: {
        'legacy:H08': /expected 404 for an unknown session id, received HTTP 400/,
        'legacy:H11': /received DELETE 200, then 400/,
        'legacy:H14': /expected 403 for a foreign Origin, received HTTP 200/,
      },
    },
  ],
  [
    'everything-sse',
    { revisions: ['2025-11-25'], fail: [], warn: ['legacy:F03', 'legacy:F05', 'legacy:J08'] },
  ],
  [
    'tmcp',
    {
      revisions: ['2025-06-18', '2026-07-28'],
      fail: [
        'legacy:F08',
        'legacy:H08',
        'legacy:H11',
        'legacy:H13',
        'legacy:V01',
        'modern:F08',
        'modern:M01',
        'modern:V01',
      ],
      warn: ['legacy:F03', 'legacy:F05', 'legacy:H10', 'legacy:L01', 'modern:F03'],
      messages: {
        'legacy:H08': /expected 404 for an unknown session id, received HTTP 200/,
        'legacy:H11': /received DELETE 200, then 200/,
        'legacy:H13': /expected 400 for MCP-Protocol-Version 1900-01-01, received HTTP 200/,
        'modern:M01':
          /expected HTTP 400 with error -32602 for a request without _meta clientCapabilities, received HTTP 200/,
      },
    },
  ],
  [
    'fastmcp',
    {
      revisions: ['2025-11-25'],
      fail: ['legacy:H14'],
      warn: ['legacy:F05', 'legacy:F09', 'legacy:J07', 'legacy:V01'],
      messages: { 'legacy:H14': /expected 403 for a foreign Origin, received HTTP 200/ },
    },
  ],
];

describe.concurrent('check-server on real servers over HTTP', { timeout: 120_000 }, () => {
  for (const [name, expected] of targets) {
    it(`${name}: ${expected.fail.length === 0 ? 'no MUST failure' : expected.fail.join(', ')}`, async () => {
      const report = await checkServer({ url: urls[name]!, era: 'both', timeoutMs: 10_000 });
      expectVerdicts(report, expected);
    });
  }
});
