/**
 * The logging levels (RFC 5424 severities, lowest first: server/utilities/logging) and their order, for
 * every place that checks a level it received or compares a message's level with a threshold.
 */
import type { LoggingLevel } from './schemas/types.js';

/**
 * Lowest first. The LoggingLevel schema (schemas/base.ts) is built from this list: kept here, outside the
 * schemas, so that checking a level does not load zod.
 * @internal
 */
export const LOGGING_LEVEL_TUPLE = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] as const;

/** Lowest first. */
export const LOGGING_LEVELS: readonly LoggingLevel[] = LOGGING_LEVEL_TUPLE;

// A Map, not an object literal: `"toString" in {...}` is true, `map.has("toString")` is not.
const RANK: ReadonlyMap<string, number> = new Map(LOGGING_LEVELS.map((level, rank) => [level, rank]));

/** Whether a value is one of the syslog levels MCP logging uses. */
export function isLoggingLevel(value: unknown): value is LoggingLevel {
  return typeof value === 'string' && RANK.has(value);
}

/** Whether a message at `level` passes `threshold` (it is as severe or more). */
export function loggingLevelAtLeast(level: LoggingLevel, threshold: LoggingLevel): boolean {
  return RANK.get(level)! >= RANK.get(threshold)!;
}
