/**
 * Legacy SSE with a shared store: who owns the sessions whose streams other processes hold, read from
 * the store and kept for a few seconds, so a client POSTing a burst of messages to this process costs
 * one store read, not one per message.
 */
import type { SessionStore } from '../store/session-store.js';

const MAX_CACHED = 10_000;

export class RemoteOwners {
  private readonly cache = new Map<string, { owner: string; until: number }>();

  constructor(
    private readonly store: SessionStore,
    private readonly ttlMs: number,
  ) {}

  /** Whether `owner` owns the live SSE session `id` held by another process. */
  async owns(id: string, owner: string): Promise<boolean> {
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached !== undefined && cached.until > now) return cached.owner === owner;
    const record = await this.store.get(id);
    if (record === undefined || record.kind !== 'sse') {
      this.cache.delete(id);
      return false;
    }
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, { owner: record.owner, until: now + this.ttlMs });
    return record.owner === owner;
  }
}
