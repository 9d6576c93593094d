import {
  capabilityObject,
  ErrorCode,
  getMethodSpec,
  LocalErrorCode,
  META_CLIENT_CAPABILITIES,
  META_CLIENT_INFO,
  META_LOG_LEVEL,
  META_PROTOCOL_VERSION,
  META_SERVER_INFO,
  requireClientCapability,
} from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { engineWithPeer, settle } from './engine-fixtures.js';
import {
  clientInfo,
  clientWithRawServer,
  connectPair,
  makeClient,
  makeServer,
  modernCall,
  modernMeta,
  serverInfo,
} from './lifecycle-fixtures.js';

const MODERN = '2026-07-28';

describe('modern lifecycle: server', () => {
  it('serves a request with the per-request _meta statelessly, adding resultType and serverInfo', async () => {
    const server = makeServer();
    let scope: unknown;
    server.setRequestHandler('tools/call', (_params, context) => {
      scope = [
        context.era,
        context.revision,
        context.clientCapabilities,
        context.clientInfo,
        context.logLevel,
      ];
      return { content: [] };
    });
    const { peer } = await engineWithPeer(server);
    await peer.send(
      modernCall(
        1,
        'tools/call',
        { name: 'x' },
        modernMeta({ [META_CLIENT_CAPABILITIES]: { roots: {} }, [META_LOG_LEVEL]: 'warning' }),
      ),
    );
    const answer = await peer.response(1);
    expect(answer.result).toEqual({
      content: [],
      resultType: 'complete',
      _meta: { [META_SERVER_INFO]: serverInfo },
    });
    expect(scope).toEqual(['modern', MODERN, { roots: {} }, clientInfo, 'warning']);
    expect(server.era).toBeUndefined(); // no connection state
  });

  it('rejects missing protocol fields with -32602, unknown versions with -32022, bad log levels with -32602', async () => {
    const { peer } = await engineWithPeer(makeServer());
    await peer.send(modernCall(1, 'tools/list', {}, { [META_CLIENT_CAPABILITIES]: {} }));
    await peer.send(modernCall(2, 'tools/list', {}, { [META_PROTOCOL_VERSION]: MODERN }));
    await peer.send(modernCall(3, 'tools/list', {}, modernMeta({ [META_PROTOCOL_VERSION]: '1900-01-01' })));
    await peer.send(modernCall(4, 'tools/list', {}, modernMeta({ [META_LOG_LEVEL]: 'loud' })));
    await peer.send(modernCall(5, 'tools/list', {}, modernMeta({ [META_CLIENT_INFO]: 'me' })));
    const missingVersion = await peer.response(1);
    expect(missingVersion.error).toMatchObject({
      code: ErrorCode.InvalidParams,
      message: expect.stringContaining(META_PROTOCOL_VERSION),
    });
    expect((await peer.response(2)).error).toMatchObject({
      code: ErrorCode.InvalidParams,
      message: expect.stringContaining(META_CLIENT_CAPABILITIES),
    });
    const unsupported = await peer.response(3);
    expect(unsupported.error).toMatchObject({
      code: ErrorCode.UnsupportedProtocolVersion,
      data: {
        supported: ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'],
        requested: '1900-01-01',
      },
    });
    expect((await peer.response(4)).error).toMatchObject({
      code: ErrorCode.InvalidParams,
      message: expect.stringContaining('loud'),
    });
    expect((await peer.response(5)).error).toMatchObject({ code: ErrorCode.InvalidParams });
  });

  it('sends log messages only for requests that asked for them, at or above their level', async () => {
    const server = makeServer();
    server.setRequestHandler('tools/call', async (params, context) => {
      for (const level of ['debug', 'warning', 'error'] as const) {
        await context.sendNotification('notifications/message', { level, data: `${params.name}:${level}` });
      }
      return { content: [] };
    });
    const { peer } = await engineWithPeer(server);
    await peer.send(modernCall(1, 'tools/call', { name: 'quiet' }));
    await peer.send(
      modernCall(2, 'tools/call', { name: 'loud' }, modernMeta({ [META_LOG_LEVEL]: 'warning' })),
    );
    await peer.response(1);
    await peer.response(2);
    const logged = peer
      .messages()
      .filter((m) => m.method === 'notifications/message')
      .map((m) => (m.params as { data: string }).data);
    expect(logged).toEqual(['loud:warning', 'loud:error']);
  });

  it('implements server/discover with a schema-valid DiscoverResult', async () => {
    const { peer } = await engineWithPeer(
      makeServer({ instructions: 'be nice', discover: { ttlMs: 5000, cacheScope: 'private' } }),
    );
    await peer.send(modernCall('d', 'server/discover'));
    const result = (await peer.response('d')).result;
    expect(result).toEqual({
      resultType: 'complete',
      supportedVersions: ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'],
      capabilities: { tools: {}, logging: {} },
      ttlMs: 5000,
      cacheScope: 'private',
      instructions: 'be nice',
      _meta: { [META_SERVER_INFO]: serverInfo },
    });
    expect(getMethodSpec(MODERN, 'server/discover')?.result?.safeParse(result).success).toBe(true);
  });

  it('refuses methods 2026-07-28 removed, and capabilities it did not declare, with -32601', async () => {
    const server = makeServer();
    server.setRequestHandler('logging/setLevel', () => ({}));
    server.setRequestHandler('prompts/list', () => ({ prompts: [] }));
    const { peer } = await engineWithPeer(server);
    await peer.send(modernCall(1, 'logging/setLevel', { level: 'info' }));
    await peer.send(modernCall(2, 'prompts/list'));
    expect((await peer.response(1)).error).toMatchObject({
      code: ErrorCode.MethodNotFound,
      message: expect.stringContaining('2026-07-28'),
    });
    expect((await peer.response(2)).error).toMatchObject({
      code: ErrorCode.MethodNotFound,
      message: expect.stringContaining('"prompts"'),
    });
  });

  it('answers -32021 with data.requiredCapabilities when a handler needs an undeclared client capability', async () => {
    const server = makeServer();
    server.setRequestHandler('tools/call', (_params, context) => {
      requireClientCapability(context, ['elicitation']);
      return { content: [] };
    });
    const { peer } = await engineWithPeer(server);
    await peer.send(modernCall(1, 'tools/call', { name: 'needs-input' }));
    expect((await peer.response(1)).error).toMatchObject({
      code: ErrorCode.MissingRequiredClientCapability,
      data: { requiredCapabilities: capabilityObject(['elicitation']) },
    });
    await peer.send(
      modernCall(
        2,
        'tools/call',
        { name: 'needs-input' },
        modernMeta({ [META_CLIENT_CAPABILITIES]: { elicitation: {} } }),
      ),
    );
    expect((await peer.response(2)).result).toMatchObject({ resultType: 'complete' });
  });
});

