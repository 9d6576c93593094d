/**
 * check-server over Streamable HTTP against the plain-Node mini server (a node:http child process):
 * correct, it gets no MUST failure; with a session or Origin breakage, exactly the matching check fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkServer } from '../src/runner/check-server.js';
import { TargetUnavailableError } from '../src/runner/target-error.js';
import type { Report } from '../src/runner/types.js';

const script = fileURLToPath(new URL('./broken-servers/http-server.mjs', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

async function start(breakKind?: string): Promise<string> {
  const child = spawn(process.execPath, [script, ...(breakKind ? ['--break', breakKind] : [])], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8');
    child.stdout!.once('data', (line: string) => resolve(line.trim().split(' ')[1]!));
    child.once('exit', () => reject(new Error('the mini server exited before listening')));
  });
  return `http://127.0.0.1:${port}/mcp`;
}

function failing(report: Report): string[] {
  return [...new Set(report.checks.filter((c) => c.status === 'fail').map((c) => c.id))].sort();
}

describe('check-server over Streamable HTTP', () => {
  it('finds no MUST failure on a correct server and judges the HTTP rules', async () => {
    const report = await checkServer({ url: await start(), era: 'legacy', timeoutMs: 3000 });
    expect(failing(report)).toEqual([]);
    expect(report.transport).toBe('http');
    const status = new Map(report.checks.map((c) => [c.id, c.status]));
    for (const id of ['H01', 'H02', 'H04', 'H06', 'H08', 'H10', 'H11', 'H13', 'H14', 'J07', 'L01', 'V01']) {
      expect(status.get(id), id).toBe('pass');
    }
  });

  it('catches 200 for an unknown session with H08 (and H11: a deleted session is unknown too)', async () => {
    const report = await checkServer({
      url: await start('unknown-session-200'),
      era: 'legacy',
      timeoutMs: 3000,
    });
    expect(failing(report)).toEqual(['H08', 'H11']);
    expect(report.checks.find((c) => c.id === 'H08')?.message).toMatch(/expected 404.*received HTTP 200/);
  });

  it('catches a missing Origin check with H14 only', async () => {
    const report = await checkServer({ url: await start('no-origin-check'), era: 'legacy', timeoutMs: 3000 });
    expect(failing(report)).toEqual(['H14']);
    expect(report.checks.find((c) => c.id === 'H14')?.evidence?.length).toBeGreaterThan(0);
  });

  it('reports a refused connection as an unavailable target, not as check failures', async () => {
    const url = await start();
    const child = children.pop()!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
    const error = await checkServer({ url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetUnavailableError);
    expect((error as TargetUnavailableError).kind).toBe('unreachable');
    expect((error as Error).message).toMatch(/connection refused .*ECONNREFUSED/);
  });
});
