/**
 * The default SessionStore: records in this process's memory. Shared by several handlers in one process
 * it behaves like a shared backend (that is how hydration and routing are tested without Redis).
 *
 * Per kind, never-established records are kept in creation order and established ones in the order they
 * were last touched (a touch moves a record to the end), so the first to expire and the first
 * never-established record to evict sit at the front: creating, touching and expiring cost O(1).
 */
import { unrefTimer } from '../http/server/sse-stream.js';
import type {
  CreateOutcome,
  SessionChanges,
  SessionKind,
  SessionLimits,
  SessionRecord,
  SessionStore,
} from './session-store.js';

class KindIndex {
  /** Never established, oldest created first. */
  readonly fresh = new Map<string, SessionRecord>();
  /** Established, least recently seen first. */
  readonly seen = new Map<string, SessionRecord>();
  readonly byClient = new Map<string, Set<string>>();

  get size(): number {
    return this.fresh.size + this.seen.size;
  }
}

const NO_EVICTIONS: readonly string[] = Object.freeze([]);
/** How often expired records are dropped while any exist. */
const SWEEP_MS = 1000;

/** The {@link SessionStore} in this process's memory (the default). */
export class MemorySessionStore implements SessionStore {
  private readonly kinds: Record<SessionKind, KindIndex> = {
    'streamable-http': new KindIndex(),
    sse: new KindIndex(),
  };
  private sweeper: ReturnType<typeof setInterval> | undefined;
  private lastFullSweep = 0;

  create(record: SessionRecord, limits: SessionLimits): CreateOutcome {
    const now = record.createdAt;
    const index = this.kinds[record.kind];
    this.sweepFront(index, now);
    let evicted: string[] | undefined;
    const clientKey = record.clientKey;
    if (clientKey !== '') {
      const own = index.byClient.get(clientKey);
      if (own !== undefined && own.size >= limits.maxSessionsPerClient) {
        this.fullSweep(now);
        if (own.size >= limits.maxSessionsPerClient) {
          const victim = this.clientVictim(own, now - limits.idleAfterMs);
          if (victim === undefined) {
            return { created: false, refused: 'max-sessions-per-client', evicted: NO_EVICTIONS };
          }
          this.remove(victim);
          evicted = [victim.id];
        }
      }
    }
    if (index.size >= limits.maxSessions) {
      this.fullSweep(now);
      if (index.size >= limits.maxSessions) {
        const victim = frontOf(index.fresh) ?? leastRecentlySeen(index.seen, now - limits.idleAfterMs);
        if (victim === undefined) {
          return { created: false, refused: 'max-sessions', evicted: evicted ?? NO_EVICTIONS };
        }
        this.remove(victim);
        evicted = evicted === undefined ? [victim.id] : [evicted[0]!, victim.id];
      }
    }
    const stored: SessionRecord = {
      id: record.id,
      kind: record.kind,
      owner: record.owner,
      clientKey,
      createdAt: record.createdAt,
      lastSeenAt: record.lastSeenAt,
      expiresAt: record.expiresAt,
      established: record.established,
    };
    if (record.protocolVersion !== undefined) stored.protocolVersion = record.protocolVersion;
    if (record.snapshot !== undefined) stored.snapshot = record.snapshot;
    if (record.getStreamSeq !== undefined) stored.getStreamSeq = record.getStreamSeq;
    (stored.established ? index.seen : index.fresh).set(stored.id, stored);
    if (clientKey !== '') {
      let own = index.byClient.get(clientKey);
      if (own === undefined) {
        own = new Set();
        index.byClient.set(clientKey, own);
      }
      own.add(stored.id);
    }
    this.ensureSweeper();
    return { created: true, evicted: evicted ?? NO_EVICTIONS };
  }

  get(id: string): SessionRecord | undefined {
    return this.live(id, Date.now());
  }

  update(id: string, changes: SessionChanges): boolean {
    const record = this.live(id, Date.now());
    if (record === undefined) return false;
    if (changes.protocolVersion !== undefined) record.protocolVersion = changes.protocolVersion;
    if (changes.snapshot !== undefined) record.snapshot = changes.snapshot;
    if (changes.getStreamSeq !== undefined) record.getStreamSeq = changes.getStreamSeq;
    if (changes.expiresAt !== undefined) record.expiresAt = changes.expiresAt;
    if (changes.lastSeenAt !== undefined) record.lastSeenAt = changes.lastSeenAt;
    if (changes.established === true && !record.established) {
      record.established = true;
      const index = this.kinds[record.kind];
      index.fresh.delete(id);
      index.seen.set(id, record);
    } else if (changes.lastSeenAt !== undefined && record.established) {
      this.moveToBack(record);
    }
    return true;
  }

