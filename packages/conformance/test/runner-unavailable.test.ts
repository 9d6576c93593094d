/**
 * Targets that cannot be judged, as CI meets them: each is named for what it is, quickly (long before
 * the 60 s request timeout given here: waiting for it would be the old behaviour), as a
 * TargetUnavailableError that the command turns into exit code 3, with no column of protocol verdicts.
 * And targets that end badly: the runner shuts them down within a bounded time, reports how as T04, and
 * the command never hangs after its report. The kinds are judged in-process; the command line is run for
 * the exit code, the machine report, and the ending (which only a separate process shows).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkClient } from '../src/client-check/check-client.js';
import { checkServer } from '../src/runner/check-server.js';
import { TargetUnavailableError } from '../src/runner/target-error.js';
import { runCli } from './run-cli.js';

const brokenDir = fileURLToPath(new URL('./broken-servers/', import.meta.url));
const TIMEOUT_MS = 60_000;
const QUICKLY = 30_000;
let httpChild: ChildProcess | undefined;
let base = '';
const orphans: number[] = [];

beforeAll(async () => {
  const child = spawn(process.execPath, [`${brokenDir}not-mcp-http.mjs`], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  httpChild = child;
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').once('data', (line: string) => resolve(line.trim().split(' ')[1]!));
    child.once('exit', () => reject(new Error('the not-MCP server exited before listening')));
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  httpChild?.stdin?.end();
  for (const pid of orphans) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
});

/** Runs the check and returns the error it must end in, with how long it took. */
async function unavailable(
  run: () => Promise<unknown>,
): Promise<{ error: TargetUnavailableError; ms: number }> {
  const started = Date.now();
  const error = await run().then(
    (report) =>
      new Error(
        `expected the target to be unavailable, received a report: ${JSON.stringify(report).slice(0, 300)}`,
      ),
    (e: unknown) => e,
  );
  if (!(error instanceof TargetUnavailableError)) throw error;
  return { error, ms: Date.now() - started };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.concurrent('a target that cannot be judged is named for what it is', { timeout: 90_000 }, () => {
  const stdioCases: [string, string, TargetUnavailableError['kind'], RegExp][] = [
    [
      'a command that does not exist',
      'mcpwire-no-such-command --flag',
      'spawn',
      /^cannot start "mcpwire-no-such-command --flag": ENOENT \(command not found\)/,
    ],
    [
      'a server that exits at once',
      `node -e 'process.stderr.write("config file missing\\n"); process.exit(4)'`,
      'exited',
      /exited with code 4 before answering initialize; stderr tail: "config file missing"$/,
    ],
  ];
  for (const [what, command, kind, message] of stdioCases) {
    it(`${what} (${kind}), quickly`, async () => {
      const { error, ms } = await unavailable(() => checkServer({ stdio: command, timeoutMs: TIMEOUT_MS }));
      expect(error.kind).toBe(kind);
      expect(error.message).toMatch(message);
      expect(ms).toBeLessThan(QUICKLY);
    });
  }

  it('a server that stays silent, once the request timeout is over', async () => {
    const { error } = await unavailable(() =>
      checkServer({ stdio: `node -e 'setTimeout(() => {}, 20000)'`, timeoutMs: 1500 }),
    );
    expect(error.kind).toBe('silent');
    expect(error.message).toMatch(
      /sent no JSON-RPC response to initialize within 1500 ms; stderr: \(empty\)$/,
    );
  });

  it('a refused connection, quickly', async () => {
    const { error, ms } = await unavailable(async () =>
      checkServer({ url: `http://127.0.0.1:${await freePort()}/mcp`, timeoutMs: TIMEOUT_MS }),
    );
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/^cannot reach .*: connection refused .*\(ECONNREFUSED\)$/);
    expect(ms).toBeLessThan(QUICKLY);
  });

  const httpCases: [string, TargetUnavailableError['kind'], RegExp][] = [
    [
      '/html',
      'not-mcp',
      /^not an MCP endpoint: received text\/html \(HTTP 200\) for an initialize POST: .*Welcome to our shop/,
    ],
    [
      '/missing',
      'not-mcp',
      /^not an MCP endpoint: received HTTP 404 text\/html.* and HTTP 404 text\/html.* for an SSE GET/,
    ],
    [
      '/json',
      'not-mcp',
      /^not an MCP endpoint: received HTTP 200 application\/json .*expected a JSON-RPC response: "\{\\"status\\":\\"ok\\"\}"/,
    ],
    [
      '/locked',
      'unauthorized',
      /requires authorization: HTTP 401 \(WWW-Authenticate: Bearer realm="shop"\); pass an access token with --token$/,
    ],
  ];
  for (const [path, kind, message] of httpCases) {
    it(`what ${path} serves (${kind}), quickly`, async () => {
      const { error, ms } = await unavailable(() =>
        checkServer({ url: `${base}${path}`, timeoutMs: TIMEOUT_MS }),
      );
      expect(error.kind).toBe(kind);
      expect(error.message).toMatch(message);
      expect(ms).toBeLessThan(QUICKLY);
    });
  }

  it('a client command that does not exist (check-client)', async () => {
    const { error } = await unavailable(() =>
      checkClient({ command: 'mcpwire-no-such-client', timeoutMs: TIMEOUT_MS }),
    );
    expect(error.kind).toBe('spawn');
    expect(error.message).toMatch(/^cannot start "mcpwire-no-such-client": ENOENT/);
  });
});

