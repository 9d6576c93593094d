/**
 * The vocabulary of the conformance runner: what a check is, what it concludes, and the report it ends in.
 * The JSON shape is a stable contract (DESIGN.md "Contracts"): id, title, level, status, message, spec,
 * evidence?; summary {pass, fail, warn, skip}. Extra fields may be added, never removed.
 */

export type CheckLevel = 'MUST' | 'SHOULD';
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';
export type CheckArea =
  | 'jsonrpc'
  | 'lifecycle'
  | 'features'
  | 'transport'
  | 'security'
  | 'modern'
  | 'schema'
  | 'client';

/** Static description of a check: where it comes from and how much a failure weighs. */
export interface CheckDefinition {
  readonly id: string;
  readonly title: string;
  /** MUST → a failure fails the run; SHOULD (and derived items) → a failure is a warning. */
  readonly level: CheckLevel;
  readonly area: CheckArea;
  /** Spec reference, e.g. `2025-11-25 basic/index §Responses`. */
  readonly spec: string;
}

/** One line of evidence: a message that went one way or the other, as text (truncated). */
export interface EvidenceItem {
  readonly dir: 'sent' | 'received' | 'note';
  readonly text: string;
}

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly level: CheckLevel;
  readonly status: CheckStatus;
  readonly message: string;
  readonly spec: string;
  readonly area: CheckArea;
  /** The run this result comes from, e.g. `legacy 2025-11-25 over stdio`. */
  readonly run: string;
  readonly evidence?: readonly EvidenceItem[];
}

export interface ReportSummary {
  pass: number;
  fail: number;
  warn: number;
  skip: number;
}

export interface Report {
  readonly kind: 'server' | 'client';
  readonly target: string;
  /** The revision of the first run (the contract's single field); `revisions` lists every run's. */
  readonly revision: string | null;
  readonly revisions: readonly string[];
  readonly transport: string;
  readonly checks: readonly CheckResult[];
  readonly summary: ReportSummary;
  readonly durationMs: number;
  /** Why planned runs did not happen (e.g. the server does not speak 2026-07-28). */
  readonly notes?: readonly string[];
  /** check-client: how the client process ended. */
  readonly clientExitCode?: number | null;
  /** Set when the target could not be judged at all (exit code 3); `checks` is empty then. */
  readonly unavailable?: { readonly kind: string; readonly message: string };
}

export function summarize(checks: readonly CheckResult[]): ReportSummary {
  const summary: ReportSummary = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const check of checks) summary[check.status]++;
  return summary;
}
