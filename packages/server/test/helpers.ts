/**
 * Test peers for McpServer over the in-memory transport: a real ClientConnection from core (either era),
 * and a raw peer that sends hand-written JSON-RPC and records everything that comes back.
 */
import {
  ClientConnection,
  createInMemoryPair,
  type InMemoryTransport,
  type JSONRPCPayload,
  type JsonObject,
  META_CLIENT_CAPABILITIES,
  META_CLIENT_INFO,
  META_PROTOCOL_VERSION,
  type MessageContext,
  type ProtocolError,
  type Revision,
} from '@mcpwire/core';
import type { McpServer } from '@mcpwire/server';

export interface ClientOptions {
  revision: Revision;
  capabilities?: JsonObject;
  context?: MessageContext;
  logLevel?: 'debug' | 'info' | 'warning' | 'error';
}

/** A connected ClientConnection pinned to `revision` (legacy: initialize; modern: per-request _meta). */
export async function connectClient(server: McpServer, options: ClientOptions): Promise<ClientConnection> {
  const [clientSide, serverSide] = createInMemoryPair(
    options.context === undefined ? undefined : { server: { context: options.context } },
  );
  await server.connect(serverSide);
  const client = new ClientConnection({
    clientInfo: { name: 'test-client', version: '1.0.0' },
    capabilities: options.capabilities ?? {},
    revision: options.revision,
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
  });
  await client.connect(clientSide);
  return client;
}

export interface RawPeer {
  /** Sends a request and resolves with its response (result or error object). */
  request(method: string, params?: JsonObject): Promise<JsonObject>;
  notify(method: string, params?: JsonObject): Promise<void>;
  send(payload: unknown): Promise<void>;
  /** Every notification and server→client request received, in order. */
  readonly received: JsonObject[];
  /** Answers server→client requests: method → result. */
  answers: Record<string, (params: JsonObject) => JsonObject>;
  close(): Promise<void>;
}

/** `_meta` of a 2026-07-28 request. */
export function modernMeta(capabilities: JsonObject = {}, extra: JsonObject = {}): JsonObject {
  return {
    [META_PROTOCOL_VERSION]: '2026-07-28',
    [META_CLIENT_CAPABILITIES]: capabilities,
    [META_CLIENT_INFO]: { name: 'raw', version: '1' },
    ...extra,
  };
}

export async function rawPeer(
  server: McpServer,
  context?: MessageContext,
  pair: [InMemoryTransport, InMemoryTransport] = createInMemoryPair(
    context === undefined ? undefined : { server: { context } },
  ),
): Promise<RawPeer> {
  const [clientSide, serverSide] = pair;
  await server.connect(serverSide);
  let nextId = 1;
  const waiting = new Map<unknown, (response: JsonObject) => void>();
  const peer: RawPeer = {
    received: [],
    answers: {},
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        void clientSide.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
      });
    },
    notify(method, params) {
      return clientSide.send({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
    },
    send(payload) {
      return clientSide.send(payload as JSONRPCPayload);
    },
    close() {
      return clientSide.close();
    },
  };
  clientSide.onmessage = (payload) => {
    const message = payload as unknown as JsonObject;
    if ('method' in message) {
      peer.received.push(message);
      const answer = 'id' in message ? peer.answers[message.method as string] : undefined;
      if (answer !== undefined) {
        void clientSide.send({
          jsonrpc: '2.0',
          id: message.id as number,
          result: answer(message.params as JsonObject),
        });
      }
      return;
    }
    const resolve = waiting.get(message.id);
    waiting.delete(message.id);
    resolve?.(message);
  };
  await clientSide.start();
  return peer;
}

/** initialize + initialized on a raw peer. */
export async function initializeRaw(
  peer: RawPeer,
  revision: Revision,
  capabilities: JsonObject = {},
): Promise<JsonObject> {
  const response = await peer.request('initialize', {
    protocolVersion: revision,
    capabilities,
    clientInfo: { name: 'raw', version: '1' },
  });
  await peer.notify('notifications/initialized');
  return response;
}

export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The error a request failed with; a request that succeeds fails the test instead. */
export function failure(request: Promise<unknown>): Promise<ProtocolError> {
  return request.then(
    (result) => {
      throw new Error(`expected the request to fail, received ${JSON.stringify(result)}`);
    },
    (error: unknown) => error as ProtocolError,
  );
}