  touch(id: string, lastSeenAt: number, expiresAt: number): boolean {
    const record = this.live(id, Date.now());
    if (record === undefined) return false;
    record.lastSeenAt = lastSeenAt;
    record.expiresAt = expiresAt;
    if (record.established) this.moveToBack(record);
    return true;
  }

  delete(id: string): boolean {
    const record = this.find(id);
    if (record === undefined) return false;
    this.remove(record);
    return record.expiresAt > Date.now();
  }

  count(kind: SessionKind, clientKey?: string): number {
    this.fullSweep(Date.now(), true);
    const index = this.kinds[kind];
    if (clientKey === undefined) return index.size;
    return clientKey === '' ? 0 : (index.byClient.get(clientKey)?.size ?? 0);
  }

  close(): void {
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** Ids are unique across kinds (the handlers generate them): at most one of the four maps has it. */
  private find(id: string): SessionRecord | undefined {
    const http = this.kinds['streamable-http'];
    const sse = this.kinds.sse;
    return http.seen.get(id) ?? http.fresh.get(id) ?? sse.seen.get(id) ?? sse.fresh.get(id);
  }

  private live(id: string, now: number): SessionRecord | undefined {
    const record = this.find(id);
    if (record === undefined) return undefined;
    if (record.expiresAt > now) return record;
    this.remove(record);
    return undefined;
  }

  private moveToBack(record: SessionRecord): void {
    const seen = this.kinds[record.kind].seen;
    seen.delete(record.id);
    seen.set(record.id, record);
  }

  private remove(record: SessionRecord): void {
    const id = record.id;
    const index = this.kinds[record.kind];
    if (!index.fresh.delete(id) && !index.seen.delete(id)) return;
    if (record.clientKey !== '') {
      const own = index.byClient.get(record.clientKey);
      own?.delete(id);
      if (own?.size === 0) index.byClient.delete(record.clientKey);
    }
    if (this.kinds['streamable-http'].size === 0 && this.kinds.sse.size === 0) this.close();
  }

  /**
   * The record a client at its limit gives up: its oldest never-established one, else its idle least
   * recently seen one. The client's ids are in creation order, so under a flood of unanswered
   * initializes the first never-established one is found at once.
   */
  private clientVictim(own: Set<string>, idleBefore: number): SessionRecord | undefined {
    let stale: SessionRecord | undefined;
    for (const id of own) {
      const record = this.find(id)!;
      if (!record.established) return record;
      if (record.lastSeenAt <= idleBefore && (stale === undefined || record.lastSeenAt < stale.lastSeenAt)) {
        stale = record;
      }
    }
    return stale;
  }

  /** Drops expired records at the front of each order (the common case: same lifetimes for all). */
  private sweepFront(index: KindIndex, now: number): void {
    for (const order of [index.fresh, index.seen]) {
      for (const record of order.values()) {
        if (record.expiresAt > now) break;
        this.remove(record);
      }
    }
  }

  /** Drops every expired record; at most once a second unless `force` (handlers may mix lifetimes). */
  private fullSweep(now: number, force = false): void {
    if (!force && now - this.lastFullSweep < SWEEP_MS) return;
    this.lastFullSweep = now;
    for (const index of [this.kinds['streamable-http'], this.kinds.sse]) {
      for (const order of [index.fresh, index.seen]) {
        for (const record of order.values()) if (record.expiresAt <= now) this.remove(record);
      }
    }
  }

  private ensureSweeper(): void {
    if (this.sweeper !== undefined) return;
    this.sweeper = setInterval(() => {
      const now = Date.now();
      this.sweepFront(this.kinds['streamable-http'], now);
      this.sweepFront(this.kinds.sse, now);
    }, SWEEP_MS);
    unrefTimer(this.sweeper);
  }
}

function frontOf(order: Map<string, SessionRecord>): SessionRecord | undefined {
  return order.values().next().value;
}

/**
 * The idle record seen longest ago. A scan, not the front of the order: touches from several handlers
 * may arrive out of order. It runs only at the cap when no never-established record is left to evict.
 */
function leastRecentlySeen(order: Map<string, SessionRecord>, idleBefore: number): SessionRecord | undefined {
  let oldest: SessionRecord | undefined;
  for (const record of order.values()) {
    if (record.lastSeenAt <= idleBefore && (oldest === undefined || record.lastSeenAt < oldest.lastSeenAt)) {
      oldest = record;
    }
  }
  return oldest;
}
