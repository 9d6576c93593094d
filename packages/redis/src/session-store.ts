/**
 * Legacy session records in Redis (the SessionStore of @mcpwire/transports): any process sharing the Redis
 * serves any session. `create`, `update`, `touch`, `delete` and `count` are one atomic script each (limits
 * and eviction hold across processes); `get` is one HMGET. The handlers call the store only when a session
 * is created, first seen by a process, changes, is touched (every few seconds) or ends: never per message.
 */

import type { SessionSnapshot } from '@mcpwire/core';
import type {
  CreateOutcome,
  SessionChanges,
  SessionKind,
  SessionLimits,
  SessionRecord,
  SessionStore,
} from '@mcpwire/transports/http';
import type { RedisLink } from './link.js';
import { COUNT_SESSIONS, CREATE_SESSION, DELETE_SESSION, UPDATE_SESSION } from './session-scripts.js';

/** How long a record's key outlives the record, so that sweeps can still read its client key. */
const GRACE_MS = String(24 * 60 * 60_000);
const FIELDS = ['k', 'o', 'c', 'ca', 'ls', 'ex', 'e', 'v', 'n', 'g'];
const NO_EVICTIONS: readonly string[] = Object.freeze([]);

/** The {@link SessionStore} of legacy session records in Redis, shared by every process. */
export class RedisSessionStore implements SessionStore {
  /** Created by {@link redisStore}, which shares one connection among its stores. */
  constructor(private readonly link: RedisLink) {}

  async create(record: SessionRecord, limits: SessionLimits): Promise<CreateOutcome> {
    const reply = (await this.link.script(
      CREATE_SESSION,
      [],
      [
        this.link.prefix,
        record.id,
        record.kind,
        record.owner,
        record.clientKey,
        String(record.createdAt),
        String(record.lastSeenAt),
        String(record.expiresAt),
        record.established ? '1' : '0',
        record.protocolVersion ?? '',
        record.protocolVersion === undefined ? '0' : '1',
        record.snapshot === undefined ? '' : JSON.stringify(record.snapshot),
        record.snapshot === undefined ? '0' : '1',
        String(limits.maxSessions),
        String(limits.maxSessionsPerClient),
        String(limits.idleAfterMs),
        GRACE_MS,
        record.getStreamSeq === undefined ? '' : String(record.getStreamSeq),
      ],
    )) as [number, string, ...string[]];
    const evicted = reply.length > 2 ? reply.slice(2).map(String) : NO_EVICTIONS;
    if (Number(reply[0]) === 1) return { created: true, evicted };
    return { created: false, refused: reply[1] as 'max-sessions' | 'max-sessions-per-client', evicted };
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const values = (await this.link.send(['HMGET', this.link.key(`s:${id}`), ...FIELDS])) as (
      | string
      | null
    )[];
    const [kind, owner, clientKey, created, seen, expires, established, version, snapshot, getSeq] = values;
    if (kind == null || expires == null || Number(expires) <= Date.now()) return undefined;
    const record: SessionRecord = {
      id,
      kind: kind as SessionKind,
      owner: owner ?? '',
      clientKey: clientKey ?? '',
      createdAt: Number(created),
      lastSeenAt: Number(seen),
      expiresAt: Number(expires),
      established: established === '1',
    };
    if (version != null) record.protocolVersion = version;
    if (snapshot != null) record.snapshot = JSON.parse(snapshot) as SessionSnapshot;
    if (getSeq != null) record.getStreamSeq = Number(getSeq);
    return record;
  }

  async update(id: string, changes: SessionChanges): Promise<boolean> {
    return this.change(id, changes);
  }

  async touch(id: string, lastSeenAt: number, expiresAt: number): Promise<boolean> {
    return this.change(id, { lastSeenAt, expiresAt });
  }

  async delete(id: string): Promise<boolean> {
    const reply = await this.link.script(DELETE_SESSION, [], [this.link.prefix, id, String(Date.now())]);
    return Number(reply) === 1;
  }

  async count(kind: SessionKind, clientKey?: string): Promise<number> {
    const reply = await this.link.script(
      COUNT_SESSIONS,
      [],
      [this.link.prefix, kind, String(Date.now()), clientKey ?? '', clientKey === undefined ? '0' : '1'],
    );
    return Number(reply);
  }

  private async change(id: string, changes: SessionChanges): Promise<boolean> {
    const reply = await this.link.script(
      UPDATE_SESSION,
      [],
      [
        this.link.prefix,
        id,
        String(Date.now()),
        changes.established === true ? '1' : '',
        changes.protocolVersion ?? '',
        changes.protocolVersion === undefined ? '0' : '1',
        changes.snapshot === undefined ? '' : JSON.stringify(changes.snapshot),
        changes.snapshot === undefined ? '0' : '1',
        changes.lastSeenAt === undefined ? '' : String(changes.lastSeenAt),
        changes.expiresAt === undefined ? '' : String(changes.expiresAt),
        GRACE_MS,
        changes.getStreamSeq === undefined ? '' : String(changes.getStreamSeq),
      ],
    );
    return Number(reply) === 1;
  }
}
