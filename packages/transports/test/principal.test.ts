/** The principal key sessions are bound to: issuer + subject + client id, else the token's SHA-256. */
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, principalKey } from '../src/http/index.js';

const info = (extra: Partial<{ subject: string; clientId: string; issuer: string; token: string }>) => ({
  token: extra.token ?? 'token-1',
  scopes: [],
  ...(extra.subject === undefined ? {} : { subject: extra.subject }),
  ...(extra.clientId === undefined ? {} : { clientId: extra.clientId }),
  ...(extra.issuer === undefined ? {} : { extra: { issuer: extra.issuer } }),
});

describe('principalKey', () => {
  it('is the same for one principal whatever its token, different when issuer, subject or client differ', async () => {
    const alice = await principalKey(
      info({ issuer: 'https://as', subject: 'alice', clientId: 'app', token: 'a' }),
    );
    expect(
      await principalKey(info({ issuer: 'https://as', subject: 'alice', clientId: 'app', token: 'b' })),
    ).toBe(alice);
    for (const other of [
      info({ issuer: 'https://other', subject: 'alice', clientId: 'app' }),
      info({ issuer: 'https://as', subject: 'mallory', clientId: 'app' }),
      info({ issuer: 'https://as', subject: 'alice', clientId: 'other-app' }),
      // No ambiguity from joining: these parts concatenate to the same text.
      info({ issuer: 'https://as', subject: 'aliceapp', clientId: '' }),
    ]) {
      expect(await principalKey(other)).not.toBe(alice);
    }
    expect(await principalKey(undefined)).toBe(ANONYMOUS);
  });

  it('binds a token that names no subject and no client to the token, by its hash', async () => {
    const first = await principalKey(info({ token: 'secret-token-1' }));
    expect(first).not.toContain('secret-token-1');
    expect(first).toMatch(/[0-9a-f]{64}/);
    expect(await principalKey(info({ token: 'secret-token-1' }))).toBe(first);
    // Known already: answered without hashing again (no promise).
    expect(typeof principalKey(info({ token: 'secret-token-1' }))).toBe('string');
    expect(await principalKey(info({ token: 'secret-token-2' }))).not.toBe(first);
  });
});
