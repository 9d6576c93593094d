/**
 * Protocol revisions ("eras") that mcpwire speaks. Every revision from 2024-11-05 to 2026-07-28 is in scope:
 * the first four use the initialize handshake ("legacy"), 2026-07-28 is stateless ("modern").
 */
export const REVISIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'] as const;

/** A protocol revision this implementation speaks. */
export type Revision = (typeof REVISIONS)[number];

/** The revisions of the legacy era (the `initialize` handshake and sessions). */
export const LEGACY_REVISIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'] as const;
/** A revision of the legacy era. */
export type LegacyRevision = (typeof LEGACY_REVISIONS)[number];

/** The revisions of the modern, stateless era (per-request `_meta`). */
export const MODERN_REVISIONS = ['2026-07-28'] as const;
/** A revision of the modern era. */
export type ModernRevision = (typeof MODERN_REVISIONS)[number];

/** The two eras: `legacy` (2024-11-05 … 2025-11-25) and `modern` (2026-07-28). */
export type Era = 'legacy' | 'modern';

/** The newest revision. */
export const LATEST_REVISION: Revision = '2026-07-28';
/** The newest revision of the legacy era. */
export const LATEST_LEGACY_REVISION: LegacyRevision = '2025-11-25';

/** The revision an HTTP server assumes when a client sends no MCP-Protocol-Version header. */
export const DEFAULT_HTTP_FALLBACK_REVISION: LegacyRevision = '2025-03-26';

const revisionSet: ReadonlySet<string> = new Set(REVISIONS);
const legacySet: ReadonlySet<string> = new Set(LEGACY_REVISIONS);

/** Whether a value names a revision this implementation speaks. */
export function isRevision(value: unknown): value is Revision {
  return typeof value === 'string' && revisionSet.has(value);
}

/** Whether a value names a legacy revision. */
export function isLegacyRevision(value: unknown): value is LegacyRevision {
  return typeof value === 'string' && legacySet.has(value);
}

/** The era a revision belongs to. */
export function eraOf(revision: Revision): Era {
  return legacySet.has(revision) ? 'legacy' : 'modern';
}

/** JSON-RPC batches exist only in 2025-03-26 (added there, removed in 2025-06-18). */
export function revisionAllowsBatches(revision: Revision): boolean {
  return revision === '2025-03-26';
}

/** Revisions compare as ISO dates, so string order is chronological order. */
export function revisionAtLeast(revision: Revision, minimum: Revision): boolean {
  return revision >= minimum;
}
