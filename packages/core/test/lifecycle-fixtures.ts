/** Server and client factories shared by the lifecycle tests. */
import {
  ClientConnection,
  type ClientConnectionOptions,
  createInMemoryPair,
  META_CLIENT_CAPABILITIES,
  META_CLIENT_INFO,
  META_PROTOCOL_VERSION,
  ServerConnection,
  type ServerConnectionOptions,
} from '@mcpwire/core';
import { RawPeer, type Wire } from './engine-fixtures.js';

export const serverInfo = { name: 'test-server', version: '1.0.0' };
export const clientInfo = { name: 'test-client', version: '2.0.0' };

/** A server with tools (listChanged off), logging, and an echo tool. */
export function makeServer(options: Partial<ServerConnectionOptions> = {}): ServerConnection {
  const server = new ServerConnection({ serverInfo, capabilities: { tools: {}, logging: {} }, ...options });
  server.setRequestHandler('tools/list', () => ({ tools: [], ttlMs: 0, cacheScope: 'public' as const }));
  server.setRequestHandler('tools/call', (params, context) => ({
    content: [{ type: 'text', text: `${params.name} via ${context.era} ${context.revision}` }],
  }));
  return server;
}

/** A raw legacy `initialize` request, as a client of `protocolVersion` sends it. */
export function initializeRequest(protocolVersion: string, id: number | string = 1, capabilities = {}): Wire {
  return { jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion, capabilities, clientInfo } };
}

/** A complete 2026-07-28 request `_meta`; `extra` overrides or adds keys. */
export function modernMeta(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    [META_PROTOCOL_VERSION]: '2026-07-28',
    [META_CLIENT_CAPABILITIES]: {},
    [META_CLIENT_INFO]: clientInfo,
    ...extra,
  };
}

/** A raw 2026-07-28 request carrying `meta` as its `_meta`. */
export function modernCall(
  id: number | string,
  method: string,
  params: Record<string, unknown> = {},
  meta = modernMeta(),
): Wire {
  return { jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } };
}

export function makeClient(options: Partial<ClientConnectionOptions> = {}): ClientConnection {
  return new ClientConnection({ clientInfo, ...options });
}

/** Connects both ends; resolves once the client finished its handshake. */
export async function connectPair(server: ServerConnection, client: ClientConnection): Promise<void> {
  const [clientTransport, serverTransport] = createInMemoryPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
}

/** A client connecting to a hand-driven server: the test answers the handshake itself. */
export async function clientWithRawServer(
  client: ClientConnection,
): Promise<{ connecting: Promise<void>; rawServer: RawPeer; errors: Error[] }> {
  const [clientTransport, serverTransport] = createInMemoryPair();
  const rawServer = new RawPeer(serverTransport);
  await serverTransport.start();
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  const connecting = client.connect(clientTransport);
  connecting.catch(() => {}); // the test inspects it
  return { connecting, rawServer, errors };
}

/** Answers the client's initialize like a plain legacy server would, then waits for initialized. */
export async function answerInitialize(
  rawServer: RawPeer,
  protocolVersion: string,
  capabilities: object = { tools: {} },
): Promise<Wire> {
  const request = await rawServer.method('initialize');
  await rawServer.send({
    jsonrpc: '2.0',
    id: request.id,
    result: { protocolVersion, capabilities, serverInfo },
  });
  await rawServer.method('notifications/initialized');
  return request;
}
