/**
 * The revisions a server connection serves, sorted newest first and split by era: computed once per list
 * (see servedRevisions), not per connection.
 */
import { LocalError, LocalErrorCode } from '../errors.js';
import { isLegacyRevision, isRevision, type LegacyRevision, type Revision } from '../revisions.js';

export interface ServedRevisions {
  /** Newest first. */
  all: readonly Revision[];
  legacy: readonly LegacyRevision[];
  modern: readonly Revision[];
}

/**
 * Sorted and split once per revisions list: a stateless HTTP server opens a connection per 2026-07-28
 * request with the same list every time. Keyed weakly by the caller's array, which lives as long as its
 * server; the lists are frozen, so a shared result cannot be changed by one connection.
 */
const servedCache = new WeakMap<readonly string[], ServedRevisions>();

export function servedRevisions(requested: readonly string[]): ServedRevisions {
  const cached = servedCache.get(requested);
  if (cached !== undefined) return cached;
  const all = [...new Set(requested)].filter(isRevision).sort().reverse();
  if (all.length === 0) {
    throw new LocalError(
      LocalErrorCode.InvalidConfig,
      'ServerConnection: expected at least one revision to serve, received none',
    );
  }
  const served: ServedRevisions = {
    all: Object.freeze(all),
    legacy: Object.freeze(all.filter(isLegacyRevision)),
    modern: Object.freeze(all.filter((revision) => !isLegacyRevision(revision))),
  };
  servedCache.set(requested, served);
  return served;
}
