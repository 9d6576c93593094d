import {
  CapabilityError,
  ErrorCode,
  LEGACY_REVISIONS,
  LocalErrorCode,
  type ServerConnection,
  UnsupportedRevisionError,
} from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { engineWithPeer, type RawPeer, settle, type Wire } from './engine-fixtures.js';
import {
  answerInitialize,
  clientInfo,
  clientWithRawServer,
  connectPair,
  initializeRequest,
  makeClient,
  makeServer,
  serverInfo,
} from './lifecycle-fixtures.js';

async function initializedServer(
  revision: string,
  server: ServerConnection = makeServer(),
): Promise<{ server: ServerConnection; peer: RawPeer; errors: Error[] }> {
  const { peer, errors } = await engineWithPeer(server);
  await peer.send(initializeRequest(revision, 'init'));
  await peer.response('init');
  await peer.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  await settle();
  return { server, peer, errors };
}

describe('legacy lifecycle: version negotiation', () => {
  it.each(LEGACY_REVISIONS)(
    'a client pinned to %s gets exactly that revision from the server',
    async (revision) => {
      const server = makeServer();
      const client = makeClient({ revision });
      let initialized = 0;
      server.oninitialized = () => initialized++;
      await connectPair(server, client);
      await settle();
      expect(client.era).toBe('legacy');
      expect(client.negotiatedRevision).toBe(revision);
      expect(server.negotiatedRevision).toBe(revision);
      expect(server.isInitialized).toBe(true);
      expect(initialized).toBe(1);
      expect(server.clientInfo).toEqual(clientInfo);
      expect(client.serverInfo).toEqual(serverInfo);
      expect(client.serverCapabilities).toEqual({ tools: {}, logging: {} });
      expect((client.transport as { protocolVersion?: string }).protocolVersion).toBe(revision);
      const result = await client.request('tools/call', { name: 'echo' });
      expect(result.content).toEqual([{ type: 'text', text: `echo via legacy ${revision}` }]);
    },
  );

  it('declares capabilities per revision when given a function', async () => {
    const server = makeServer({
      capabilities: (revision) =>
        revision >= '2025-11-25' ? { tools: {}, tasks: { list: {} } } : { tools: {} },
    });
    const { peer } = await engineWithPeer(server);
    await peer.send(initializeRequest('2025-06-18'));
    expect(((await peer.response(1)).result as { capabilities: unknown }).capabilities).toEqual({
      tools: {},
    });
    const newer = makeServer({
      capabilities: (revision) =>
        revision >= '2025-11-25' ? { tools: {}, tasks: { list: {} } } : { tools: {} },
    });
    const second = await engineWithPeer(newer);
    await second.peer.send(initializeRequest('2025-11-25'));
    expect(((await second.peer.response(1)).result as { capabilities: unknown }).capabilities).toEqual({
      tools: {},
      tasks: { list: {} },
    });
  });

  it('answers an unsupported requested version with its latest legacy revision', async () => {
    const { peer } = await engineWithPeer(
      makeServer({ revisions: ['2024-11-05', '2025-03-26', '2026-07-28'] }),
    );
    await peer.send(initializeRequest('1900-01-01'));
    const result = (await peer.response(1)).result as {
      protocolVersion: string;
      serverInfo: unknown;
      capabilities: unknown;
    };
    expect(result.protocolVersion).toBe('2025-03-26');
    expect(result.serverInfo).toEqual(serverInfo);
    expect(result.capabilities).toEqual({ tools: {}, logging: {} });
  });

  it('the client refuses a revision it does not support, with a clear error, and closes', async () => {
    const client = makeClient({ revision: '2025-06-18' });
    const { connecting, rawServer } = await clientWithRawServer(client);
    const request = await rawServer.method('initialize');
    expect(request.params).toEqual({ protocolVersion: '2025-06-18', capabilities: {}, clientInfo });
    await rawServer.send({
      jsonrpc: '2.0',
      id: request.id,
      result: { protocolVersion: '2099-01-01', capabilities: {}, serverInfo },
    });
    const error = await connecting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedRevisionError);
    expect((error as Error).message).toMatch(/expected one of .*2025-06-18.*received "2099-01-01"/);
    expect(client.isClosed).toBe(true);
  });

  it('rejects an initialize result that breaks the schema, naming the field', async () => {
    const client = makeClient({ revision: '2025-06-18' });
    const { connecting, rawServer } = await clientWithRawServer(client);
    const request = await rawServer.method('initialize');
    await rawServer.send({
      jsonrpc: '2.0',
      id: request.id,
      result: { protocolVersion: '2025-06-18', capabilities: {} },
    });
    await expect(connecting).rejects.toMatchObject({
      code: LocalErrorCode.InvalidMessage,
      message: expect.stringContaining('serverInfo'),
    });
  });

  it('accepts an older legacy revision the server offers instead', async () => {
    const client = makeClient({ revision: '2025-11-25' });
    const { connecting, rawServer } = await clientWithRawServer(client);
    await answerInitialize(rawServer, '2024-11-05');
    await connecting;
    expect(client.negotiatedRevision).toBe('2024-11-05');
  });
});

