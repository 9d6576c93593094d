/** A scriptable in-memory server (core ServerConnection) for client unit tests, recording what arrives. */
import { Client, type ClientOptions } from '@mcpwire/client';
import {
  createInMemoryPair,
  type JSONRPCPayload,
  type JsonObject,
  type Revision,
  ServerConnection,
} from '@mcpwire/core';

export const LEGACY_ONLY: readonly Revision[] = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];
export const MODERN_ONLY: readonly Revision[] = ['2026-07-28'];
/** The cache hints every 2026-07-28 list result carries. */
export const CACHE = { ttlMs: 0, cacheScope: 'private' } as const;

export interface FakeServer {
  client: Client;
  server: ServerConnection;
  /** Every message the server received, in order. */
  received: JSONRPCPayload[];
  requests(method: string): Array<{ id: unknown; params?: JsonObject }>;
}

export async function startFake(
  setup: (server: ServerConnection) => void,
  options: { capabilities?: JsonObject; revisions?: readonly Revision[]; client?: ClientOptions } = {},
): Promise<FakeServer> {
  const server = new ServerConnection({
    serverInfo: { name: 'fake', version: '1.0.0' },
    capabilities: options.capabilities ?? {
      tools: { listChanged: true },
      resources: { subscribe: true },
      prompts: {},
    },
    // Legacy unless a test asks otherwise: modern results need more fields (resultType, ttlMs, ...).
    revisions: options.revisions ?? LEGACY_ONLY,
  });
  setup(server);
  const [clientSide, serverSide] = createInMemoryPair();
  await server.connect(serverSide);
  const received: JSONRPCPayload[] = [];
  const deliver = serverSide.onmessage!;
  serverSide.onmessage = (message, context) => {
    received.push(structuredClone(message));
    deliver(message, context);
  };
  const client = new Client({ name: 'test-client', version: '0.0.1' }, options.client);
  await client.connect(clientSide);
  const requests = (method: string) =>
    received.filter(
      (m): m is { jsonrpc: '2.0'; id: number; method: string; params?: JsonObject } =>
        !Array.isArray(m) && 'method' in m && m.method === method && 'id' in m,
    );
  return { client, server, received, requests };
}
