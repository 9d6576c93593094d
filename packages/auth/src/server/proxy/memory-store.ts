/** The default ProxyAuthStore: process memory, each kind of record in its own capped, expiring map. */
import { ExpiringMap } from './expiring-map.js';
import type { ProxyAuthStore, ProxyRecordKind, ProxyRecords } from './records.js';

type Maps = { [K in ProxyRecordKind]: ExpiringMap<ProxyRecords[K]> };

export class MemoryProxyAuthStore implements ProxyAuthStore {
  readonly #maps: Maps;
  readonly #consents: ExpiringMap<Set<string>>;

  /** `maxEntries` caps each kind of record (default 10 000); the oldest entries go first. */
  constructor(maxEntries = 10_000) {
    // The TTL given here is unused: every put passes its own.
    const map = <V>() => new ExpiringMap<V>(60_000, maxEntries);
    this.#maps = {
      client: map(),
      pending: map(),
      upstreamPending: map(),
      code: map(),
      session: map(),
      accessToken: map(),
      refreshToken: map(),
      usedRefreshToken: map(),
    };
    this.#consents = map();
  }

  /** The record of a kind under a key, if present and not expired. */
  async get<K extends ProxyRecordKind>(kind: K, key: string): Promise<ProxyRecords[K] | undefined> {
    return this.#maps[kind].get(key);
  }

  /** Stores a record for `ttlMs`. */
  async put<K extends ProxyRecordKind>(
    kind: K,
    key: string,
    value: ProxyRecords[K],
    ttlMs: number,
  ): Promise<void> {
    this.#maps[kind].set(key, value, ttlMs);
  }

  async take<K extends ProxyRecordKind>(kind: K, key: string): Promise<ProxyRecords[K] | undefined> {
    return this.#maps[kind].take(key);
  }

  /** Deletes a record. */
  async delete(kind: ProxyRecordKind, key: string): Promise<void> {
    this.#maps[kind].delete(key);
  }

  async addConsent(browser: string, clientId: string, ttlMs: number): Promise<void> {
    const consented = new Set(this.#consents.get(browser));
    consented.add(clientId);
    this.#consents.set(browser, consented, ttlMs);
  }

  /** Whether the user of this browser already consented to this client. */
  async hasConsent(browser: string, clientId: string): Promise<boolean> {
    return this.#consents.get(browser)?.has(clientId) === true;
  }

  async revokeFamily(family: string): Promise<void> {
    this.#maps.accessToken.deleteWhere((token) => token.family === family);
    this.#maps.refreshToken.deleteWhere((token) => token.family === family);
  }
}