describe('legacy lifecycle: handshake order', () => {
  it('before notifications/initialized only ping is served; a second initialize is refused', async () => {
    const { peer, errors } = await engineWithPeer(makeServer());
    await peer.send({ jsonrpc: '2.0', id: 'early', method: 'tools/list', params: {} });
    const early = await peer.response('early');
    expect(early.error).toMatchObject({ code: ErrorCode.InvalidParams });
    expect((early.error as { message: string }).message).toContain('io.modelcontextprotocol/protocolVersion');
    await peer.send(initializeRequest('2025-06-18'));
    await peer.response(1);
    await peer.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    await peer.send({ jsonrpc: '2.0', id: 3, method: 'ping' });
    const refused = await peer.response(2);
    expect(refused.error).toMatchObject({
      code: ErrorCode.InvalidRequest,
      message: expect.stringContaining('expected notifications/initialized before tools/list'),
    });
    expect((await peer.response(3)).result).toEqual({});
    await peer.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await peer.send({ jsonrpc: '2.0', id: 4, method: 'tools/list' });
    expect((await peer.response(4)).result).toMatchObject({ tools: [] });
    await peer.send(initializeRequest('2025-06-18', 5));
    expect((await peer.response(5)).error).toMatchObject({
      code: ErrorCode.InvalidRequest,
      message: expect.stringContaining('second'),
    });
    expect(errors).toEqual([]);
  });

  it('the server sends only ping before initialized, and no requests at all without a legacy session', async () => {
    const { engine: server, peer } = await engineWithPeer(makeServer());
    await expect(server.request('roots/list')).rejects.toMatchObject({
      code: LocalErrorCode.InvalidState,
      message: expect.stringContaining('input_required'),
    });
    await peer.send(initializeRequest('2025-06-18', 1, { roots: {} }));
    await peer.response(1);
    await expect(server.request('roots/list')).rejects.toMatchObject({
      code: LocalErrorCode.InvalidState,
      message: expect.stringContaining('notifications/initialized'),
    });
    const ping = server.request('ping');
    const sent = await peer.method('ping');
    await peer.send({ jsonrpc: '2.0', id: sent.id, result: {} });
    await expect(ping).resolves.toEqual({});
  });

  it('validates initialize params against the requested revision', async () => {
    const { peer } = await engineWithPeer(makeServer());
    await peer.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {} },
    });
    const answer = await peer.response(1);
    expect(answer.error).toMatchObject({
      code: ErrorCode.InvalidParams,
      message: expect.stringContaining('clientInfo'),
    });
  });
});

