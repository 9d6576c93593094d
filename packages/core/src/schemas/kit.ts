/**
 * A revision "kit": the slots in which revisions differ for fields that appear on many messages.
 * Area factories (tools.ts, resources.ts, ...) build their schemas from a kit, so one definition serves every
 * revision and the differences live in one place. A slot a revision does not define is `Free`: any value or
 * absent, which is exactly what a loose object does with an undeclared field.
 */
import { z } from 'zod';
import { Integer, obj } from './base.js';

export const Free = z.unknown().optional();
export type FreeSlot = typeof Free;

export interface Kit {
  /** `_meta` of request params (optional in legacy revisions, required in 2026-07-28). */
  readonly reqMeta: z.ZodType;
  /** `_meta` of notification params. */
  readonly noteMeta: z.ZodType;
  /** `_meta` of results. */
  readonly resultMeta: z.ZodType;
  /** `_meta` of data objects (Tool, Resource, Prompt, Root, ...); Free before 2025-06-18. */
  readonly meta: z.ZodType;
  /** 2026-07-28: `resultType` (required). */
  readonly resultType: z.ZodType;
  /** 2026-07-28: caching hints on cacheable results. */
  readonly ttlMs: z.ZodType;
  readonly cacheScope: z.ZodType;
  /** 2025-06-18+: human-readable `title`. */
  readonly title: z.ZodType;
  /** 2025-11-25+: icons on tools, resources, prompts, implementations. */
  readonly icons: z.ZodType;
  /** 2025-11-25 only: task augmentation of requests. */
  readonly task: z.ZodType;
  /** 2026-07-28: multi round-trip request fields. */
  readonly inputResponses: z.ZodType;
  readonly requestState: z.ZodType;
}

/** Slot values for a revision that defines none of the optional features. */
export const freeSlots = {
  title: Free,
  icons: Free,
  task: Free,
  resultType: Free,
  ttlMs: Free,
  cacheScope: Free,
  inputResponses: Free,
  requestState: Free,
} as const;

export const CacheScope = z.enum(['public', 'private']);
export const cacheSlots = { ttlMs: Integer.min(0), cacheScope: CacheScope } as const;

/** Params of a request: `_meta` plus the method's own fields. */
export function reqParams<K extends Kit, S extends z.ZodRawShape>(k: K, shape: S) {
  return obj({ _meta: k.reqMeta as K['reqMeta'], ...shape });
}

/** Params of a notification. */
export function noteParams<K extends Kit, S extends z.ZodRawShape>(k: K, shape: S) {
  return obj({ _meta: k.noteMeta as K['noteMeta'], ...shape });
}

/** A result: `_meta`, (2026) `resultType`, plus the method's own fields. */
export function result<K extends Kit, S extends z.ZodRawShape>(k: K, shape: S) {
  return obj({
    _meta: k.resultMeta as K['resultMeta'],
    resultType: k.resultType as K['resultType'],
    ...shape,
  });
}

/** A result that carries (2026) caching hints. */
export function cacheableResult<K extends Kit, S extends z.ZodRawShape>(k: K, shape: S) {
  return obj({
    _meta: k.resultMeta as K['resultMeta'],
    resultType: k.resultType as K['resultType'],
    ttlMs: k.ttlMs as K['ttlMs'],
    cacheScope: k.cacheScope as K['cacheScope'],
    ...shape,
  });
}

/** Params of a list request (cursor pagination). */
export function paginatedParams<K extends Kit>(k: K) {
  return reqParams(k, { cursor: z.string().optional() });
}
