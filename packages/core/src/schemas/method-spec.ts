/** The shape of one entry of a revision's method table (see lookup.ts), and helpers to declare entries. */
import type { z } from 'zod';

/** Whether a method is a request or a notification. */
export type MessageKind = 'request' | 'notification';
/** Who sends a method. */
export type Sender = 'client' | 'server';

/**
 * One entry of a revision's method table: the method, who sends it, and the schemas of its params and result.
 */
export interface MethodSpec {
  readonly method: string;
  readonly kind: MessageKind;
  readonly senders: readonly Sender[];
  /** Validates the `params` member; accepts `undefined` when the revision makes params optional. */
  readonly params: z.ZodType;
  /** True proves `params` valid without running `params` (false: run it); see quick-accept.ts. */
  readonly quickAccept?: (params: unknown) => boolean;
  /** Requests only: validates the `result` member of the success response. */
  readonly result?: z.ZodType;
  /**
   * 2026-07-28 requests whose `result` also admits an input_required result: the final result alone, for a
   * receiver that already told the two apart by `resultType` (one schema instead of a union).
   */
  readonly completeResult?: z.ZodType;
}

export const CLIENT: readonly Sender[] = Object.freeze(['client']);
export const SERVER: readonly Sender[] = Object.freeze(['server']);
export const BOTH: readonly Sender[] = Object.freeze(['client', 'server']);

export function request(
  method: string,
  senders: readonly Sender[],
  params: z.ZodType,
  result: z.ZodType,
  paramsOptional: boolean,
): MethodSpec {
  return { method, kind: 'request', senders, params: paramsOptional ? params.optional() : params, result };
}

export function notification(
  method: string,
  senders: readonly Sender[],
  params: z.ZodType,
  paramsOptional: boolean,
): MethodSpec {
  return { method, kind: 'notification', senders, params: paramsOptional ? params.optional() : params };
}
