/** The memory ProxyAuthStore against the store contract, and its cap on entries per kind. */
import { MemoryProxyAuthStore } from '@mcpwire/auth/server';
import { expect, it } from 'vitest';
import { proxyAuthStoreContract } from './helpers/proxy-store-contract.js';

proxyAuthStoreContract('memory', async () => new MemoryProxyAuthStore());

it('evicts the oldest records of a kind beyond its cap', async () => {
  const store = new MemoryProxyAuthStore(2);
  for (const key of ['a', 'b', 'c']) await store.put('session', key, { accessToken: key }, 60_000);
  await store.put(
    'code',
    'other',
    { clientId: '', redirectUri: '', codeChallenge: '', scope: [], session: '' },
    60_000,
  );
  expect(await store.get('session', 'a')).toBeUndefined();
  expect(await store.get('session', 'b')).toEqual({ accessToken: 'b' });
  expect(await store.get('session', 'c')).toEqual({ accessToken: 'c' });
  expect(await store.get('code', 'other')).toBeDefined();
});
