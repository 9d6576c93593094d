/**
 * The legacy sessions of one handler (Streamable HTTP, or legacy HTTP+SSE): records in the SessionStore
 * (limits, eviction, expiry, ownership) and a local cache of live transports in front of it. A request
 * for a session this process serves touches only the cache (plus a touch of the record every few
 * seconds); with a shared store, a Streamable HTTP session opened elsewhere is rebuilt here from its
 * record (hydration) on first use.
 *
 * Expiry: a session never established (initialize answered, then a further message) ends after
 * `unestablishedTimeoutMs`; an idle one (nothing in flight, no stream open) after `idleTimeoutMs`. One
 * sweep timer for all, not one per session. A legacy SSE session lives as long as its stream.
 */
import type { JSONRPCMessage, JSONRPCPayload, MessageContext, SessionSnapshot } from '@mcpwire/core/runtime';
import type { SessionKind, SessionLimits, SessionRecord, SessionStore } from '../../store/session-store.js';
import { announceEnd, RemoteSession, type RemoteTarget, type SharedContext } from './session-remote.js';
import { unrefTimer } from './sse-stream.js';

export interface SessionPolicy extends SessionLimits {
  idleTimeoutMs: number;
  unestablishedTimeoutMs: number;
  /** Least time between two touches of a record by this process. */
  touchIntervalMs: number;
  /**
   * Legacy SSE: the session is its stream, in this process. It never idles out, its record ends with
   * the stream (also with a shared store), and an open stream keeps the record alive without counting
   * as use (idle for eviction means no message for a while).
   */
  streamHoldsSession?: boolean;
}

/**
 * The per-client limit a handler applies: the option, else a quarter of the cap (at least 100, at most
 * the cap). One as large as the cap is no limit of its own (the cap's refusal, 503, is then the true one).
 */
export function perClientLimit(maxSessions: number, option: number | undefined): number {
  const limit = option ?? Math.max(Math.ceil(maxSessions / 4), Math.min(maxSessions, 100));
  return limit >= maxSessions ? Number.MAX_SAFE_INTEGER : limit;
}

/** What the registry needs of a live transport (a Streamable HTTP session, or a legacy SSE stream). */
export interface LiveTransport {
  readonly sessionId: string | undefined;
  /** Nothing in flight and no stream open. */
  readonly isIdle: boolean;
  readonly lastActivity: number;
  readonly isClosed: boolean;
  onsessionstate?: (snapshot: SessionSnapshot) => void;
  close(): Promise<void>;
  /** Bus deliveries (see RemoteTarget); a transport without one ignores that kind of message. */
  acceptRemote?(kind: 'answer' | 'cancel', message: JSONRPCMessage): void;
  acceptPosted?(payload: JSONRPCPayload, context: MessageContext): void;
  dropGetStream?(): void;
  dropStreamConnection?(streamId: string): void;
}

/** The policy from the handler options: touches every idle/8 (1 s … 15 s); idle means 4 touches missed. */
export function sessionPolicy(
  idleTimeoutMs: number,
  unestablishedTimeoutMs: number,
  maxSessions: number,
  maxSessionsPerClient: number,
): SessionPolicy {
  const touchIntervalMs = Math.min(15_000, Math.max(1, Math.floor(idleTimeoutMs / 8)));
  return {
    idleTimeoutMs,
    unestablishedTimeoutMs,
    maxSessions,
    maxSessionsPerClient,
    touchIntervalMs,
    idleAfterMs: 4 * touchIntervalMs,
  };
}

/** One live session in this process. */
export class SessionEntry<T extends LiveTransport = LiveTransport> implements RemoteTarget {
  touchedAt: number;
  remote: RemoteSession | undefined = undefined;
  /**
   * Set while a session opened elsewhere is being rebuilt here: the entry is in the map (the bus needs it)
   * before `connect` has wired the transport to the server, which would drop a request handed to it then.
   */
  connecting: Promise<SessionEntry<T> | undefined> | undefined = undefined;

  constructor(
    readonly transport: T,
    readonly owner: string,
    readonly createdAt: number,
    public established: boolean,
  ) {
    this.touchedAt = createdAt;
  }

  acceptRemote(kind: 'answer' | 'cancel', message: JSONRPCMessage): void {
    this.transport.acceptRemote?.(kind, message);
  }

  acceptPosted(payload: JSONRPCPayload, context: MessageContext): void {
    this.transport.acceptPosted?.(payload, context);
  }

  applyState(snapshot: SessionSnapshot | undefined, established: boolean): void {
    if (established) this.established = true;
    if (snapshot !== undefined) this.transport.onsessionstate?.(snapshot);
  }

