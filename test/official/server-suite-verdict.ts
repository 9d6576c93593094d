/**
 * The verdict on the official suite's server scenarios (`--suite all`, with the baseline) against one
 * Streamable HTTP URL: every listed scenario ran, each with at least one SUCCESS and no FAILURE or WARNING
 * unless the `server:` baseline lists it, no stale baseline entry, SEP-1699 polling resumed for real, and
 * the tool's own exit code agrees. Used for the fixture server alone (server-suite.test.ts) and for
 * several fixture servers behind a load balancer (test/scale-out/official-suite.test.ts).
 */
import { expect } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { runOfficialSuite, summarise } from './run.mjs';
import {
  baselineFile,
  listedScenarios,
  type Row,
  readBaseline,
  type ScenarioChecks,
} from './suite-helpers.js';

export async function expectServerSuitePasses(url: string): Promise<void> {
  const baseline = readBaseline('server');
  const listed = listedScenarios('Server');
  expect(listed.length).toBeGreaterThanOrEqual(32);
  const result = (await runOfficialSuite(
    ['server', '--url', url, '--suite', 'all', '--expected-failures', baselineFile],
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
}
