/**
 * What every ProxyAuthStore must do, as a suite any implementation runs: the memory store here, the Redis
 * store in @mcpwire/redis. `open` gives a fresh, empty store for each test.
 */
import type { IssuedToken, ProxyAuthStore } from '@mcpwire/auth/server';
import { describe, expect, it } from 'vitest';

const MINUTE = 60_000;

function token(family: string, session = 's1'): IssuedToken {
  return { clientId: 'c1', scope: ['mcp'], session, family, expiresAt: Date.now() + MINUTE };
}

/** Polls until `check` holds (bounded: 200 polls of 10 ms); for expiry, which no event announces. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

export function proxyAuthStoreContract(name: string, open: () => Promise<ProxyAuthStore>): void {
  describe(`ProxyAuthStore contract: ${name}`, () => {
    it('keeps a record of each kind until it is deleted, and kinds do not share keys', async () => {
      const store = await open();
      const client = {
        client_id: 'k',
        redirect_uris: ['http://127.0.0.1/cb'],
        token_endpoint_auth_method: 'none' as const,
        grant_types: ['authorization_code'],
      };
      await store.put('client', 'k', client, MINUTE);
      await store.put('session', 'k', { accessToken: 'up', subject: 'user-1' }, MINUTE);
      await store.put('usedRefreshToken', 'k', 'family-1', MINUTE);
      expect(await store.get('client', 'k')).toEqual(client);
      expect(await store.get('session', 'k')).toEqual({ accessToken: 'up', subject: 'user-1' });
      expect(await store.get('usedRefreshToken', 'k')).toBe('family-1');
      expect(await store.get('code', 'k')).toBeUndefined();
      await store.delete('session', 'k');
      expect(await store.get('session', 'k')).toBeUndefined();
      expect(await store.get('client', 'k')).toEqual(client);
    });

    it('replaces a record stored again under the same key', async () => {
      const store = await open();
      await store.put('session', 'k', { accessToken: 'first' }, MINUTE);
      await store.put('session', 'k', { accessToken: 'second' }, MINUTE);
      expect(await store.get('session', 'k')).toEqual({ accessToken: 'second' });
    });

    it('takes a single-use record once, even when two takes race', async () => {
      const store = await open();
      const code = { clientId: 'c', redirectUri: 'r', codeChallenge: 'x', scope: [], session: 's' };
      await store.put('code', 'one', code, MINUTE);
      const results = await Promise.all([store.take('code', 'one'), store.take('code', 'one')]);
      expect(results.filter((r) => r !== undefined)).toEqual([code]);
      expect(await store.get('code', 'one')).toBeUndefined();
      expect(await store.take('code', 'never-stored')).toBeUndefined();
    });

    it('forgets a record once its time to live has passed', async () => {
      const store = await open();
      await store.put('pending', 'short', pendingRequest(), 1);
      await store.put('pending', 'long', pendingRequest(), MINUTE);
      expect(await eventually(async () => (await store.get('pending', 'short')) === undefined)).toBe(true);
      expect(await store.take('pending', 'short')).toBeUndefined();
      expect(await store.get('pending', 'long')).toEqual(pendingRequest());
    });

    it('remembers consent per browser and client', async () => {
      const store = await open();
      expect(await store.hasConsent('browser-1', 'client-a')).toBe(false);
      await store.addConsent('browser-1', 'client-a', MINUTE);
      await store.addConsent('browser-1', 'client-b', MINUTE);
      expect(await store.hasConsent('browser-1', 'client-a')).toBe(true);
      expect(await store.hasConsent('browser-1', 'client-b')).toBe(true);
      expect(await store.hasConsent('browser-2', 'client-a')).toBe(false);
      await store.addConsent('browser-3', 'client-a', 1);
      expect(await eventually(async () => !(await store.hasConsent('browser-3', 'client-a')))).toBe(true);
    });

    it('revokes every access and refresh token of one family and nothing else', async () => {
      const store = await open();
      await store.put('accessToken', 'a1', token('f1'), MINUTE);
      await store.put('accessToken', 'a2', token('f1'), MINUTE);
      await store.put('refreshToken', 'r1', token('f1'), MINUTE);
      const other = token('f2');
      await store.put('accessToken', 'a3', other, MINUTE);
      await store.put('refreshToken', 'r3', token('f2'), MINUTE);
      await store.put('session', 's1', { accessToken: 'upstream' }, MINUTE);
      await store.revokeFamily('f1');
      expect(await store.get('accessToken', 'a1')).toBeUndefined();
      expect(await store.get('accessToken', 'a2')).toBeUndefined();
      expect(await store.get('refreshToken', 'r1')).toBeUndefined();
      expect(await store.get('accessToken', 'a3')).toEqual(other);
      expect(await store.get('refreshToken', 'r3')).toMatchObject({ family: 'f2' });
      expect(await store.get('session', 's1')).toEqual({ accessToken: 'upstream' });
      // A family with no tokens left, or never seen, revokes quietly.
      await store.revokeFamily('f1');
      await store.revokeFamily('unknown');
    });
  });
}

function pendingRequest() {
  return {
    clientId: 'c',
    redirectUri: 'http://127.0.0.1/cb',
    codeChallenge: 'x',
    scope: ['mcp'],
    csrf: 'csrf',
    browser: 'b',
  };
}
