/**
 * Remembers which era a target (a server command line, an origin) speaks, so a client probes once per
 * target rather than once per connection (2026-07-28 basic/versioning §Backward Compatibility).
 * Pluggable: persist it by implementing EraCache over a file or a key-value store.
 */
import type { Era, Revision } from '../revisions.js';

export interface EraRecord {
  era: Era;
  revision: Revision;
}

export interface EraCache {
  get(target: string): EraRecord | undefined | Promise<EraRecord | undefined>;
  set(target: string, record: EraRecord): void | Promise<void>;
  delete(target: string): void | Promise<void>;
}

/** An in-process cache with a size bound (oldest entries leave first). */
export class MemoryEraCache implements EraCache {
  private readonly entries = new Map<string, EraRecord>();

  constructor(private readonly maxEntries = 256) {}

  get(target: string): EraRecord | undefined {
    return this.entries.get(target);
  }

  set(target: string, record: EraRecord): void {
    this.entries.delete(target);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(target, record);
  }

  delete(target: string): void {
    this.entries.delete(target);
  }
}
