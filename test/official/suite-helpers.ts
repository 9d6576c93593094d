/**
 * What the official-suite tests (client-suite and server-suite) share: where the built fixture CLI and the
 * baseline are, reading the baseline, and the scenario names the pinned tool lists.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One scenario's checks.json, as run.mjs reads it. */
export interface ScenarioChecks {
  scenario: string;
  checks: { id: string; status: string; description?: string; errorMessage?: string }[];
}

/** One row of run.mjs's `summarise`. */
export interface Row {
  scenario: string;
  ok: boolean;
  success: number;
  failure: number;
  warning: number;
  problems: string[];
}

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const fixtureCli = `${root}packages/conformance/dist/cli.js`;
export const baselineFile = `${root}test/official/expected-failures.yml`;

/** Fails with a clear message when the build the suite drives is missing. */
export function requireBuiltFixture(what: 'client' | 'server'): void {
  if (!existsSync(fixtureCli)) {
    throw new Error(
      `Expected the built fixture ${what} at ${fixtureCli}, received nothing: run \`pnpm run build\` first`,
    );
  }
}

/** Reads one list of the baseline; entries are `- name` lines, `[]` for none. */
export function readBaseline(key: 'client' | 'server'): string[] {
  const names: string[] = [];
  let inside = false;
  for (const line of readFileSync(baselineFile, 'utf8').split('\n')) {
    if (/^\S/.test(line)) inside = line.startsWith(`${key}:`);
    else if (inside) {
      const entry = /^\s+-\s+([^#\s]+)/.exec(line);
      if (entry) names.push(entry[1]!);
    }
  }
  return names;
}

/**
 * Scenario names the pinned tool lists under "Server scenarios" (all, pending included) or "Client
 * scenarios". `list` prints the server section first, so a server section ends where the client one starts.
 */
export function listedScenarios(kind: 'Server' | 'Client'): string[] {
  const require = createRequire(import.meta.url);
  const tool = join(
    dirname(require.resolve('@modelcontextprotocol/conformance/package.json')),
    'dist/index.js',
  );
  const output = execFileSync(
    process.execPath,
    ['--import', `${root}test/official/preload.mjs`, tool, 'list'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 },
  );
  const section = (output.split(`${kind} scenarios`)[1] ?? '').split('Client scenarios')[0] ?? '';
  return [...section.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1]!);
}
