/** Options of the Streamable HTTP client transport. */
import type { JSONRPCRequest } from '@mcpwire/core/runtime';
import type { Dispatcher } from 'undici';
import type { HttpAuthProvider } from '../../shared-http/auth-provider.js';
import type { ParamHeaderSpec } from './request-headers.js';

/** How a broken SSE stream is reconnected. */
export interface ReconnectOptions {
  /** First delay before reconnecting when the server gave no `retry`. Default 1000 ms. */
  initialDelayMs?: number;
  /** Upper bound of the delay. Default 30000 ms. */
  maxDelayMs?: number;
  /** Growth per failed attempt. Default 1.5. */
  growFactor?: number;
  /** Attempts per broken stream before giving up (reported via onerror). Default 5. */
  maxRetries?: number;
}

/** Options of {@link StreamableHttpClientTransport}. */
export interface StreamableHttpClientOptions {
  /** Static headers on every request. */
  headers?: Record<string, string>;
  /** OAuth: Authorization header per request, 401/403 handling. */
  authProvider?: HttpAuthProvider;
  /** Rejoin an existing session. */
  sessionId?: string;
  /** Protocol revision to announce in MCP-Protocol-Version before the engine sets one. */
  protocolVersion?: string;
  reconnect?: ReconnectOptions;
  /** 2026-07-28: the `x-mcp-header` arguments of a tool, mirrored into Mcp-Param-* headers. */
  paramHeaders?: (toolName: string) => readonly ParamHeaderSpec[] | undefined;
  /** Extra headers for one outgoing request (called for every request). */
  requestHeaders?: (message: JSONRPCRequest) => Record<string, string> | undefined;
  /** The server forgot our session (404). Called before a new session is opened. */
  onSessionExpired?: (sessionId: string) => void;
  /**
   * After a 404 for our session, open a new one (replaying the first initialize, then
   * `notifications/initialized`) and retry the failed request once. Default true. Server-side session
   * state (resources/subscribe subscriptions, logging/setLevel) does not carry over: re-establish it in
   * `onSessionRestarted`. false: the request fails with SessionExpiredError instead.
   */
  restartExpiredSessions?: boolean;
  /** A new session replaced an expired one (`newSessionId` is undefined when the server issued none). */
  onSessionRestarted?: (expiredSessionId: string, newSessionId: string | undefined) => void;
  /** Open the standalone GET stream after `notifications/initialized`. Default true. */
  openStandaloneStream?: boolean;
  /** How many times a 403 with a new token is retried. Default 2. */
  maxForbiddenRetries?: number;
  /** Bring your own undici dispatcher; otherwise the transport owns one keep-alive Agent. */
  dispatcher?: Dispatcher;
  /**
   * Largest SSE event accepted from the server, in characters. Default 16 Mi. A larger one fails the
   * requests waiting on that stream at once (resuming would meet it again).
   */
  maxEventLength?: number;
  /**
   * Largest JSON (or error) response body accepted, in bytes. Default 16 MiB. A larger one fails its
   * request at once; a declared Content-Length above it is refused unread.
   */
  maxResponseBytes?: number;
}
