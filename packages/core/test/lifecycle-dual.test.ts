import {
  ClientConnection,
  createInMemoryPair,
  ErrorCode,
  META_PROTOCOL_VERSION,
  MemoryEraCache,
  ServerConnection,
  TimeoutError,
} from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { engineWithPeer, settle } from './engine-fixtures.js';
import {
  answerInitialize,
  clientInfo,
  clientWithRawServer,
  connectPair,
  initializeRequest,
  makeClient,
  makeServer,
  modernMeta,
  serverInfo,
} from './lifecycle-fixtures.js';

describe('dual-era server', () => {
  it('serves a legacy client and a modern client at once, from one definition', async () => {
    const servers = [makeServer(), makeServer()];
    const legacy = makeClient({ revision: '2025-06-18' });
    const modern = makeClient();
    await Promise.all([connectPair(servers[0]!, legacy), connectPair(servers[1]!, modern)]);
    expect(legacy.era).toBe('legacy');
    expect(modern.era).toBe('modern');
    expect(modern.negotiatedRevision).toBe('2026-07-28');
    expect(modern.serverInfo).toEqual(serverInfo);
    expect(modern.serverCapabilities).toEqual({ tools: {}, logging: {} });
    const [a, b] = await Promise.all([
      legacy.request('tools/call', { name: 'x' }),
      modern.request('tools/call', { name: 'x' }),
    ]);
    expect(a.content).toEqual([{ type: 'text', text: 'x via legacy 2025-06-18' }]);
    expect(a.resultType).toBeUndefined();
    expect(b.content).toEqual([{ type: 'text', text: 'x via modern 2026-07-28' }]);
    expect(b.resultType).toBe('complete');
  });

  it('on one connection: modern requests are stateless until initialize selects legacy for the connection', async () => {
    const { engine: server, peer } = await engineWithPeer(makeServer());
    const meta = modernMeta();
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: meta } });
    expect((await peer.response(1)).result).toMatchObject({ resultType: 'complete' });
    await peer.send(initializeRequest('2025-11-25', 2));
    expect((await peer.response(2)).result).toMatchObject({ protocolVersion: '2025-11-25' });
    await peer.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await peer.send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
    const legacyAnswer = (await peer.response(3)).result as Record<string, unknown>;
    expect(legacyAnswer.resultType).toBeUndefined();
    expect(server.era).toBe('legacy');
  });

  it('a modern-only server answers ping, logging/setLevel and resources/subscribe with -32601', async () => {
    const server = makeServer({ revisions: ['2026-07-28'] });
    server.setRequestHandler('logging/setLevel', () => ({}));
    const { peer } = await engineWithPeer(server);
    const meta = modernMeta();
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    await peer.send({ jsonrpc: '2.0', id: 2, method: 'ping', params: { _meta: meta } });
    await peer.send({ jsonrpc: '2.0', id: 3, method: 'logging/setLevel', params: { level: 'info' } });
    await peer.send({
      jsonrpc: '2.0',
      id: 4,
      method: 'resources/subscribe',
      params: { uri: 'x://y', _meta: meta },
    });
    for (const id of [1, 2, 3, 4])
      expect((await peer.response(id)).error).toMatchObject({ code: ErrorCode.MethodNotFound });
  });

  it('a dual-era server answers ping itself even with a fallback handler installed', async () => {
    const server = makeServer();
    server.setFallbackRequestHandler(() => {
      throw new Error('fallback must not see ping');
    });
    const { peer } = await engineWithPeer(server);
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    expect((await peer.response(1)).result).toEqual({});
  });

  it('a modern-only server refuses initialize naming the versions it serves', async () => {
    const { peer } = await engineWithPeer(makeServer({ revisions: ['2026-07-28'] }));
    await peer.send(initializeRequest('2025-11-25', 1));
    const answer = await peer.response(1);
    expect(answer.error).toMatchObject({
      code: ErrorCode.MethodNotFound,
      message: expect.stringContaining('2026-07-28'),
    });
  });
});

