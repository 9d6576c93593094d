/**
 * Session records behind a store interface, so that a legacy session (Streamable HTTP `Mcp-Session-Id`
 * 2025-03-26 … 2025-11-25, or a legacy HTTP+SSE `sessionId`) can be served by any process that shares the
 * store. The memory store (./memory-session-store.ts) is the default; other backends (Redis) implement the
 * same interface and pass the same contract tests (packages/transports/test/store-contract.ts).
 *
 * The handlers keep live sessions in a local cache and use the store only when a session is created,
 * first seen by this process (hydration), when its state changes, for rate-limited touches, and when it
 * ends. Every method may return a promise; no method is called per message on the hot path.
 * Runtime-neutral: no Node imports.
 */
import type { SessionSnapshot } from '@mcpwire/core/runtime';

/** Which handler a session belongs to. */
export type SessionKind = 'streamable-http' | 'sse';

/**
 * One session. A record is a plain JSON value (every member a string, number, boolean or JSON object;
 * optional members are absent, never `undefined`), so a store may serialise it as it likes. Callers
 * treat records they receive as read-only.
 */
export interface SessionRecord {
  /** The session id (Mcp-Session-Id, or the legacy SSE `sessionId` query parameter). */
  id: string;
  kind: SessionKind;
  /**
   * The principal that created the session (see `principalKey`): every later request must present the
   * same one. The empty string is the anonymous principal (no authentication configured).
   */
  owner: string;
  /**
   * Key for the per-client session limit: the principal key with authentication, else the remote address
   * (or what the handler's `clientKey` option derived). The empty string means unknown: no per-client
   * limit applies to the record and it is not counted for any client.
   */
  clientKey: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** When a request of the session was last seen (updated by `touch`, at most every few seconds). */
  lastSeenAt: number;
  /**
   * When the record stops existing (ms since the epoch): from then on `get` answers undefined, `touch`
   * and `update` answer false, and the record no longer counts towards limits. Set by `create`, `touch`
   * and `update`. A store may drop it at that time or later, but never serve it after.
   */
  expiresAt: number;
  /**
   * Initialize was answered and a further message of the session arrived. Records never established
   * are evicted first at a cap, whatever their age; the handler gives them a short `expiresAt`.
   */
  established: boolean;
  /** The negotiated protocol revision, once known. */
  protocolVersion?: string;
  /** The engine's session state, for hydration in another process; absent until initialize is answered. */
  snapshot?: SessionSnapshot;
  /**
   * Streamable HTTP: the highest sequence number of the standalone GET stream (`<id>/0` in the event
   * store) that was written to a GET connection, saved when that connection ends, so a GET opened later
   * in another process starts after it. Absent until a GET connection ended.
   */
  getStreamSeq?: number;
}

/** Members `update` may change; absent members keep their value. */
export interface SessionChanges {
  established?: boolean;
  protocolVersion?: string;
  snapshot?: SessionSnapshot;
  getStreamSeq?: number;
  lastSeenAt?: number;
  expiresAt?: number;
}

/** The limits `create` enforces. */
export interface SessionLimits {
  /** Most live records of this kind's handler in the store (all clients). */
  maxSessions: number;
  /** Most live records with the same non-empty `clientKey`. */
  maxSessionsPerClient: number;
  /**
   * An established record whose `lastSeenAt` is at least this long ago (relative to the new record's
   * `createdAt`) is idle: it may be evicted to make room. Busy sessions are touched more often than this.
   */
  idleAfterMs: number;
}

/**
 * What `create` did. `evicted` lists the ids of records it removed to make room (the caller closes
 * those sessions and tells other processes); it may be non-empty even when the record was refused.
 */
export type CreateOutcome =
  | { readonly created: true; readonly evicted: readonly string[] }
  | {
      readonly created: false;
      readonly refused: 'max-sessions' | 'max-sessions-per-client';
      readonly evicted: readonly string[];
    };

/**
 * Where legacy session records live: owner, client key, times, revision and engine snapshot per session id.
 */
export interface SessionStore {
  /**
   * Adds `record` (its id is new: the caller generated it) unless a limit forbids it. Expired records do
   * not count and may be dropped first. Then, in this order, only records of the same `kind` counting:
   * 1. If `record.clientKey` is non-empty and that client already has `maxSessionsPerClient` live
   *    records: evict that client's never-established record with the oldest `createdAt`; if it has none,
   *    its established record with the oldest `lastSeenAt` if that one is idle (see `idleAfterMs`);
   *    otherwise refuse with `max-sessions-per-client`.
   * 2. If the store holds `maxSessions` live records: evict the never-established record with the oldest
   *    `createdAt`; if there is none, the established record with the oldest `lastSeenAt` if it is idle;
   *    otherwise refuse with `max-sessions`.
   * 3. Store the record.
   * Evicting removes a record as `delete` does. Concurrent creates in several processes may overshoot a
   * limit by the number of creates racing; a store that can run the steps atomically should.
   */
  create(record: SessionRecord, limits: SessionLimits): CreateOutcome | Promise<CreateOutcome>;
  /** The live record with this id, or undefined (never created, deleted, evicted or expired). */
  get(id: string): SessionRecord | undefined | Promise<SessionRecord | undefined>;
  /**
   * Applies `changes` to a live record (members absent from `changes` keep their value). Answers false
   * when there is no live record with this id (nothing is created). Updates issued by one process for one
   * id are applied in the order issued.
   */
  update(id: string, changes: SessionChanges): boolean | Promise<boolean>;
  /**
   * Marks a live record as seen: sets `lastSeenAt` and `expiresAt`. Answers false when there is no live
   * record with this id. Called at most every few seconds per session and process, off the request path.
   */
  touch(id: string, lastSeenAt: number, expiresAt: number): boolean | Promise<boolean>;
  /** Removes a record. Answers true when a live record was removed. */
  delete(id: string): boolean | Promise<boolean>;
  /**
   * How many live records exist, of one kind (and of one non-empty client key when given). For limits
   * checks in tests and for monitoring; it may cost a scan in some stores.
   */
  count(kind: SessionKind, clientKey?: string): number | Promise<number>;
  /** Releases what the store holds open (timers, connections). Records are kept. Optional. */
  close?(): void | Promise<void>;
}