describe('legacy lifecycle: capabilities', () => {
  it('the client never sends a request the server did not declare a capability for', async () => {
    const server = makeServer();
    const client = makeClient({ revision: '2025-11-25' });
    await connectPair(server, client);
    await expect(client.request('prompts/list')).rejects.toBeInstanceOf(CapabilityError);
    await expect(client.request('resources/subscribe', { uri: 'x://y' })).rejects.toThrow(
      /"resources.subscribe"/,
    );
    await expect(client.request('tools/list')).resolves.toMatchObject({ tools: [] });
  });

  it('the server answers -32601 to requests for capabilities it did not declare', async () => {
    const server = makeServer();
    server.setRequestHandler('prompts/list', () => ({
      prompts: [],
      ttlMs: 0,
      cacheScope: 'public' as const,
    }));
    const { peer } = await initializedServer('2025-11-25', server);
    await peer.send({ jsonrpc: '2.0', id: 7, method: 'prompts/list' });
    const answer = await peer.response(7);
    expect(answer.error).toMatchObject({
      code: ErrorCode.MethodNotFound,
      message: expect.stringContaining('"prompts"'),
    });
  });

  it('the server never sends a request the client did not declare, nor notifications for its own undeclared capabilities', async () => {
    const server = makeServer();
    const client = makeClient({
      revision: '2025-11-25',
      capabilities: { roots: { listChanged: true }, elicitation: { form: {} } },
    });
    client.setRequestHandler('roots/list', () => ({ roots: [{ uri: 'file:///tmp', name: 'tmp' }] }));
    await connectPair(server, client);
    await settle();
    await expect(server.request('roots/list')).resolves.toEqual({
      roots: [{ uri: 'file:///tmp', name: 'tmp' }],
    });
    await expect(
      server.request('sampling/createMessage', { messages: [], maxTokens: 1 }),
    ).rejects.toBeInstanceOf(CapabilityError);
    await expect(
      server.request('elicitation/create', {
        mode: 'url',
        message: 'go',
        url: 'https://example.com',
        elicitationId: 'e1',
      }),
    ).rejects.toThrow(/"elicitation.url"/);
    await expect(server.notification('notifications/tools/list_changed')).rejects.toBeInstanceOf(
      CapabilityError,
    );
    await expect(
      server.notification('notifications/message', { level: 'info', data: 'hello' }),
    ).resolves.toBeUndefined();
  });

  it('the client answers -32601 to server requests for capabilities it did not declare', async () => {
    const client = makeClient({ revision: '2025-06-18' });
    const { connecting, rawServer } = await clientWithRawServer(client);
    await answerInitialize(rawServer, '2025-06-18');
    await connecting;
    await rawServer.send({
      jsonrpc: '2.0',
      id: 's1',
      method: 'sampling/createMessage',
      params: { messages: [], maxTokens: 5 },
    });
    await rawServer.send({ jsonrpc: '2.0', id: 's2', method: 'ping' });
    expect((await rawServer.response('s1')).error).toMatchObject({
      code: ErrorCode.MethodNotFound,
      message: expect.stringContaining('"sampling"'),
    });
    expect((await rawServer.response('s2')).result).toEqual({});
  });

  it('the client answers -32602 to an elicitation mode it did not declare (2025-11-25 client/elicitation)', async () => {
    const urlOnly = makeClient({ revision: '2025-11-25', capabilities: { elicitation: { url: {} } } });
    const urlSide = await clientWithRawServer(urlOnly);
    await answerInitialize(urlSide.rawServer, '2025-11-25');
    await urlSide.connecting;
    const form = { message: 'Name?', requestedSchema: { type: 'object', properties: {} } };
    await urlSide.rawServer.send({ jsonrpc: '2.0', id: 'f1', method: 'elicitation/create', params: form });
    expect((await urlSide.rawServer.response('f1')).error).toMatchObject({ code: ErrorCode.InvalidParams });

    const formOnly = makeClient({ revision: '2025-11-25', capabilities: { elicitation: {} } });
    const formSide = await clientWithRawServer(formOnly);
    await answerInitialize(formSide.rawServer, '2025-11-25');
    await formSide.connecting;
    const url = { mode: 'url', message: 'Sign in', url: 'https://example.com', elicitationId: 'e1' };
    await formSide.rawServer.send({ jsonrpc: '2.0', id: 'u1', method: 'elicitation/create', params: url });
    expect((await formSide.rawServer.response('u1')).error).toMatchObject({
      code: ErrorCode.InvalidParams,
      message: expect.stringContaining('"elicitation.url"'),
    });
  });

  it('methods that are not part of the negotiated revision get -32601', async () => {
    const { peer } = await initializedServer('2025-06-18');
    await peer.send({ jsonrpc: '2.0', id: 8, method: 'server/discover' });
    expect((await peer.response(8)).error).toMatchObject({
      code: ErrorCode.MethodNotFound,
      message: expect.stringContaining('2025-06-18'),
    });
  });
});

describe('legacy lifecycle: batches', () => {
  it('2025-03-26 accepts batches (answered with a batch); 2025-06-18 refuses them', async () => {
    const old = await initializedServer('2025-03-26');
    await old.peer.send([
      { jsonrpc: '2.0', id: 'b1', method: 'tools/list' },
      { jsonrpc: '2.0', id: 'b2', method: 'ping' },
    ]);
    await settle();
    const batch = old.peer.received.at(-1) as unknown as Wire[];
    expect(Array.isArray(batch)).toBe(true);
    expect(batch.map((r) => r.id).sort()).toEqual(['b1', 'b2']);
    const newer = await initializedServer('2025-06-18');
    await newer.peer.send([{ jsonrpc: '2.0', id: 'b1', method: 'tools/list' }]);
    await settle();
    expect((newer.peer.received.at(-1) as unknown as Wire).error).toMatchObject({
      code: ErrorCode.InvalidRequest,
    });
  });

  it('initialize is never accepted inside a batch', async () => {
    const { peer } = await engineWithPeer(makeServer());
    await peer.send([initializeRequest('2025-03-26')]);
    await settle();
    const answer = peer.received[0] as unknown as Wire;
    expect(answer.error).toMatchObject({ code: ErrorCode.InvalidRequest });
  });
});
