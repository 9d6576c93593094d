/**
 * A capped map whose entries expire: the memory store of the proxy authorization server keeps each kind of
 * record in one. The cap keeps hostile traffic from growing memory without bound (oldest entries are
 * evicted first: Map iteration order is insertion order).
 */

export class ExpiringMap<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(ttlMs: number, max: number) {
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  set(key: string, value: V, ttlMs = this.#ttlMs): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    if (this.#entries.size > this.#max) this.#evict();
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Reads and removes: how single-use values (state, codes) are consumed. */
  take(key: string): V | undefined {
    const value = this.get(key);
    this.#entries.delete(key);
    return value;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Deletes every entry whose value matches (token family revocation). Linear, used only on abuse. */
  deleteWhere(match: (value: V) => boolean): void {
    for (const [key, entry] of this.#entries) if (match(entry.value)) this.#entries.delete(key);
  }

  #evict(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#max) break;
      this.#entries.delete(key);
    }
  }
}
