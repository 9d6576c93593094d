/**
 * The 2025-03-26 proxy authorization server's records in Redis, so that several server processes serve
 * the same authorizations: a record per key with its time to live (`SET PX`), single-use records taken
 * with `GETDEL`, a set per browser for consents, and a set per refresh-token family indexing its tokens so
 * that a replayed refresh token revokes the family in one atomic script.
 */
import type { ProxyAuthStore, ProxyRecordKind, ProxyRecords } from '@mcpwire/auth/server';
import { LuaScript, type RedisLink } from './link.js';

const FAMILY_KINDS: ReadonlySet<ProxyRecordKind> = new Set(['accessToken', 'refreshToken']);

/** KEYS: record, family set. ARGV: value, ttl ms. The family set lives as long as its longest token. */
const PUT_IN_FAMILY = new LuaScript(`
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], KEYS[1])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return 1
`);

/** KEYS: family set. Deletes every token the set names, then the set. */
const REVOKE_FAMILY = new LuaScript(`
local members = redis.call('SMEMBERS', KEYS[1])
for i = 1, #members do redis.call('DEL', members[i]) end
redis.call('DEL', KEYS[1])
return #members
`);

/** KEYS: consent set. ARGV: client id, ttl ms. */
const ADD_CONSENT = new LuaScript(`
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`);

export class RedisProxyAuthStore implements ProxyAuthStore {
  /** Created by {@link redisStore}, which shares one connection among its stores. */
  constructor(private readonly link: RedisLink) {}

  /** The record of a kind under a key, if present and not expired. */
  async get<K extends ProxyRecordKind>(kind: K, key: string): Promise<ProxyRecords[K] | undefined> {
    return parse(await this.link.send(['GET', this.recordKey(kind, key)]));
  }

  /** Stores a record for `ttlMs`. */
  async put<K extends ProxyRecordKind>(
    kind: K,
    key: string,
    value: ProxyRecords[K],
    ttlMs: number,
  ): Promise<void> {
    const text = JSON.stringify(value);
    const ttl = String(Math.max(1, Math.ceil(ttlMs)));
    const recordKey = this.recordKey(kind, key);
    if (FAMILY_KINDS.has(kind)) {
      const family = (value as ProxyRecords['accessToken']).family;
      await this.link.script(PUT_IN_FAMILY, [recordKey, this.familyKey(family)], [text, ttl]);
      return;
    }
    await this.link.send(['SET', recordKey, text, 'PX', ttl]);
  }

  async take<K extends ProxyRecordKind>(kind: K, key: string): Promise<ProxyRecords[K] | undefined> {
    return parse(await this.link.send(['GETDEL', this.recordKey(kind, key)]));
  }

  /** Deletes a record. */
  async delete(kind: ProxyRecordKind, key: string): Promise<void> {
    await this.link.send(['DEL', this.recordKey(kind, key)]);
  }

  async addConsent(browser: string, clientId: string, ttlMs: number): Promise<void> {
    const ttl = String(Math.max(1, Math.ceil(ttlMs)));
    await this.link.script(ADD_CONSENT, [this.link.key(`auth:consent:${browser}`)], [clientId, ttl]);
  }

  /** Whether the user of this browser already consented to this client. */
  async hasConsent(browser: string, clientId: string): Promise<boolean> {
    const member = await this.link.send(['SISMEMBER', this.link.key(`auth:consent:${browser}`), clientId]);
    return Number(member) === 1;
  }

  async revokeFamily(family: string): Promise<void> {
    await this.link.script(REVOKE_FAMILY, [this.familyKey(family)], []);
  }

  private recordKey(kind: ProxyRecordKind, key: string): string {
    return this.link.key(`auth:${kind}:${key}`);
  }

  private familyKey(family: string): string {
    return this.link.key(`auth:family:${family}`);
  }
}

function parse<V>(reply: unknown): V | undefined {
  if (typeof reply !== 'string') return undefined;
  return JSON.parse(reply) as V;
}