describe('modern lifecycle: client', () => {
  it('puts protocolVersion, clientCapabilities, clientInfo (and logLevel) on every request when pinned', async () => {
    const client = makeClient({ revision: MODERN, capabilities: { roots: {} }, logLevel: 'info' });
    const { connecting, rawServer } = await clientWithRawServer(client);
    await connecting;
    const pending = client.request('tools/list', { _meta: { traceparent: 't' } });
    const sent = await rawServer.method('tools/list');
    expect((sent.params as { _meta: unknown })._meta).toEqual({
      traceparent: 't',
      [META_PROTOCOL_VERSION]: MODERN,
      [META_CLIENT_CAPABILITIES]: { roots: {} },
      [META_CLIENT_INFO]: clientInfo,
      [META_LOG_LEVEL]: 'info',
    });
    // A result without resultType (a legacy-era server) counts as complete.
    await rawServer.send({
      jsonrpc: '2.0',
      id: sent.id,
      result: { tools: [], ttlMs: 0, cacheScope: 'public' },
    });
    await expect(pending).resolves.toMatchObject({ tools: [] });
    expect(
      rawServer.messages().some((m) => m.method === 'initialize' || m.method === 'server/discover'),
    ).toBe(false);
  });

  it('sends the fields as they are now on each request: a changed log level shows on the next one', async () => {
    const client = makeClient({ revision: MODERN });
    const { connecting, rawServer } = await clientWithRawServer(client);
    await connecting;
    const metaOf = async (n: number) => {
      const sent = await rawServer.waitFor((m) => m.method === 'tools/list' && m.id === n);
      await rawServer.send({
        jsonrpc: '2.0',
        id: sent.id,
        result: { tools: [], ttlMs: 0, cacheScope: 'public' },
      });
      return (sent.params as { _meta: Record<string, unknown> })._meta;
    };
    const first = client.request('tools/list');
    const firstId = (await rawServer.method('tools/list')).id as number;
    const before = await metaOf(firstId);
    await first;
    client.logLevel = 'debug';
    const second = client.request('tools/list');
    const after = await metaOf(firstId + 1);
    await second;
    expect(before[META_LOG_LEVEL]).toBeUndefined();
    expect(after).toEqual({
      [META_PROTOCOL_VERSION]: MODERN,
      [META_CLIENT_CAPABILITIES]: {},
      [META_CLIENT_INFO]: clientInfo,
      [META_LOG_LEVEL]: 'debug',
    });
  });
  it('server/discover called after connect carries the modern _meta too', async () => {
    const server = makeServer({ instructions: 'hi' });
    const client = makeClient({ revision: MODERN });
    await connectPair(server, client);
    const discovered = await client.request('server/discover');
    expect(discovered.supportedVersions).toContain(MODERN);
    expect(discovered.instructions).toBe('hi');
  });

  it('ends a pending request the server cancels (subscriptions/listen teardown) and tells a handler', async () => {
    const client = makeClient({ revision: MODERN });
    const { connecting, rawServer } = await clientWithRawServer(client);
    await connecting;
    const reasons: unknown[] = [];
    client.setNotificationHandler('notifications/cancelled', (params) => {
      reasons.push(params);
    });
    const listen = client.rawRequest(
      'subscriptions/listen',
      { notifications: { toolsListChanged: true } },
      { timeoutMs: Number.POSITIVE_INFINITY },
    );
    const sent = await rawServer.method('subscriptions/listen');
    await rawServer.send({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: sent.id, reason: 'shutting down' },
    });
    await expect(listen).rejects.toMatchObject({
      code: LocalErrorCode.Aborted,
      message: expect.stringContaining('shutting down'),
    });
    expect(reasons).toEqual([{ requestId: sent.id, reason: 'shutting down' }]);
    expect(client.stats.pendingRequests).toBe(0);
  });

  it('treats an unknown resultType as invalid', async () => {
    const client = makeClient({ revision: MODERN });
    const { connecting, rawServer } = await clientWithRawServer(client);
    await connecting;
    const pending = client.request('tools/list');
    const sent = await rawServer.method('tools/list');
    await rawServer.send({
      jsonrpc: '2.0',
      id: sent.id,
      result: { resultType: 'partial', tools: [], ttlMs: 0, cacheScope: 'public' },
    });
    await expect(pending).rejects.toMatchObject({
      code: LocalErrorCode.InvalidMessage,
      message: expect.stringContaining('"partial"'),
    });
  });

  it('fulfils input_required results with its own handlers and retries with inputResponses and requestState', async () => {
    const server = makeServer();
    server.setRequestHandler('tools/call', (params) => {
      const answers = (params as { inputResponses?: { name?: { content?: { name: string } } } })
        .inputResponses;
      if (answers?.name === undefined) {
        return {
          resultType: 'input_required',
          requestState: 'opaque-1',
          inputRequests: {
            name: {
              method: 'elicitation/create',
              params: {
                mode: 'form',
                message: 'Your name?',
                requestedSchema: { type: 'object', properties: { name: { type: 'string' } } },
              },
            },
          },
        } as never;
      }
      return {
        content: [{ type: 'text', text: `hello ${answers.name.content?.name} (${params.requestState})` }],
      };
    });
    const client = makeClient({ revision: MODERN, capabilities: { elicitation: { form: {} } } });
    client.setRequestHandler('elicitation/create', (params) => {
      expect(params).toMatchObject({ message: 'Your name?' });
      return { action: 'accept', content: { name: 'Ada' } };
    });
    await connectPair(server, client);
    const result = await client.request('tools/call', { name: 'greet' });
    expect(result.content).toEqual([{ type: 'text', text: 'hello Ada (opaque-1)' }]);
  });

  it('refuses input requests for capabilities it did not declare', async () => {
    const server = makeServer();
    server.setRequestHandler(
      'tools/call',
      () =>
        ({
          resultType: 'input_required',
          inputRequests: { s: { method: 'sampling/createMessage', params: { messages: [], maxTokens: 1 } } },
        }) as never,
    );
    const client = makeClient({ revision: MODERN });
    await connectPair(server, client);
    await expect(client.request('tools/call', { name: 'x' })).rejects.toMatchObject({
      code: LocalErrorCode.CapabilityNotSupported,
    });
  });

  it('sends no request before the handshake finished', async () => {
    const client = makeClient();
    const { rawServer } = await clientWithRawServer(client);
    await rawServer.method('server/discover');
    await expect(client.request('tools/list')).rejects.toMatchObject({ code: LocalErrorCode.InvalidState });
    await client.close();
    await settle();
  });
});
