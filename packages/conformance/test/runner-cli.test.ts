/**
 * The check-server / check-client command lines as users and CI run them (`mcpwire-conformance` from
 * sources via tsx): the JSON contract of DESIGN.md, exit codes, and the plain human report when stdout is
 * not a TTY.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const server = fileURLToPath(new URL('./broken-servers/stdio-server.mjs', import.meta.url));

function run(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mcpwire-conformance check-server / check-client', () => {
  it('prints the JSON contract and exits 0 when no MUST check failed', () => {
    const { code, stdout } = run(['check-server', '--stdio', `node ${server}`, '--era', 'legacy', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.target).toBe(`node ${server}`);
    expect(report.revision).toBe('2025-11-25');
    expect(report.summary.fail).toBe(0);
    const counted = { pass: 0, fail: 0, warn: 0, skip: 0 } as Record<string, number>;
    for (const check of report.checks) {
      expect(Object.keys(check)).toEqual(
        expect.arrayContaining(['id', 'title', 'level', 'status', 'message', 'spec']),
      );
      expect(['MUST', 'SHOULD']).toContain(check.level);
      counted[check.status]!++;
    }
    expect(report.summary).toEqual(counted);
  });

  it('exits 1 with the failing check and its evidence when a MUST fails', () => {
    const { code, stdout } = run([
      'check-server',
      '--stdio',
      `node ${server} --break id-string`,
      '--json',
      '--era',
      'legacy',
    ]);
    expect(code).toBe(1);
    const failed = JSON.parse(stdout).checks.filter((c: { status: string }) => c.status === 'fail');
    expect(failed.map((c: { id: string }) => c.id)).toEqual(['J01']);
    expect(failed[0].evidence.some((e: { text: string }) => e.text.includes('"id":"'))).toBe(true);
  });

  it('prints a grouped human report without colour codes when not on a TTY', () => {
    const { code, stdout, stderr } = run([
      'check-server',
      '--stdio',
      `node ${server} --break non-json`,
      '--era',
      'legacy',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('JSON-RPC');
    expect(stdout).toContain('Transport');
    expect(stdout).toMatch(/FAIL T01 .*\n.*expected every stdout line/);
    expect(stdout).toMatch(/MUST +\d+ pass, 1 fail/);
    expect(stdout).not.toContain('\u001b[');
    // The progress line is for TTYs only.
    expect(stderr).toBe('');
  });

  it('refuses bad usage with exit 2 and a message that says what was expected', () => {
    const both = run(['check-server']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/expected exactly one of --stdio .* and --url/);
    const client = run(['check-client']);
    expect(client.code).toBe(2);
    expect(client.stderr).toContain('expected --command');
  });
});
