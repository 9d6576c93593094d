/**
 * check-server against the reference fixture server over Streamable HTTP in the 2026-07-28 era. The fixture
 * runs through its stable command line (`fixture-server --http --port 0`, from sources through tsx) as a
 * child process, so what is judged is exactly what users start. No MUST may fail, and the HTTP status
 * mapping of modern errors (M01, M02, M07, J03) must be judged and pass, not skipped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkServer } from '../packages/conformance/src/runner/check-server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = `${ROOT}packages/conformance/src/cli.ts`;

let child: ChildProcess | undefined;
let baseUrl = '';

beforeAll(async () => {
  const started = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'fixture-server', '--http', '--port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child = started;
  let stdout = '';
  let stderr = '';
  started.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`expected a URL line within 20 s, received ${stderr}`)),
      20_000,
    );
    started.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk;
      const match = /listening on (\S+)\n/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    started.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`expected the fixture to keep running, but it exited with ${code}: ${stderr}`));
    });
  });
}, 30_000);

afterAll(async () => {
  if (child === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

describe('check-server on the fixture server over Streamable HTTP, 2026-07-28', () => {
  it('reports no MUST failure and passes the modern status checks', async () => {
    const mcpUrl = new URL('/mcp', baseUrl).href;
    const report = await checkServer({ url: mcpUrl, era: 'modern' });
    expect(report.transport).toBe('http');
    expect(report.revisions).toEqual(['2026-07-28']);
    const failed = report.checks
      .filter((c) => c.status === 'fail')
      .map((c) => `${c.run}: ${c.id} ${c.message}`);
    expect(failed).toEqual([]);
    expect(report.summary.fail).toBe(0);
    const status = new Map(report.checks.map((c) => [c.id, c.status]));
    for (const id of ['M01', 'M02', 'M03', 'M07', 'J03', 'F01', 'V01'])
      expect(status.get(id), id).toBe('pass');
  }, 60_000);
});
