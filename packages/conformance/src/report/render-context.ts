/**
 * What every report format gets besides the report: the baseline verdicts when `--baseline` was given,
 * and the shared ordering and naming of areas and statuses, so the formats agree with each other.
 */
import type { BaselineOutcome } from '../runner/baseline.js';
import type { CheckArea, CheckResult, Report } from '../runner/types.js';

export interface RenderContext {
  readonly baseline?: BaselineOutcome | undefined;
}

export const AREA_TITLES: Readonly<Record<CheckArea, string>> = {
  jsonrpc: 'JSON-RPC',
  lifecycle: 'Lifecycle',
  features: 'Features',
  transport: 'Transport',
  security: 'Security',
  modern: 'Modern (2026-07-28)',
  schema: 'Schema',
  client: 'Client features',
};

export const AREA_ORDER: readonly CheckArea[] = [
  'jsonrpc',
  'lifecycle',
  'features',
  'client',
  'transport',
  'security',
  'modern',
  'schema',
];

/** The runs of a report in order, each with its checks. */
export function runsOf(report: Report): { run: string; checks: CheckResult[] }[] {
  const runs = new Map<string, CheckResult[]>();
  for (const check of report.checks) {
    const list = runs.get(check.run);
    if (list === undefined) runs.set(check.run, [check]);
    else list.push(check);
  }
  return [...runs].map(([run, checks]) => ({ run, checks }));
}

/** The baseline reason for a failed or warned check, when the baseline lists it. */
export function baselineReason(check: CheckResult, context: RenderContext): string | undefined {
  return context.baseline?.expected.find((e) => e.check === check)?.reason;
}

export function evidenceArrow(dir: 'sent' | 'received' | 'note'): string {
  return dir === 'sent' ? '→' : dir === 'received' ? '←' : '·';
}
