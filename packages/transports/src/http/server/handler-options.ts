/** Options and public shapes of the Streamable HTTP handler. */
import type { AuthInfo, Era } from '@mcpwire/core/runtime';
import type { HttpAuthOptions } from '../../shared-http/http-auth.js';
import type { ServerStore } from '../../store/server-store.js';
import type { EventStore } from './event-store.js';
import type { ResponseMode } from './exchange.js';
import type { FastHandler } from './http-io.js';
import type { ParamHeader } from './modern-validation.js';
import type { CorsOptions, DnsRebindingOptions } from './security.js';
import type { StreamableHttpServerTransport } from './server-transport.js';

/** What the `connect` hook learns of a new session. */
export interface ConnectInfo {
  era: Era;
  /** The new session's id (legacy sessions); undefined for single-request transports. */
  sessionId: string | undefined;
  /** True for a transport that serves one POST and then closes (stateless mode, 2026-07-28). */
  singleRequest: boolean;
  /** MCP-Protocol-Version of the request that opened it, or the 2026-07-28 `_meta` version. */
  protocolVersion: string | undefined;
  request: Request;
}

/** Options of {@link createStreamableHttpHandler}. */
export interface StreamableHttpHandlerOptions {
  /**
   * Connects a protocol engine to a new transport, e.g. `(t) => server.connect(t)`. What it returns (or
   * resolves to, such as McpServer's session) is not used; a rejection answers 500. With a shared `store`
   * it is also called for a session opened by another process, the first time this one serves it: the
   * transport then carries the session's `sessionSnapshot`, which the engine restores instead of waiting
   * for initialize.
   */
  connect: (transport: StreamableHttpServerTransport, info: ConnectInfo) => unknown;
  /** No legacy sessions: every POST gets its own transport, GET and DELETE get 405. Default false. */
  stateless?: boolean;
  /**
   * `auto` (default): JSON unless the request streams something before its result, then SSE.
   * `sse`: always SSE. `json`: always JSON; related notifications and requests then go to the session's
   * GET stream (queued until one opens); where there is none (stateless, 2026-07-28) they are dropped and
   * reported through the transport's `onerror`.
   */
  responseMode?: ResponseMode;
  /**
   * Records SSE messages so broken streams can be resumed with Last-Event-ID (legacy sessions), in this
   * process. Ignored when `store` is given (its `events` are used).
   */
  eventStore?: EventStore;
  /**
   * Session records, event store and message bus shared with other handlers (other processes, with a
   * Redis store): any of them then serves any session, as replicas of one server behind a load balancer
   * without stickiness. `createMemoryStore()` shares them between the handlers of one process. Default:
   * a memory session store of this handler's own, and `eventStore` for events.
   */
  store?: ServerStore;
  /**
   * How long a completed SSE stream's events stay resumable with Last-Event-ID (a client whose
   * connection died unnoticed still gets its result), in ms; needs an event store with retention
   * (`InMemoryEventStore`, or `store`). Default 300000 (5 minutes).
   */
  streamRetentionMs?: number;
  /** Priming event (id + empty data) on new SSE streams: `auto` = when the client speaks 2025-11-25+. */
  priming?: 'auto' | 'always' | 'never';
  /** SSE `retry` value sent with priming events and early closes, in ms. */
  retryMs?: number;
  /** Comment lines on idle GET streams, in ms (default 5000, under short proxy idle limits; 0 disables). */
  keepAliveMs?: number;
  /**
   * SSE responses whose client does not read: senders that await (`ctx.progress()`, notifications) wait
   * for the client; a response holding more than this many bytes it has not taken is ended. Default 4 MiB.
   */
  maxStreamBufferBytes?: number;
  /** An SSE response that stays full (its client takes nothing) this long is ended, in ms. Default 60000; 0 never. */
  streamStallTimeoutMs?: number;
  /** Idle sessions (nothing in flight, no stream open) close after this long. Default 30 minutes. */
  sessionIdleTimeoutMs?: number;
  /**
   * A session whose client never sends anything after `initialize` (not even `notifications/initialized`)
   * ends after this long, in ms. Default 10000.
   */
  unestablishedSessionTimeoutMs?: number;
  /**
   * Most live sessions. At the cap, `initialize` first evicts a session never established, else the least
   * recently used idle one; only when every session is in use does it get 503. Default 10000.
   */
  maxSessions?: number;
  /**
   * Most live sessions per client: per principal with authentication, else per remote address (known on
   * the Node path; elsewhere see `clientKey`). At the limit the client's own oldest never-established or
   * idle session is evicted, else `initialize` gets 429. Default maxSessions / 4 (at least 100, at most
   * maxSessions).
   */
  maxSessionsPerClient?: number;
  /**
   * Without authentication: the key per-client limits count sessions under, from the request (e.g. the
   * remote address from Deno's or Bun's connection info, or a trusted X-Forwarded-For). Default: the
   * socket's remote address on the Node path, none elsewhere (then no per-client limit applies).
   */
  clientKey?: (request: Request) => string | undefined;
  /** Failures no request can be told about (a shared store or bus failing in the background). */
  onError?: (error: Error) => void;
  /** Largest accepted POST body in bytes (413 above). Default 4 MiB. */
  maxBodyBytes?: number;
  /** Revisions served. Default: all (2024-11-05 … 2026-07-28). */
  supportedVersions?: readonly string[];
  /** 2026-07-28: whether a method exists (404 + -32601 when not). Without it the engine's -32601 maps to 404. */
  isKnownMethod?: (method: string) => boolean;
  /** 2026-07-28: the `x-mcp-header` arguments of a tool, to check Mcp-Param-* headers against the body. */
  paramHeaders?: (toolName: string) => readonly ParamHeader[] | undefined;
  /** DNS-rebinding protection (403); `false` turns it off. On by default. */
  dnsRebinding?: DnsRebindingOptions | false;
  /** Set by `listen()`/the Node adapter when bound to loopback: then only loopback Host headers pass. */
  boundToLoopback?: boolean;
  cors?: CorsOptions;
  /** Authenticates each request: AuthInfo for the engine, a Response (e.g. 401) to refuse it. */
  authenticate?: (
    request: Request,
  ) => Promise<AuthInfo | Response | undefined> | AuthInfo | Response | undefined;
  /**
   * OAuth (takes precedence over `authenticate`): PRM served at its well-known paths, bearer tokens
   * verified, per-operation scopes enforced with 403 insufficient_scope. See shared-http/http-auth.ts.
   */
  auth?: HttpAuthOptions;
  /** Session ids; default `crypto.randomUUID()`. Must be visible ASCII. */
  generateSessionId?: () => string;
  /** Whether to pass the request headers to the engine in MessageContext.requestInfo. Default true. */
  exposeHeaders?: boolean;
}

/** The handler: a web-standard function, with its Node fast path visible in the type (FastHandler). */
export interface StreamableHttpHandler extends FastHandler {
  /** Closes every session and its streams. */
  close(): Promise<void>;
  readonly sessionCount: number;
  /** A live session's transport (e.g. to call `closeRequestStream`). */
  session(id: string): StreamableHttpServerTransport | undefined;
}
