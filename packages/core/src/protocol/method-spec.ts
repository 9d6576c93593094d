/**
 * The engine validates params and results through a lookup of per-revision method specs. The zod schemas
 * (../schemas) provide the real lookup (`getMethodSpec`); the engine only needs this structural view of
 * it, so it stays usable with any validator whose `safeParse` has zod's shape.
 */
import type { Revision } from '../revisions.js';

/** One validation problem: where it is (`path`) and what was wrong (`message`). */
export interface ValidatorIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Anything with zod's `safeParse` shape (a zod 4 schema satisfies it). */
export interface Validator {
  /** Checks a value: success, or the issues found. */
  safeParse(
    value: unknown,
  ): { success: true } | { success: false; error: { readonly issues: readonly ValidatorIssue[] } };
}

/** Which side sends a method. */
export type MethodSender = 'client' | 'server';

/** What one revision says about one method. */
export interface MethodSpecView {
  method: string;
  kind: 'request' | 'notification';
  senders: readonly MethodSender[];
  params: Validator;
  /**
   * A cheap check of the common shape of `params`: true proves them valid (the validator is skipped), false
   * says nothing (the validator decides). For the methods most called (see schemas/quick-accept.ts).
   */
  quickAccept?: (params: unknown) => boolean;
  result?: Validator;
  /** 2026-07-28: the final result alone, where `result` also admits input_required (see schemas/method-spec.ts). */
  completeResult?: Validator;
}

/**
 * `getMethodSpec(revision, method)` from ../schemas, or a stand-in with the same signature. A lookup whose
 * schemas load asynchronously (the lifecycle default: ../lifecycle/deferred-specs.ts) says so in
 * `deferred`: until they are loaded it answers with validators that must not run, and the engine serves
 * only messages whose `quickAccept` proves them valid, holding the others in order (./spec-gate.ts).
 */
export type MethodSpecLookup = ((revision: Revision, method: string) => MethodSpecView | undefined) & {
  readonly deferred?: {
    /** Whether the validators are loaded. */
    isLoaded(): boolean;
    /** Loads them (once); settles when they are loaded. */
    load(): Promise<unknown>;
  };
};

/** Formats the first validation issue as "field `a.b`: <message>" so the error names the field. */
export function describeIssues(issues: readonly ValidatorIssue[]): string {
  const first = issues[0];
  if (first === undefined) return 'invalid value';
  const field = first.path.length === 0 ? '(root)' : first.path.map(String).join('.');
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
  return `field \`${field}\`: ${first.message}${more}`;
}
