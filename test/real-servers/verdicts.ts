/**
 * What the real-server suites compare a report with: the exact set of MUST failures and SHOULD warnings
 * per run, each written `era:ID` (e.g. `legacy:F08`). Every entry was checked by hand against the spec
 * and is recorded, with its reason and the versions, in packages/conformance/README.md.
 */
import { expect } from 'vitest';
import type { Report } from '../../packages/conformance/src/runner/types.js';

export interface ExpectedVerdicts {
  readonly revisions: readonly string[];
  readonly fail: readonly string[];
  readonly warn: readonly string[];
  /** Patterns the message of a failure must match (what was checked by hand), by `era:ID`. */
  readonly messages?: Readonly<Record<string, RegExp>>;
}

function keys(report: Report, status: 'fail' | 'warn'): string[] {
  const found = report.checks
    .filter((c) => c.status === status)
    .map((c) => `${c.run.startsWith('modern') ? 'modern' : 'legacy'}:${c.id}`);
  return [...new Set(found)].sort();
}

export function expectVerdicts(report: Report, expected: ExpectedVerdicts): void {
  expect(report.revisions).toEqual(expected.revisions);
  expect(keys(report, 'fail')).toEqual([...expected.fail].sort());
  expect(keys(report, 'warn')).toEqual([...expected.warn].sort());
  for (const [key, pattern] of Object.entries(expected.messages ?? {})) {
    const [era, id] = key.split(':');
    const check = report.checks.find((c) => c.id === id && c.run.startsWith(era!) && c.status !== 'pass');
    expect(check?.message, key).toMatch(pattern);
  }
}