describe.concurrent('mcpwire-conformance on such targets', { timeout: 90_000 }, () => {
  it('exits 3 with the reason on stderr and nothing on stdout', async () => {
    const run = await runCli([
      'check-server',
      '--stdio',
      'mcpwire-no-such-command',
      '--timeout',
      String(TIMEOUT_MS),
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /^check-server: cannot judge the target: cannot start "mcpwire-no-such-command": ENOENT/,
    );
    expect(run.stdout).toBe('');
  });

  it('still writes a machine report that says so (JSON)', async () => {
    const run = await runCli(['check-server', '--url', `${base}/html`, '--format', 'json']);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report.unavailable.kind).toBe('not-mcp');
    expect(report.checks).toEqual([]);
  });

  it('escalates to SIGKILL for a server that ignores stdin closing and SIGTERM, and reports it as T04', async () => {
    const run = await runCli(
      [
        'check-server',
        '--stdio',
        `node ${brokenDir}stubborn-stdio.mjs ignore-term`,
        '--era',
        'legacy',
        '--only',
        'T04,L01',
        '--format',
        'json',
      ],
      { timeoutMs: 80_000 },
    );
    expect(run.killed).toBe(false);
    const t04 = JSON.parse(run.stdout).checks.find((c: { id: string }) => c.id === 'T04');
    expect(t04.status).toBe('warn');
    expect(t04.message).toMatch(/ignored that and SIGTERM and was killed with SIGKILL/);
    expect(t04.evidence[0].text).toContain('SIGTERM ignored');
    expect(run.code).toBe(0);
  });

  it('does not hang after its report when a process the server left behind holds its stdout', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'mcpwire-leak-')), 'orphan.pid');
    const run = await runCli(
      [
        'check-server',
        '--stdio',
        `node ${brokenDir}stubborn-stdio.mjs leak ${pidFile}`,
        '--era',
        'legacy',
        '--only',
        'T04,L01',
        '--format',
        'json',
      ],
      { timeoutMs: 80_000 },
    );
    // The orphan lives at most 20 s by itself; it is killed here in any case.
    if (existsSync(pidFile)) orphans.push(Number(readFileSync(pidFile, 'utf8')));
    expect(run.killed).toBe(false);
    const t04 = JSON.parse(run.stdout).checks.find((c: { id: string }) => c.id === 'T04');
    expect(t04.status).toBe('warn');
    expect(t04.message).toMatch(/a process it started outside its process group kept its stdout open/);
  });
});