  dropGetStream(): void {
    this.transport.dropGetStream?.();
  }

  dropStreamConnection(streamId: string): void {
    this.transport.dropStreamConnection?.(streamId);
  }

  ended(): void {
    void this.transport.close();
  }
}

export type OpenRefusal = 'max-sessions' | 'max-sessions-per-client';

export class LocalSessions<T extends LiveTransport> {
  private readonly entries = new Map<string, SessionEntry<T>>();
  /** Entries not yet established, oldest first (the sweep stops at the first young one). */
  private readonly unestablished = new Map<string, SessionEntry<T>>();
  private readonly hydrating = new Map<string, Promise<SessionEntry<T> | undefined>>();
  private sweeper: ReturnType<typeof setInterval> | undefined;
  private lastFullSweep = 0;

  constructor(
    readonly policy: SessionPolicy,
    private readonly store: SessionStore,
    /** Set when the store is shared with other handlers or processes. */
    readonly shared: SharedContext | undefined,
    readonly kind: SessionKind,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(id: string): SessionEntry<T> | undefined {
    return this.entries.get(id);
  }

  /**
   * Creates the record of a new session (limits enforced, idle sessions evicted) and its local entry;
   * `makeTransport` builds the transport once the record exists.
   */
  async open(
    id: string,
    owner: string,
    clientKey: string,
    now: number,
    makeTransport: (remote: RemoteSession | undefined) => T,
  ): Promise<SessionEntry<T> | OpenRefusal> {
    const record: SessionRecord = {
      id,
      kind: this.kind,
      owner,
      clientKey,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + this.policy.unestablishedTimeoutMs,
      established: false,
    };
    const outcome = await this.store.create(record, this.policy);
    for (const evicted of outcome.evicted) this.evicted(evicted);
    if (!outcome.created) return outcome.refused;
    const remote = this.shared === undefined ? undefined : new RemoteSession(id, this.shared);
    const entry = new SessionEntry(makeTransport(remote), owner, now, false);
    await this.add(entry, remote);
    return entry;
  }

  /**
   * The local entry of a session opened elsewhere, rebuilt from its record (shared stores only).
   * Undefined when there is no such session, or it belongs to another principal, or `connect` failed.
   */
  hydrate(
    id: string,
    owner: string,
    makeTransport: (remote: RemoteSession, record: SessionRecord) => T,
    connect: (transport: T, record: SessionRecord) => Promise<boolean>,
  ): Promise<SessionEntry<T> | undefined> {
    const running = this.hydrating.get(id);
    if (running !== undefined) return running.then((entry) => (entry?.owner === owner ? entry : undefined));
    const started = this.rebuild(id, owner, makeTransport, connect);
    this.hydrating.set(id, started);
    void started.finally(() => this.hydrating.delete(id));
    return started;
  }

  private async rebuild(
    id: string,
    owner: string,
    makeTransport: (remote: RemoteSession, record: SessionRecord) => T,
    connect: (transport: T, record: SessionRecord) => Promise<boolean>,
  ): Promise<SessionEntry<T> | undefined> {
    const shared = this.shared;
    if (shared === undefined) return undefined;
    const record = await this.store.get(id);
    // Not initialized yet (no snapshot): initialize is still being answered where it was sent.
    if (record === undefined || record.kind !== this.kind || record.owner !== owner) return undefined;
    if (record.snapshot === undefined) return undefined;
    const local = this.entries.get(id);
    if (local !== undefined) return local;
    const remote = new RemoteSession(id, shared);
    const entry = new SessionEntry(
      makeTransport(remote, record),
      owner,
      record.createdAt,
      record.established,
    );
    // Other requests of the session arriving meanwhile wait for this (1 in 7 runs of bench/scale-out.mjs
    // hung: a call through the balancer reached a copy still connecting, which dropped it).
    entry.connecting = this.hydrating.get(id);
    try {
      await this.add(entry, remote);
      if (!(await connect(entry.transport, record))) return undefined;
      return entry;
    } catch (error) {
      // Not left half-built in the map: closing forgets the copy (the record stays for the others).
      void entry.transport.close();
      throw error;
    } finally {
      entry.connecting = undefined;
    }
  }

  private async add(entry: SessionEntry<T>, remote: RemoteSession | undefined): Promise<void> {
    const id = entry.transport.sessionId!;
    this.entries.set(id, entry);
    if (!entry.established) this.unestablished.set(id, entry);
    this.ensureSweeper();
    if (remote !== undefined) {
      entry.remote = remote;
      await remote.attach(entry);
    }
  }

  /**
   * A request of the session arrived: the first one after initialize establishes it (legacy SSE: the
   * first one that is not initialize, `establishes`), and the record is touched at most every
   * touchIntervalMs. False when the store no longer has the record (the local copy is then closed: the
   * session expired or ended elsewhere).
   */
  seen(entry: SessionEntry<T>, now: number, establishes = true): boolean {
    const id = entry.transport.sessionId!;
    const expiresAt = now + this.policy.idleTimeoutMs;
    if (!entry.established && establishes) {
      entry.established = true;
      entry.touchedAt = now;
      this.unestablished.delete(id);
      entry.remote?.announceEstablished();
      return this.settle(entry, this.store.update(id, { established: true, lastSeenAt: now, expiresAt }));
    }
    if (now - entry.touchedAt < this.policy.touchIntervalMs) return true;
    entry.touchedAt = now;
    return this.settle(entry, this.store.touch(id, now, expiresAt));
  }

  private settle(entry: SessionEntry<T>, alive: boolean | Promise<boolean>): boolean {
    if (alive === true) return true;
    if (alive === false) {
      void entry.transport.close();
      return false;
    }
    alive.then(
      (live) => {
        if (!live) void entry.transport.close();
      },
      (error: unknown) => this.shared?.report(error),
    );
    return true;
  }

  /** DELETE: ends the session everywhere. */
  async end(id: string): Promise<void> {
    await this.store.delete(id);
    if (this.shared !== undefined) await announceEnd(this.shared, id);
    await this.entries.get(id)?.transport.close();
  }

  /** The record of a session this process does not hold (DELETE of a session opened elsewhere). */
  record(id: string): SessionRecord | undefined | Promise<SessionRecord | undefined> {
    return this.store.get(id);
  }

  /** The transport closed (any reason): forget the local copy; without a shared store, the record too. */
  forget(transport: T): void {
    const id = transport.sessionId!;
    const entry = this.entries.get(id);
    if (entry === undefined || entry.transport !== transport) return;
    this.entries.delete(id);
    this.unestablished.delete(id);
    entry.remote?.detach();
    if (this.shared === undefined || this.policy.streamHoldsSession) {
      const deleted = this.store.delete(id);
      if (deleted instanceof Promise) deleted.catch((error: unknown) => this.shared?.report(error));
    }
    if (this.entries.size === 0 && this.sweeper !== undefined) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  /** Closes sessions never established in time and idle ones; keeps the records of busy ones fresh. */
  sweep(now = Date.now()): void {
    const policy = this.policy;
    for (const entry of this.unestablished.values()) {
      if (now - entry.createdAt < policy.unestablishedTimeoutMs) break;
      this.unestablished.delete(entry.transport.sessionId!);
      if (!entry.established) void entry.transport.close();
    }
    if (now - this.lastFullSweep < Math.min(policy.touchIntervalMs, policy.idleTimeoutMs / 4)) return;
    this.lastFullSweep = now;
    for (const entry of this.entries.values()) {
      const transport = entry.transport;
      if (transport.isIdle) {
        if (now - transport.lastActivity >= policy.idleTimeoutMs) void transport.close();
      } else if (policy.streamHoldsSession) {
        // An open legacy SSE stream: its record must not expire, but silence still counts as idle.
        const expiresAt = now + policy.idleTimeoutMs;
        this.settle(entry, this.store.update(transport.sessionId!, { expiresAt }));
      } else if (entry.established && now - entry.touchedAt >= policy.touchIntervalMs) {
        // A GET stream or a long request: the session is in use although no request arrives.
        entry.touchedAt = now;
        this.settle(entry, this.store.touch(transport.sessionId!, now, now + policy.idleTimeoutMs));
      }
    }
  }

  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    await Promise.all(all.map((entry) => entry.transport.close()));
    this.entries.clear();
    this.unestablished.clear();
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** A record the store evicted to make room: its session ends here and wherever else it is served. */
  private evicted(id: string): void {
    if (this.shared !== undefined) void announceEnd(this.shared, id);
    void this.entries.get(id)?.transport.close();
  }

  private ensureSweeper(): void {
    if (this.sweeper !== undefined) return;
    const policy = this.policy;
    const period = Math.min(
      60_000,
      Math.max(
        10,
        Math.floor(
          Math.min(policy.unestablishedTimeoutMs / 2, policy.touchIntervalMs, policy.idleTimeoutMs / 4),
        ),
      ),
    );
    if (!Number.isFinite(period)) return;
    this.sweeper = setInterval(() => this.sweep(), period);
    unrefTimer(this.sweeper);
  }
}
