/**
 * The official conformance suite's server scenarios (`--suite all`: the 30 active ones plus the pending
 * json-schema-2020-12 and server-sse-polling) against our built fixture server over Streamable HTTP
 * (`node packages/conformance/dist/cli.js fixture-server --http --port 0`; `pnpm run check` builds first).
 * Verdicts come from each scenario's checks.json, not only the exit code: every scenario needs at least one
 * SUCCESS and no FAILURE or WARNING, apart from the entries of the `server:` baseline, each explained there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { runOfficialSuite, summarise } from './run.mjs';
import {
  baselineFile,
  fixtureCli,
  listedScenarios,
  type Row,
  readBaseline,
  requireBuiltFixture,
  type ScenarioChecks,
} from './suite-helpers.js';

/** Starts the built fixture server on a free loopback port; resolves with its /mcp URL. */
function startFixture(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [fixtureCli, 'fixture-server', '--http', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`Expected the fixture server to print its URL within 20 s, received: ${stdout}${stderr}`),
      );
    }, 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+\/mcp)\n/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Expected the fixture server to keep running, but it exited with ${code}: ${stderr}`));
    });
  });
}

describe('official server scenarios against the fixture server over Streamable HTTP', () => {
  let fixture: { child: ChildProcess; url: string } | undefined;

  beforeAll(async () => {
    requireBuiltFixture('server');
    fixture = await startFixture();
  });

  afterAll(async () => {
    const child = fixture?.child;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  it('passes all server scenarios, each with at least one SUCCESS and no FAILURE or WARNING', {
    timeout: 120_000,
  }, async () => {
    const baseline = readBaseline('server');
    const listed = listedScenarios('Server');
    expect(listed.length).toBeGreaterThanOrEqual(32);
    // The dns-rebinding scenario needs a localhost/127.0.0.1 URL; the fixture prints 127.0.0.1.
    expect(fixture!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const result = (await runOfficialSuite(
      ['server', '--url', fixture!.url, '--suite', 'all', '--expected-failures', baselineFile],
      { quiet: true },
    )) as { exitCode: number; output: string; scenarios: ScenarioChecks[] };
    const { rows } = summarise(result.scenarios) as { rows: Row[] };
    // The tool names each output folder `server-<scenario>-<time>`.
    const named = rows.map((row) => ({ ...row, scenario: row.scenario.replace(/^server-/, '') }));

    // Every listed scenario ran and wrote its checks.
    expect(named.map((r) => r.scenario).sort()).toEqual([...listed].sort());
    const unexpected = named
      .filter((r) => !r.ok && !baseline.includes(r.scenario))
      .map((r) => `${r.scenario} (${r.success} ok): ${r.problems.join('; ') || 'no SUCCESS check'}`);
    expect(unexpected).toEqual([]);
    // A baseline entry that passes now must leave the baseline.
    const stale = named.filter((r) => r.ok && baseline.includes(r.scenario)).map((r) => r.scenario);
    expect(stale).toEqual([]);
    // The pending SEP-1699 polling scenario resumed for real: priming, retry and the replayed result.
    const polling = result.scenarios.find((s) => s.scenario.startsWith('server-server-sse-polling'));
    const succeeded = polling?.checks.filter((c) => c.status === 'SUCCESS').map((c) => c.id) ?? [];
    if (!baseline.includes('server-sse-polling')) {
      expect(succeeded.sort()).toEqual([
        'server-sse-disconnect-resume',
        'server-sse-priming-event',
        'server-sse-retry-field',
      ]);
    }
    // The tool agrees (it also checks the baseline).
    expect(result.exitCode, result.output.split('\n').slice(-20).join('\n')).toBe(0);
  });
});
