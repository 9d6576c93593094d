/**
 * A legacy session's state leaves one McpServer and is restored in another (as another process would):
 * the snapshots the engine saves, a connection restored from one serving without initialize (log level
 * and resource subscriptions included), changes made elsewhere followed live, and server→client request
 * ids nobody else can guess.
 */
import {
  createInMemoryPair,
  type InMemoryTransport,
  type JsonObject,
  type SessionSnapshot,
  type Transport,
} from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';
import { initializeRaw, rawPeer, tick } from './helpers.js';

function makeServer(): McpServer {
  const server = new McpServer({ name: 'state', version: '1.0.0' });
  server.resource('a', 'mem://a', {}, () => 'a');
  server.resource('b', 'mem://b', {}, () => 'b');
  server.tool('chatty', { description: 'logs at info and error' }, async (_args, ctx) => {
    await ctx.log('info', 'info line');
    await ctx.log('error', 'error line');
    return 'done';
  });
  return server;
}

/** A pair whose server side persists snapshots (and optionally carries one to restore from). */
function sessionPair(restoreFrom?: SessionSnapshot): {
  pair: [InMemoryTransport, InMemoryTransport];
  saved: SessionSnapshot[];
} {
  const pair = createInMemoryPair({ server: { sessionId: 'session-1' } });
  const saved: SessionSnapshot[] = [];
  const serverSide: Transport = pair[1];
  serverSide.saveSessionState = (snapshot) => void saved.push(structuredClone(snapshot));
  if (restoreFrom !== undefined) Object.defineProperty(serverSide, 'sessionSnapshot', { value: restoreFrom });
  return { pair, saved };
}

const logLines = (received: JsonObject[]) =>
  received.filter((m) => m.method === 'notifications/message').map((m) => (m.params as JsonObject).data);

describe('legacy session state: save and restore', () => {
  it('saves the negotiated state, the log level and the subscriptions as they change', async () => {
    const { pair, saved } = sessionPair();
    const peer = await rawPeer(makeServer(), undefined, pair);
    await initializeRaw(peer, '2025-06-18', { roots: {} });
    await tick();
    expect(saved).toEqual([
      {
        protocolVersion: '2025-06-18',
        initialized: false,
        clientInfo: { name: 'raw', version: '1' },
        clientCapabilities: { roots: {} },
      },
      {
        protocolVersion: '2025-06-18',
        initialized: true,
        clientInfo: { name: 'raw', version: '1' },
        clientCapabilities: { roots: {} },
      },
    ]);
    await peer.request('logging/setLevel', { level: 'error' });
    await peer.request('resources/subscribe', { uri: 'mem://a' });
    expect(saved.at(-1)?.server).toEqual({ logLevel: 'error', subscriptions: ['mem://a'] });
    await peer.request('resources/unsubscribe', { uri: 'mem://a' });
    expect(saved.at(-1)?.server).toEqual({ logLevel: 'error' });
    await peer.close();
  });

  it('a connection restored in another server serves the session without initialize', async () => {
    const snapshot: SessionSnapshot = {
      protocolVersion: '2025-06-18',
      initialized: true,
      clientInfo: { name: 'raw', version: '1' },
      clientCapabilities: { roots: {} },
      server: { logLevel: 'error', subscriptions: ['mem://a'] },
    };
    const other = makeServer();
    const { pair } = sessionPair(snapshot);
    const peer = await rawPeer(other, undefined, pair);
    expect(pair[1].protocolVersion).toBe('2025-06-18');
    const call = await peer.request('tools/call', { name: 'chatty', arguments: {} });
    expect(call.result).toMatchObject({ content: [{ type: 'text', text: 'done' }] });
    expect(logLines(peer.received)).toEqual(['error line']);
    other.notifyResourceUpdated('mem://a');
    other.notifyResourceUpdated('mem://b');
    await tick(5);
    const updated = peer.received.filter((m) => m.method === 'notifications/resources/updated');
    expect(updated.map((m) => (m.params as JsonObject).uri)).toEqual(['mem://a']);
    // A second initialize is refused: the session is already initialized.
    const again = await peer.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'raw', version: '1' },
    });
    expect(again.error).toMatchObject({ code: -32600 });

    // Another process changed the log level: the live connection follows.
    (pair[1] as Transport).onsessionstate?.({ ...snapshot, server: { logLevel: 'info' } });
    peer.received.length = 0;
    await peer.request('tools/call', { name: 'chatty', arguments: {} });
    expect(logLines(peer.received)).toEqual(['info line', 'error line']);
    await peer.close();
  });

  it('a session restored before initialized still waits for it; a revision not served cannot be restored', async () => {
    const { pair } = sessionPair({ protocolVersion: '2025-03-26', initialized: false });
    const peer = await rawPeer(makeServer(), undefined, pair);
    const early = await peer.request('tools/list');
    expect(early.error).toMatchObject({ code: -32600 });
    await peer.notify('notifications/initialized');
    expect((await peer.request('tools/list')).result).toBeDefined();
    await peer.close();

    const narrow = new McpServer({ name: 'narrow', version: '1', revisions: ['2025-11-25'] });
    const { pair: refused } = sessionPair({ protocolVersion: '2025-03-26', initialized: true });
    await expect(narrow.connect(refused[1])).rejects.toThrow(/revision this server serves.*"2025-03-26"/);
  });
});

describe('server→client request ids', () => {
  it('are random per connection and never repeat within one', async () => {
    const ids: unknown[] = [];
    for (let n = 0; n < 2; n++) {
      const server = new McpServer({ name: 'ids', version: '1.0.0' });
      const [clientSide, serverSide] = createInMemoryPair();
      const session = await server.connect(serverSide);
      await clientSide.start();
      await initializeViaRaw(clientSide);
      clientSide.onmessage = (payload) => {
        const message = payload as unknown as JsonObject;
        if (message.method === 'ping') {
          ids.push(message.id);
          void clientSide.send({ jsonrpc: '2.0', id: message.id as string, result: {} });
        }
      };
      await session.connection.request('ping');
      await session.connection.request('ping');
      await clientSide.close();
    }
    expect(ids).toHaveLength(4);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}-[0-9a-z]+$/);
    const prefix = (id: unknown) => String(id).slice(0, 16);
    expect(ids[0]).not.toBe(ids[1]);
    expect(prefix(ids[0])).toBe(prefix(ids[1]));
    expect(prefix(ids[2])).not.toBe(prefix(ids[0]));
  });
});

async function initializeViaRaw(clientSide: InMemoryTransport): Promise<void> {
  await new Promise<void>((resolve) => {
    clientSide.onmessage = () => resolve();
    void clientSide.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
  });
  await clientSide.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
}
