/**
 * Redis stopped and started again under the stores: every operation fails at once with a 503 that names
 * the cause (never a hang, a crash or a 401 that would make clients drop good tokens), and the stores work
 * again once Redis is back, without being recreated.
 */
import { createBearerAuthenticator, createProxyAuthorizationServer } from '@mcpwire/auth/server';
import { StoreUnavailableError } from '@mcpwire/core';
import { expect, it } from 'vitest';
import { eventually, useRedis } from './redis-fixture.js';

const redis = useRedis();

function register(proxy: ReturnType<typeof createProxyAuthorizationServer>) {
  return proxy.handle(
    new Request('http://127.0.0.1:1/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['http://127.0.0.1:2/cb'], token_endpoint_auth_method: 'none' }),
    }),
  );
}

it('answers 503 naming Redis while it is down, and serves again once it is back', async () => {
  const store = redis.open();
  const proxy = createProxyAuthorizationServer({
    baseUrl: 'http://127.0.0.1:1',
    resource: 'http://127.0.0.1:1/mcp',
    upstream: { issuer: 'http://127.0.0.1:3', clientId: 'proxy' },
    store: store.proxyAuth,
  });
  const authenticator = createBearerAuthenticator({ verifier: proxy.verifier });
  const bearer = new Request('http://127.0.0.1:1/mcp', { headers: { authorization: 'Bearer some-token' } });
  expect((await register(proxy))?.status).toBe(201);
  const before = await authenticator.authenticate(bearer);
  expect(before instanceof Response && before.status).toBe(401);

  await redis.server.stop();
  const refused = (await register(proxy))!;
  expect(refused.status).toBe(503);
  expect(await refused.json()).toMatchObject({
    error: 'temporarily_unavailable',
    error_description: expect.stringMatching(/^Redis is unavailable: expected a connected Redis, but /),
  });
  const unverified = await authenticator.authenticate(bearer);
  expect(unverified instanceof Response && unverified.status).toBe(503);
  expect(await (unverified as Response).json()).toMatchObject({
    jsonrpc: '2.0',
    id: null,
    error: { code: -32603, message: expect.stringContaining('Redis is unavailable') },
  });
  await expect(store.proxyAuth.get('client', 'x')).rejects.toBeInstanceOf(StoreUnavailableError);

  await redis.server.start();
  await store.ready();
  expect((await register(proxy))?.status).toBe(201);
});

it('fails session, event and bus operations at once while Redis is down; subscriptions resume after', async () => {
  const store = redis.open();
  const other = redis.open({ prefix: 'bus-peer:' });
  const heard: string[] = [];
  const listener = redis.open({ prefix: 'bus-peer:' });
  await listener.bus.subscribe('news', (m) => void heard.push(m));
  await store.bus.subscribe('warm', () => {});
  await other.bus.publish('news', 'before');
  await eventually(() => heard.length === 1);

  await redis.server.stop();
  const started = Date.now();
  const message = { jsonrpc: '2.0' as const, method: 'notifications/message' };
  for (const attempt of [
    () => store.sessions.get('s1'),
    () => store.sessions.count('streamable-http'),
    () => store.events.append('s1/0', message),
    () => store.events.tail('s1/0', 0, { event() {}, end() {} }),
    () => store.bus.publish('news', 'lost'),
    () => store.bus.subscribe('elsewhere', () => {}),
  ]) {
    await expect(attempt()).rejects.toBeInstanceOf(StoreUnavailableError);
  }
  // Failing fast: no operation waited for a reconnection.
  expect(Date.now() - started).toBeLessThan(1000);

  await redis.server.start();
  await Promise.all([other.ready(), listener.ready()]);
  await eventually(async () => {
    await other.bus.publish('news', 'after');
    return heard.includes('after');
  });
  expect(heard).not.toContain('lost');
});
