/**
 * The fixture server over HTTP: one process serving Streamable HTTP at `/mcp` (legacy sessions with an
 * event store, and 2026-07-28 stateless requests, chosen per request by the handler) and the deprecated
 * HTTP+SSE transport at `/sse` + `/messages`, all from the one fixture surface.
 */

import {
  createRouter,
  createStreamableHttpHandler,
  InMemoryEventStore,
  listen,
  type StreamableHttpHandler,
} from '@mcpwire/transports/http';
import { createSseHandler, type SseHandler } from '@mcpwire/transports/sse';
import { createFixtureServer, type FixtureServerOptions } from '../fixture/surface.js';
import { closeStreamMidCall } from './reconnection.js';

export const MCP_PATH = '/mcp';
export const SSE_PATH = '/sse';
export const MESSAGES_PATH = '/messages';

export interface FixtureHttpOptions {
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1; DNS-rebinding protection stays on for any bind. */
  host?: string;
  /** The Host names clients use; required by listen() when `host` is not a loopback address. */
  allowedHosts?: readonly string[];
  /** The SSE `retry` hint, in ms, sent with priming events and with test_reconnection's early close. */
  retryMs?: number;
  /** Passed to the fixture McpServer (e.g. `pageSize`). */
  server?: FixtureServerOptions;
}

export interface FixtureHttpServer {
  /** Base URL without a path, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** `${url}/mcp`: the Streamable HTTP endpoint. */
  readonly mcpUrl: string;
  /** `${url}/sse`: the legacy HTTP+SSE endpoint. */
  readonly sseUrl: string;
  readonly port: number;
  readonly streamableHttp: StreamableHttpHandler;
  readonly sse: SseHandler;
  /** Ends every session and stream, then stops listening. Safe to call more than once. */
  close(): Promise<void>;
}

const DEFAULT_RETRY_MS = 500;

export async function serveFixtureHttp(options: FixtureHttpOptions = {}): Promise<FixtureHttpServer> {
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
  const server = createFixtureServer(options.server);
  const eventStore = new InMemoryEventStore();
  const streamableHttp = createStreamableHttpHandler({
    connect: async (transport) => {
      await server.connect(transport);
    },
    eventStore,
    // The suite's raw POSTs say `mcp-protocol-version: 2025-03-26` on a 2025-11-25 session and still expect
    // a priming event; an event with empty data is never dispatched by SSE parsers, so it harms no client.
    priming: 'always',
    retryMs,
  });
  server.use(closeStreamMidCall((id) => streamableHttp.session(id), retryMs));
  const sse = createSseHandler({
    connect: async (transport) => {
      await server.connect(transport);
    },
    messagesPath: MESSAGES_PATH,
  });

  // The router keeps the Node fast path for /mcp (it is a FastHandler, like the handler it routes to).
  // Unknown paths get its 404 naming the three paths served.
  const router = createRouter({ [MCP_PATH]: streamableHttp, [SSE_PATH]: sse, [MESSAGES_PATH]: sse });
  const listening = await listen({
    handler: router,
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
  });
  let closing: Promise<void> | undefined;
  return {
    url: listening.url,
    mcpUrl: listening.url + MCP_PATH,
    sseUrl: listening.url + SSE_PATH,
    port: listening.port,
    streamableHttp,
    sse,
    // Closing the listener closes the router's handlers (every session and stream), then the server.
    close: () => {
      closing ??= listening.close().then(() => server.close());
      return closing;
    },
  };
}
