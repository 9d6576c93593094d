/**
 * Collects observations into one result per check and run. A check may be observed many times (J01 holds
 * for every response): the worst observation wins (fail > warn > pass > skip), its message and evidence are
 * kept, and the number of further failures is appended so nothing is hidden.
 */
import { definitionOf } from '../checks/catalogue.js';
import type { CheckResult, CheckStatus, EvidenceItem } from './types.js';

const MAX_EVIDENCE_ITEMS = 8;
const MAX_EVIDENCE_CHARS = 600;

interface Entry {
  status: CheckStatus;
  message: string;
  evidence: EvidenceItem[] | undefined;
  extraFailures: number;
}

const rank: Record<CheckStatus, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

/** Text of a message for evidence, cut to a readable size. */
export function evidenceText(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_EVIDENCE_CHARS
    ? `${text.slice(0, MAX_EVIDENCE_CHARS)}… (${text.length} chars)`
    : text;
}

export function sent(value: unknown): EvidenceItem {
  return { dir: 'sent', text: evidenceText(value) };
}
export function received(value: unknown): EvidenceItem {
  return { dir: 'received', text: evidenceText(value) };
}
export function note(text: string): EvidenceItem {
  return { dir: 'note', text: evidenceText(text) };
}

export class Recorder {
  readonly #entries = new Map<string, Entry>();
  readonly #order: string[] = [];
  readonly #only: ReadonlySet<string> | undefined;

  constructor(
    readonly run: string,
    only?: ReadonlySet<string>,
  ) {
    this.#only = only;
  }

  /** False when `--only` excludes the check, so callers can skip work nobody asked for. */
  wants(id: string): boolean {
    return this.#only === undefined || this.#only.has(id);
  }

  pass(id: string, message: string): void {
    this.#observe(id, 'pass', message, undefined);
  }

  /** A violation: a failure for MUST checks, a warning for SHOULD checks. */
  fail(id: string, message: string, evidence?: readonly EvidenceItem[]): void {
    const status = definitionOf(id).level === 'MUST' ? 'fail' : 'warn';
    this.#observe(id, status, message, evidence);
  }

  /** A violation of a SHOULD part inside a MUST check: never more than a warning. */
  warn(id: string, message: string, evidence?: readonly EvidenceItem[]): void {
    this.#observe(id, 'warn', message, evidence);
  }

  skip(id: string, reason: string): void {
    this.#observe(id, 'skip', reason, undefined);
  }

  #observe(
    id: string,
    status: CheckStatus,
    message: string,
    evidence: readonly EvidenceItem[] | undefined,
  ): void {
    if (!this.wants(id)) return;
    definitionOf(id);
    const entry = this.#entries.get(id);
    const cut = evidence === undefined ? undefined : evidence.slice(0, MAX_EVIDENCE_ITEMS);
    if (entry === undefined) {
      this.#entries.set(id, { status, message, evidence: cut, extraFailures: 0 });
      this.#order.push(id);
      return;
    }
    if (rank[status] > rank[entry.status]) {
      if (rank[entry.status] >= rank.warn) entry.extraFailures++;
      entry.status = status;
      entry.message = message;
      entry.evidence = cut;
    } else if (rank[status] >= rank.warn) {
      entry.extraFailures++;
    }
  }

  results(): CheckResult[] {
    return this.#order.map((id) => {
      const d = definitionOf(id);
      const e = this.#entries.get(id)!;
      const more =
        e.extraFailures > 0
          ? ` (and ${e.extraFailures} more violation${e.extraFailures > 1 ? 's' : ''})`
          : '';
      const base = {
        id,
        title: d.title,
        level: d.level,
        status: e.status,
        message: e.message + more,
        spec: d.spec,
        area: d.area,
        run: this.run,
      };
      return e.evidence === undefined || e.evidence.length === 0 ? base : { ...base, evidence: e.evidence };
    });
  }
}
