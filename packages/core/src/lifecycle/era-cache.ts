/**
 * Remembers which era a target (a server command line, an origin) speaks, so a client probes once per
 * target rather than once per connection (2026-07-28 basic/versioning §Backward Compatibility).
 * Pluggable: persist it by implementing EraCache over a file or a key-value store.
 */
import type { Era, Revision } from '../revisions.js';

/** The era and revision a target was last found to speak. */
export interface EraRecord {
  era: Era;
  revision: Revision;
}

/**
 * Remembers which era each target (a command line, an origin) speaks, so later connections skip the probe.
 */
export interface EraCache {
  /** The record of a target, if any. */
  get(target: string): EraRecord | undefined | Promise<EraRecord | undefined>;
  /** Remembers a target's era. */
  set(target: string, record: EraRecord): void | Promise<void>;
  /** Forgets a target (its era no longer worked). */
  delete(target: string): void | Promise<void>;
}

/** An in-process cache with a size bound (oldest entries leave first). */
export class MemoryEraCache implements EraCache {
  private readonly entries = new Map<string, EraRecord>();

  /** A cache of at most `maxEntries` targets. */
  constructor(private readonly maxEntries = 256) {}

  /** The record of a target, if any. */
  get(target: string): EraRecord | undefined {
    return this.entries.get(target);
  }

  /** Remembers a target's era (the oldest entry goes when full). */
  set(target: string, record: EraRecord): void {
    this.entries.delete(target);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(target, record);
  }

  /** Forgets a target. */
  delete(target: string): void {
    this.entries.delete(target);
  }
}
