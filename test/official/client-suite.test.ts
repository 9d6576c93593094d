/**
 * The official conformance suite's client scenarios (all 26: core, auth, metadata, backcompat, draft,
 * extensions) against our built fixture client (`node packages/conformance/dist/cli.js fixture-client`;
 * `pnpm run check` builds first). Verdicts come from the checks each scenario wrote, not only the exit
 * code: a client that does nothing passes some scenarios with zero checks.
 * The timing-sensitive sse-retry (reconnect 450–700 ms after `retry: 500`) runs alone, after the others.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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

const command = `node ${fixtureCli} fixture-client`;
/** Generous on a shared 2-core machine: the suite kills the client after this, our client gives up just before. */
const SUITE_TIMEOUT_MS = 90_000;

const outputDirs: string[] = [];

/** The last lines the client wrote to stderr in a scenario (for failure messages). */
function clientStderr(scenario: string): string {
  for (const dir of outputDirs) {
    const parent = join(dir, dirname(scenario));
    if (!existsSync(parent)) continue;
    const base = scenario.split('/').at(-1)!;
    for (const name of readdirSync(parent)) {
      if (!name.startsWith(`${base}-`)) continue;
      const file = join(parent, name, 'stderr.txt');
      if (existsSync(file)) return readFileSync(file, 'utf8').trim().split('\n').slice(-4).join(' | ');
    }
  }
  return '(no stderr)';
}

async function run(args: string[]) {
  const outputDir = mkdtempSync(join(tmpdir(), 'mcp-official-client-'));
  outputDirs.push(outputDir);
  return runOfficialSuite(
    [
      'client',
      '--command',
      command,
      ...args,
      '--timeout',
      String(SUITE_TIMEOUT_MS),
      '--expected-failures',
      baselineFile,
    ],
    { quiet: true, outputDir },
  ) as Promise<{ exitCode: number; output: string; scenarios: ScenarioChecks[] }>;
}

describe('official client scenarios against the fixture client', () => {
  beforeAll(() => {
    requireBuiltFixture('client');
    // The client's own deadline follows the raised suite timeout (the spawned client inherits the env).
    process.env['MCPWIRE_FIXTURE_CLIENT_DEADLINE_MS'] = String(SUITE_TIMEOUT_MS - 5000);
  });

  it('passes every client scenario, each with at least one SUCCESS and no FAILURE or WARNING', {
    timeout: 240_000,
  }, async () => {
    const baseline = readBaseline('client');
    const listed = listedScenarios('Client');
    expect(listed.length).toBeGreaterThanOrEqual(26);
    // Suites in parallel (the tool runs a suite's scenarios in parallel too); core's non-auth scenarios one
    // by one, since `--suite core` would include sse-retry.
    const parallel = await Promise.all([
      ...['auth', 'backcompat', 'draft', 'extensions'].map((suite) => run(['--suite', suite])),
      ...['initialize', 'tools_call', 'elicitation-sep1034-client-defaults'].map((s) =>
        run(['--scenario', s]),
      ),
    ]);
    const alone = await run(['--scenario', 'sse-retry']);
    const runs = [...parallel, alone];
    const scenarios = runs.flatMap((r) => r.scenarios);
    const { rows } = summarise(scenarios) as { rows: Row[] };

    // Every listed scenario ran (and produced its checks.json).
    expect(rows.map((r) => r.scenario).sort()).toEqual([...listed].sort());
    const unexpected = rows
      .filter((r) => !r.ok && !baseline.includes(r.scenario))
      .map(
        (r) =>
          `${r.scenario} (${r.success} ok): ${r.problems.join('; ') || 'no SUCCESS check'} — client: ${clientStderr(r.scenario)}`,
      );
    expect(unexpected).toEqual([]);
    // A baseline entry that passes now must leave the baseline.
    const stale = rows.filter((r) => r.ok && baseline.includes(r.scenario)).map((r) => r.scenario);
    expect(stale).toEqual([]);
    // The tool agrees (it also checks the baseline): every run exits 0.
    expect(runs.map((r) => r.exitCode)).toEqual(runs.map(() => 0));
  });

  it('exits 1 for a scenario it does not know, and for a context that is not JSON', () => {
    const runClient = (env: Record<string, string>) => {
      try {
        execFileSync(process.execPath, [fixtureCli, 'fixture-client', 'http://127.0.0.1:9/mcp'], {
          env: { ...process.env, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 30_000,
        });
        return { status: 0, stderr: '' };
      } catch (error) {
        const failed = error as { status: number | null; stderr: Buffer };
        return { status: failed.status, stderr: String(failed.stderr) };
      }
    };
    const unknown = runClient({ MCP_CONFORMANCE_SCENARIO: 'no-such-scenario' });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown scenario');
    expect(unknown.stderr).toContain('"no-such-scenario"');
    const badContext = runClient({
      MCP_CONFORMANCE_SCENARIO: 'auth/pre-registration',
      MCP_CONFORMANCE_CONTEXT: '{oops',
    });
    expect(badContext.status).toBe(1);
    expect(badContext.stderr).toContain('MCP_CONFORMANCE_CONTEXT');
  });
});