describe('client era negotiation', () => {
  it('falls back to initialize when a legacy-only server answers the probe', async () => {
    const server = makeServer({ revisions: ['2025-03-26', '2025-06-18'] });
    const client = makeClient();
    await connectPair(server, client);
    expect(client.era).toBe('legacy');
    expect(client.negotiatedRevision).toBe('2025-06-18');
  });

  it.each([
    ['-32601', { code: -32601, message: 'Method not found' }],
    ['-32602', { code: -32602, message: 'Invalid params' }],
    ['-32000', { code: -32000, message: 'Server not initialized' }],
    ['-32603', { code: -32603, message: 'Internal error' }],
  ])('falls back on any non-modern error (%s)', async (_name, error) => {
    const client = makeClient();
    const { connecting, rawServer } = await clientWithRawServer(client);
    const probe = await rawServer.method('server/discover');
    expect((probe.params as { _meta: Record<string, unknown> })._meta[META_PROTOCOL_VERSION]).toBe(
      '2026-07-28',
    );
    await rawServer.send({ jsonrpc: '2.0', id: probe.id, error });
    await answerInitialize(rawServer, '2025-11-25');
    await connecting;
    expect(client.era).toBe('legacy');
  });

  it('falls back on an invalid DiscoverResult', async () => {
    const client = makeClient();
    const { connecting, rawServer } = await clientWithRawServer(client);
    const probe = await rawServer.method('server/discover');
    await rawServer.send({ jsonrpc: '2.0', id: probe.id, result: { hello: 'world' } });
    await answerInitialize(rawServer, '2025-11-25');
    await connecting;
    expect(client.era).toBe('legacy');
  });

  it('falls back when the probe times out (a silent legacy server)', async () => {
    const client = makeClient({ probeTimeoutMs: 50 });
    const { connecting, rawServer } = await clientWithRawServer(client);
    const probe = await rawServer.method('server/discover');
    await answerInitialize(rawServer, '2025-06-18');
    await connecting;
    expect(client.era).toBe('legacy');
    const cancel = rawServer.messages().find((m) => m.method === 'notifications/cancelled');
    expect(cancel?.params).toMatchObject({ requestId: probe.id });
  });

  it('stays modern on -32022 and retries discover with a version the server lists', async () => {
    const client = makeClient({ revisions: ['2025-11-25', '2026-07-28'] });
    const { connecting, rawServer } = await clientWithRawServer(client);
    const probe = await rawServer.method('server/discover');
    await rawServer.send({
      jsonrpc: '2.0',
      id: probe.id,
      error: {
        code: -32022,
        message: 'Unsupported protocol version',
        data: { supported: ['2026-07-28', '2025-11-25'], requested: '2026-07-28' },
      },
    });
    const retry = await rawServer.waitFor((m) => m.method === 'server/discover' && m.id !== probe.id);
    await rawServer.send({
      jsonrpc: '2.0',
      id: retry.id,
      result: {
        resultType: 'complete',
        supportedVersions: ['2026-07-28'],
        capabilities: { tools: {} },
        ttlMs: 0,
        cacheScope: 'public',
      },
    });
    await connecting;
    expect(client.era).toBe('modern');
    expect(rawServer.messages().some((m) => m.method === 'initialize')).toBe(false);
  });

  it('refuses to connect when the server shares no revision with it', async () => {
    const client = makeClient({ revisions: ['2026-07-28'] });
    const { connecting, rawServer } = await clientWithRawServer(client);
    const probe = await rawServer.method('server/discover');
    await rawServer.send({
      jsonrpc: '2.0',
      id: probe.id,
      error: { code: -32601, message: 'Method not found' },
    });
    await expect(connecting).rejects.toMatchObject({ code: 'MCPWIRE_UNSUPPORTED_REVISION' });
    expect(client.isClosed).toBe(true);
  });

  it('remembers the era per target and skips the probe next time', async () => {
    const cache = new MemoryEraCache();
    const first = makeClient({ target: 'stdio:legacy-server', eraCache: cache, probeTimeoutMs: 1000 });
    await connectPair(makeServer({ revisions: ['2025-06-18'] }), first);
    await settle();
    expect(cache.get('stdio:legacy-server')).toEqual({ era: 'legacy', revision: '2025-06-18' });
    const second = makeClient({ target: 'stdio:legacy-server', eraCache: cache });
    const { connecting, rawServer } = await clientWithRawServer(second);
    await answerInitialize(rawServer, '2025-06-18');
    await connecting;
    expect(rawServer.messages()[0]?.method).toBe('initialize');
    const modernCache = new MemoryEraCache();
    await connectPair(makeServer(), makeClient({ target: 't', eraCache: modernCache }));
    await settle();
    expect(modernCache.get('t')).toEqual({ era: 'modern', revision: '2026-07-28' });
  });

  it('the probe is a plain request: a timeout is a TimeoutError for everything else', async () => {
    const [clientTransport, serverTransport] = createInMemoryPair();
    const server = new ServerConnection({ serverInfo, capabilities: { tools: {} } });
    server.setRequestHandler('tools/call', () => new Promise(() => {}));
    await server.connect(serverTransport);
    const client = new ClientConnection({ clientInfo });
    await client.connect(clientTransport);
    await expect(client.request('tools/call', { name: 'x' }, { timeoutMs: 30 })).rejects.toBeInstanceOf(
      TimeoutError,
    );
    await settle();
    expect(server.stats.activeHandlers).toBe(0); // the cancellation reached the handler
  });
});
