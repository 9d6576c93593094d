/**
 * The Transport interface: the only thing the protocol engine knows about I/O.
 * A transport moves whole JSON-RPC messages; framing (newlines, SSE events, HTTP bodies) is its business.
 * See docs/custom-transports.md for how to write one.
 */
import type { JSONRPCBatch, JSONRPCMessage, JsonObject, RequestId } from './jsonrpc/types.js';

/** What a transport carries: one message, or (2025-03-26 only) a batch array. */
export type JSONRPCPayload = JSONRPCMessage | JSONRPCBatch;

/** Identity and grants of the caller, established by an authenticating transport (e.g. OAuth bearer token). */
export interface AuthInfo {
  /** The raw access token. Never forwarded upstream. */
  token: string;
  clientId?: string;
  scopes: string[];
  /** Seconds since epoch. */
  expiresAt?: number;
  /** Audience / resource the token was issued for. */
  resource?: string;
  subject?: string;
  extra?: Record<string, unknown>;
}

/** Context a transport attaches to a message it received. */
export interface MessageContext {
  /** Verified auth info of the sender, when the transport authenticates. */
  authInfo?: AuthInfo;
  /** Transport session (e.g. Mcp-Session-Id) the message arrived on. */
  sessionId?: string;
  /** Request metadata such as HTTP headers, for handlers that need them. */
  requestInfo?: { headers?: Record<string, string | undefined>; url?: string };
  /**
   * Fired when the transport learns that nobody is listening for the answer any more
   * (2026-07-28 HTTP: the client closed the response stream). The engine treats it as cancellation.
   */
  signal?: AbortSignal;
  /**
   * The same news as `signal`, without an AbortSignal (on Node 20 one per request costs a transport more
   * than the rest of its work, mostly in garbage collection). When the engine starts a request from this
   * message it calls `watchCaller(listener)`; the transport calls `listener.handleEvent()` once if the
   * caller goes away (at once if it already has), and the engine calls the returned function when the
   * request settles.
   */
  watchCaller?: (listener: CallerListener) => () => void;
}

/** What `MessageContext.watchCaller` is given: told once that the caller went away. */
export interface CallerListener {
  /** Called once, when the caller went away. */
  handleEvent(): void;
}

/** Options for sending one message. */
export interface SendOptions {
  /**
   * The id of the incoming request this message belongs to (a progress notification, a log message, a
   * server→client request made while handling it, or its response). HTTP transports use it to put the
   * message on that request's response stream.
   */
  relatedRequestId?: RequestId;
  /** For resumable transports: resume from this event id. */
  resumptionToken?: string;
}

/** Stdio pipes; Streamable HTTP; HTTP+SSE (2024-11-05); a WebSocket; in-process memory. */
export type TransportKind = 'stdio' | 'streamable-http' | 'sse' | 'websocket' | 'memory';

/**
 * Optional members admit `undefined` explicitly, so that transports declaring `onmessage: ... | undefined`
 * (as classes do) satisfy the interface under `exactOptionalPropertyTypes`.
 */
export interface Transport {
  /** Starts reading. Called once by the engine when it connects; messages may arrive right after. */
  start(): Promise<void>;
  /** Sends one message. Rejects with a LocalError when the transport cannot deliver it. */
  send(message: JSONRPCPayload, options?: SendOptions): Promise<void>;
  /** Closes the transport; `onclose` fires once afterwards. Idempotent. */
  close(): Promise<void>;

  /** A message arrived. */
  onmessage?: ((message: JSONRPCPayload, context?: MessageContext) => void) | undefined;
  /** Something went wrong that does not close the transport (bad frame, write failure, ...). */
  onerror?: ((error: Error) => void) | undefined;
  /** The transport closed, from either side. Fires at most once. */
  onclose?: (() => void) | undefined;
  /**
   * Set by the engine in `connect()`. A transport whose input ended while it can still write (stdio:
   * stdin closed) calls it instead of closing: the engine answers the requests in flight, then closes it.
   */
  oninputend?: (() => void) | undefined;

  /**
   * What carries the messages, for telemetry (the OpenTelemetry `network.*` attributes of MCP spans).
   * Transports of other kinds may leave it out.
   */
  readonly transportKind?: TransportKind | undefined;
  /** The transport-level session id, if the transport has sessions. */
  readonly sessionId?: string | undefined;
  /** The revision negotiated on this connection, set by the engine so HTTP transports can send headers. */
  setProtocolVersion?(version: string): void;

  /**
   * Hydration: the saved state of a legacy session opened elsewhere (another process, or an earlier
   * transport of this one). A server engine reads it once in `connect()` and restores it instead of
   * waiting for `initialize`. Undefined for a new connection.
   */
  readonly sessionSnapshot?: SessionSnapshot | undefined;
  /**
   * Called by a server engine each time the restorable state of a legacy session changed (initialize
   * answered, initialized received, log level set, resource subscribed or unsubscribed), with the whole
   * state. A transport backed by a shared store persists it there; others leave it unimplemented.
   */
  saveSessionState?(snapshot: SessionSnapshot): void;
  /**
   * Set by a server engine in `connect()`: the transport calls it when another process changed this
   * session's state (e.g. `logging/setLevel` was served by another replica), so the live engine follows.
   */
  onsessionstate?: ((snapshot: SessionSnapshot) => void) | undefined;
}

/**
 * What another process needs to serve a legacy (initialize-era) session: a JSON value, safe to store and
 * send as is. The engine owns `protocolVersion` … `clientCapabilities`; the layer above it (McpServer)
 * keeps its own per-session state under `server` (log level, resource subscriptions).
 */
export interface SessionSnapshot {
  /** The revision negotiated by initialize. */
  protocolVersion: string;
  /** Whether `notifications/initialized` arrived (before it, only ping may be served). */
  initialized: boolean;
  clientInfo?: JsonObject;
  clientCapabilities?: JsonObject;
  /** State owned by the server library above the engine; opaque to the engine and the transport. */
  server?: JsonObject;
}
