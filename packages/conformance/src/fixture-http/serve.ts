/**
 * The fixture server over HTTP: one process serving Streamable HTTP at `/mcp` (legacy sessions with an
 * event store, and 2026-07-28 stateless requests, chosen per request by the handler) and the deprecated
 * HTTP+SSE transport at `/sse` + `/messages`, all from the one fixture surface.
 */

import type { RedisStore } from '@mcpwire/redis';
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

/** Path of the Streamable HTTP endpoint of the fixture server. */
export const MCP_PATH = '/mcp';
/** Path of the legacy HTTP+SSE event stream of the fixture server. */
export const SSE_PATH = '/sse';
/** Path the legacy HTTP+SSE clients post their messages to. */
export const MESSAGES_PATH = '/messages';

/** Options of {@link serveFixtureHttp}. */
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
  /**
   * `redis://HOST:PORT`: keep sessions, resumable events, the message bus and tasks in that Redis, so
   * that several fixture servers on it serve any request of any session (one server behind a load
   * balancer). The requestState key is shared through it too.
   */
  redis?: string;
}

/** The Redis of `--redis` could not be reached at startup. */
export class RedisUnreachableError extends Error {
  constructor(url: string, waitedMs: number) {
    super(`Redis at ${url} did not answer within ${waitedMs} ms`);
    this.name = 'RedisUnreachableError';
  }
}

/** How long startup waits for the Redis of `--redis`. */
const REDIS_STARTUP_WAIT_MS = 10_000;

/** The shared store of `--redis`, once Redis answers (node-redis is loaded only for this option). */
async function openRedis(url: string): Promise<RedisStore> {
  const { redisStore } = await import('@mcpwire/redis');
  const store = redisStore({ url });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reached = await Promise.race([
    store.ready().then(() => true),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), REDIS_STARTUP_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (!reached) {
    await store.close();
    throw new RedisUnreachableError(url, REDIS_STARTUP_WAIT_MS);
  }
  return store;
}

/** A running fixture HTTP server: its URLs, its two handlers, and `close()`. */
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

/** Serves the reference fixture server over Streamable HTTP and legacy HTTP+SSE. */
export async function serveFixtureHttp(options: FixtureHttpOptions = {}): Promise<FixtureHttpServer> {
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
  const store = options.redis === undefined ? undefined : await openRedis(options.redis);
  // Every fixture server on one Redis seals 2026-07-28 requestState with one key, kept there.
  const shared =
    store === undefined
      ? {}
      : { store, requestStateSecret: await store.sharedSecret('fixture/request-state') };
  const server = createFixtureServer({ ...options.server, ...shared });
  const streamableHttp = createStreamableHttpHandler({
    connect: async (transport) => {
      await server.connect(transport);
    },
    ...(store === undefined ? { eventStore: new InMemoryEventStore() } : { store }),
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
    ...(store === undefined ? {} : { store }),
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
      closing ??= listening
        .close()
        .then(() => server.close())
        .then(() => store?.close());
      return closing;
    },
  };
}
