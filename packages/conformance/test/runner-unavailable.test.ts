/**
 * Targets that cannot be judged, as CI meets them: each is named for what it is, quickly (long before
 * the 30 s request timeout given here), with exit code 3 and no column of protocol verdicts. And targets
 * that end badly: the runner shuts them down within a bounded time, reports how as T04, and never hangs
 * after its report.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const brokenDir = fileURLToPath(new URL('./broken-servers/', import.meta.url));
// A request timeout far above the bound the tests hold the runner to: waiting for it would fail them.
const SLOW = ['--timeout', '60000'];
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

describe.concurrent('check-server on a target that cannot be judged', { timeout: 60_000 }, () => {
  it('names a command that does not exist (ENOENT), exit 3', async () => {
    const run = await runCli(['check-server', '--stdio', 'mcpwire-no-such-command --flag', ...SLOW]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/cannot start "mcpwire-no-such-command --flag": ENOENT \(command not found\)/);
    expect(run.stdout).toBe('');
    expect(run.ms).toBeLessThan(QUICKLY);
  });

  it('names a server that exits at once, with its exit code and stderr tail, exit 3', async () => {
    const script = 'process.stderr.write("config file missing\\n"); process.exit(4)';
    const run = await runCli(['check-server', '--stdio', `node -e '${script}'`, ...SLOW]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /exited with code 4 before answering initialize; stderr tail: "config file missing"/,
    );
    expect(run.ms).toBeLessThan(QUICKLY);
  });

  it('names a server that stays silent once the request timeout is over, exit 3', async () => {
    const run = await runCli([
      'check-server',
      '--stdio',
      `node -e 'setTimeout(() => {}, 20000)'`,
      '--timeout',
      '1500',
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/sent no JSON-RPC response to initialize within 1500 ms/);
  });

  it('names a refused connection, exit 3', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const run = await runCli(['check-server', '--url', `http://127.0.0.1:${free}/mcp`, ...SLOW]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/cannot reach .*: connection refused .*\(ECONNREFUSED\)/);
    expect(run.ms).toBeLessThan(QUICKLY);
  });

  for (const [path, expected] of [
    [
      '/html',
      /not an MCP endpoint: received text\/html \(HTTP 200\) for an initialize POST: .*Welcome to our shop/,
    ],
    [
      '/missing',
      /not an MCP endpoint: received HTTP 404 text\/html.* and HTTP 404 text\/html.* for an SSE GET/,
    ],
    [
      '/json',
      /not an MCP endpoint: received HTTP 200 application\/json .*expected a JSON-RPC response: "\{\\"status\\":\\"ok\\"\}"/,
    ],
    [
      '/locked',
      /requires authorization: HTTP 401 \(WWW-Authenticate: Bearer realm="shop"\); pass an access token with --token/,
    ],
  ] as const) {
    it(`names what ${path} serves, exit 3`, async () => {
      const run = await runCli(['check-server', '--url', `${base}${path}`, ...SLOW]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(expected);
      expect(run.ms).toBeLessThan(QUICKLY);
    });
  }

  it('still writes a machine report that says so (JSON)', async () => {
    const run = await runCli(['check-server', '--url', `${base}/html`, '--format', 'json']);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report.unavailable.kind).toBe('not-mcp');
    expect(report.checks).toEqual([]);
  });
});

describe.concurrent('check-server on a target that ends badly', { timeout: 60_000 }, () => {
  it('escalates to SIGKILL for a server that ignores stdin closing and SIGTERM, and reports it as T04', async () => {
    const run = await runCli([
      'check-server',
      '--stdio',
      `node ${brokenDir}stubborn-stdio.mjs ignore-term`,
      '--era',
      'legacy',
      '--format',
      'json',
    ]);
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
      { timeoutMs: 18_000 },
    );
    for (const text of readFileSync(pidFile, 'utf8').split('\n')) if (text !== '') orphans.push(Number(text));
    expect(run.killed).toBe(false);
    const t04 = JSON.parse(run.stdout).checks.find((c: { id: string }) => c.id === 'T04');
    expect(t04.status).toBe('warn');
    expect(t04.message).toMatch(/a process it started outside its process group kept its stdout open/);
  });
});
