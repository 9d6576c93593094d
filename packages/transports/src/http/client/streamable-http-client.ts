/**
 * Streamable HTTP client transport (2025-03-26 … 2026-07-28) on undici: one keep-alive Agent per
 * transport, JSON and SSE responses, session and protocol-version headers, DELETE on close, resumption of
 * broken streams with Last-Event-ID (./stream-follower.ts), and the OAuth hook. A request's `send`
 * settles once its answer arrived, and rejects (failing the call at once) when it cannot arrive: not an
 * MCP endpoint, a body or SSE event over the size limits, a stream that cannot be resumed.
 */

import { setMaxListeners } from 'node:events';
import {
  ConnectionClosedError,
  type JSONRPCMessage,
  type JSONRPCPayload,
  type JSONRPCRequest,
  type MessageContext,
  parseMessage,
  type RequestId,
  type SendOptions,
  serializeMessage,
  type Transport,
  TransportError,
} from '@mcpwire/core/runtime';
import { Agent, type Dispatcher } from 'undici';
import { headerOf } from '../../shared-http/auth-provider.js';
import { HttpStatusError, LegacyServerError, SessionExpiredError } from '../../shared-http/errors.js';
import {
  HEADER_LAST_EVENT_ID,
  HEADER_PROTOCOL_VERSION,
  HEADER_SESSION_ID,
} from '../../shared-http/header-names.js';
import { type HttpResult, RequestTarget, requestWithAuth } from '../../shared-http/http-request.js';
import { jsonRpcErrorCode } from '../../shared-http/json-rpc.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  discard,
  mediaTypeOf,
  notAnEndpoint,
  readResponseText,
} from '../../shared-http/response-text.js';
import type { StreamableHttpClientOptions } from './options.js';
import { baseHeaders, isModernVersion, postHeaders } from './request-headers.js';
import { restartSession } from './session-restart.js';
import { followStream, type StreamHost, sleepUnlessWoken } from './stream-follower.js';

const BATCHES = { allowBatch: true } as const;
/** Modern JSON-RPC errors that prove a 2026-07-28 server (no fallback to legacy transports). */
const MODERN_ERROR_CODES: ReadonlySet<number> = new Set([-32020, -32021, -32022, -32601, -32602]);

export class StreamableHttpClientTransport implements Transport {
  readonly transportKind = 'streamable-http' as const;
  onmessage?: (message: JSONRPCPayload, context?: MessageContext) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  private readonly target: RequestTarget;
  /** "POST <url>", for messages (built once). */
  private readonly postLabel: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  /**
   * Aborts requests on a dispatcher the caller owns when we close (our own Agent is destroyed instead,
   * so its requests carry no signal: one abort listener per request costs time, and above ten in flight
   * Node warned of a listener leak).
   */
  private readonly abort: AbortController | undefined;
  /** Reconnect waits in progress, woken when the transport closes. */
  private readonly sleepers = new Set<() => void>();
  private readonly streams: StreamHost;
  private readonly isClosed = (): boolean => this.closed;
  private readonly maxResponseBytes: number;
  private session: string | undefined;
  private protocolVersion: string | undefined;
  private closed = false;
  /** The first initialize the engine sent, replayed to open a new session after a 404. */
  private initializeRequest: JSONRPCRequest | undefined;
  /** A new session being opened; concurrent 404s of the old one wait for it instead of opening more. */
  private restarting: Promise<void> | undefined;
  private restarts = 0;
  /** Set while an expired session could not be replaced; the next message tries again. */
  private lostSession: string | undefined;

  /** A client transport for the Streamable HTTP endpoint at `url`. */
  constructor(
    url: string | URL,
    private readonly options: StreamableHttpClientOptions = {},
  ) {
    const parsed = new URL(url);
    this.target = new RequestTarget(parsed);
    this.postLabel = `POST ${parsed.href}`;
    this.session = options.sessionId;
    this.protocolVersion = options.protocolVersion;
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 30_000, connections: 128 });
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    if (!this.ownsDispatcher) {
      this.abort = new AbortController();
      setMaxListeners(0, this.abort.signal); // one listener per request in flight, by design
    }
    this.streams = this.streamHost();
  }

  get sessionId(): string | undefined {
    return this.session;
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
  }

  async start(): Promise<void> {
    if (this.closed)
      throw new ConnectionClosedError('Cannot start: expected an open transport, but it was closed');
  }

  send(payload: JSONRPCPayload, _options?: SendOptions): Promise<void> {
    // The usual message (one request or notification, no session being opened or replaced) goes straight
    // to its POST, with no async frame of its own.
    if (
      !this.closed &&
      !Array.isArray(payload) &&
      this.restarting === undefined &&
      this.lostSession === undefined &&
      !('method' in payload && payload.method === 'initialize')
    ) {
      const requests = new Set<RequestId>();
      if ('method' in payload && 'id' in payload) requests.add(payload.id);
      return this.post(payload, payload, requests, false, true);
    }
    return this.sendWithSession(payload);
  }

  /** `send` for batches, initialize, and messages that wait for a new session. */
  private async sendWithSession(payload: JSONRPCPayload): Promise<void> {
    if (this.closed)
      throw new ConnectionClosedError('Cannot send: expected an open HTTP transport, but it was closed');
    const first: JSONRPCMessage | undefined = Array.isArray(payload) ? payload[0] : payload;
    if (first === undefined) return;
    const requests = new Set<RequestId>();
    if (!Array.isArray(payload)) {
      if ('method' in payload && 'id' in payload) requests.add(payload.id);
    } else {
      for (const message of payload) if ('method' in message && 'id' in message) requests.add(message.id);
    }
    const isInitialize = 'method' in first && first.method === 'initialize';
    // Messages sent while a new session is being opened wait for its id instead of going without one
    // (and fail with it when it cannot be opened).
    if (!isInitialize && this.restarting === undefined && this.lostSession !== undefined)
      this.beginRestart(this.lostSession, this.initializeRequest!); // the last attempt failed: try again
    if (this.restarting !== undefined && !isInitialize) await this.restarting;
    if (isInitialize && this.initializeRequest === undefined)
      this.initializeRequest = first as JSONRPCRequest;
    await this.post(payload, first, requests, isInitialize, true);
  }

  /**
   * The server answered 404 for our session (`expired`): on a first attempt, open a new session (once for
   * all requests that met it) and send the requests again, once. Notifications and responses belonged to
   * the old session and are dropped with it.
   */
  private async afterExpiry(
    expired: string,
    payload: JSONRPCPayload,
    first: JSONRPCMessage,
    requests: Set<RequestId>,
    firstAttempt: boolean,
  ): Promise<void> {
    if (!firstAttempt) throw new SessionExpiredError(expired);
    await this.restartAfter(expired);
    if (requests.size === 0) return;
    await this.post(payload, first, requests, false, false);
  }

  /** One POST of a payload and its answer (after a 404 for our session, see afterExpiry). */
  private async post(
    payload: JSONRPCPayload,
    first: JSONRPCMessage,
    requests: Set<RequestId>,
    isInitialize: boolean,
    firstAttempt: boolean,
  ): Promise<void> {
    const headers = postHeaders(this.options, first, isInitialize, this.session, this.protocolVersion);
    const result = await this.request(
      'POST',
      headers,
      serializeMessage(payload),
      'method' in first ? first.method : undefined,
    );
    const sessionHeader = headerOf(result.headers, HEADER_SESSION_ID);
    if (sessionHeader !== undefined && isInitialize) this.session = sessionHeader;

    const ok = result.statusCode >= 200 && result.statusCode < 300;
    if (result.statusCode === 202 || (ok && requests.size === 0)) {
      await result.body.dump();
      if ('method' in first && first.method === 'notifications/initialized') this.openStandalone();
      return;
    }
    if (ok) {
      const type = mediaTypeOf(result);
      if (type === 'text/event-stream') {
        await followStream(this.streams, result.body, requests);
        return;
      }
      if (type !== 'application/json') {
        discard(result);
        throw notAnEndpoint(this.postLabel, type);
      }
    }
    const text = await readResponseText(result, this.maxResponseBytes, this.postLabel);
    if (ok) {
      this.dispatchText(text, requests);
      if (requests.size > 0) {
        throw new TransportError(
          `Invalid answer to ${this.postLabel}: expected JSON-RPC responses to request(s) ${[...requests].join(', ')} in the JSON body, received ${JSON.stringify(text.slice(0, 200))}`,
        );
      }
      return;
    }
    if (result.statusCode === 404 && headers[HEADER_SESSION_ID] !== undefined) {
      const expired = headers[HEADER_SESSION_ID];
      // Another request may already have met (and reported) it.
      if (this.session !== expired) return this.afterExpiry(expired, payload, first, requests, firstAttempt);
      this.session = undefined;
      const restart = this.options.restartExpiredSessions !== false && this.initializeRequest !== undefined;
      // Started before anything else runs, so no message slips out without a session id meanwhile.
      if (restart) this.beginRestart(expired, this.initializeRequest!);
      this.options.onSessionExpired?.(expired);
      if (!restart) throw new SessionExpiredError(expired);
      return this.afterExpiry(expired, payload, first, requests, firstAttempt);
    }
    const errorCode = jsonRpcErrorCode(text);
    if (
      isInitialize &&
      (result.statusCode === 400 || result.statusCode === 404 || result.statusCode === 405)
    ) {
      if (errorCode === undefined || !MODERN_ERROR_CODES.has(errorCode))
        throw new LegacyServerError(result.statusCode, text);
    }
    // A JSON-RPC error for our request (e.g. 2026-07-28 400/-32020 or 404/-32601): hand it to the engine.
    if (errorCode !== undefined && this.dispatchText(text, requests) > 0) return;
    throw new HttpStatusError(
      `HTTP POST failed: expected 2xx, received ${result.statusCode} ${text.slice(0, 200)}`,
      result.statusCode,
      text,
    );
  }

  /** Waits for the new session that replaces `expired`. */
  private async restartAfter(expired: string): Promise<void> {
    if (this.restarting !== undefined) return this.restarting;
    // Already replaced by a restart that finished before this request's 404 arrived.
    if (this.session !== undefined) return;
    throw new SessionExpiredError(expired); // turned off, or the restart failed
  }

  private beginRestart(expired: string, initialize: JSONRPCRequest): void {
    this.restarting = restartSession({
      post: (headers, body, operation) => this.request('POST', headers, body, operation),
      baseHeaders: baseHeaders(this.options.headers, undefined),
      initialize,
      protocolVersion: this.protocolVersion,
      attempt: ++this.restarts,
    })
      .then(
        (session) => {
          this.lostSession = undefined;
          if (this.closed) return;
          this.session = session;
          this.options.onSessionRestarted?.(expired, session);
          this.openStandalone();
        },
        (error: unknown) => {
          this.lostSession = expired;
          throw error;
        },
      )
      .finally(() => {
        this.restarting = undefined;
      });
    // Whoever awaits it sees the failure; this keeps an unawaited rejection from being reported twice.
    this.restarting.catch(() => {});
  }

  /** Ends the session on the server (DELETE); 405 means the server does not allow it, which is fine. */
  async terminateSession(): Promise<void> {
    const session = this.session;
    if (session === undefined) return;
    this.session = undefined;
    try {
      const result = await this.dispatcher.request({
        origin: this.target.origin,
        path: this.target.path,
        method: 'DELETE',
        headers: baseHeaders(this.options.headers, session),
        signal: AbortSignal.timeout(3000),
      });
      await result.body.dump();
    } catch {
      // The session dies with the server anyway; closing must not fail because of it.
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of [...this.sleepers]) wake();
    this.abort?.abort();
    if (!isModernVersion(this.protocolVersion)) await this.terminateSession();
    if (this.ownsDispatcher) await this.dispatcher.destroy().catch(() => {});
    this.onclose?.();
  }

  private request(
    method: 'GET' | 'POST',
    headers: Record<string, string>,
    body: string | undefined,
    operation: string | undefined,
  ): Promise<HttpResult> {
    return requestWithAuth({
      dispatcher: this.dispatcher,
      url: this.target,
      method,
      headers,
      body,
      signal: this.abort?.signal,
      isClosed: this.isClosed,
      auth: this.options.authProvider,
      operation,
      maxForbiddenRetries: this.options.maxForbiddenRetries,
    });
  }

  /** Parses a JSON body (one message or a batch) and hands messages on; returns how many. */
  private dispatchText(text: string, pending: Set<RequestId> | undefined): number {
    if (text.length === 0) return 0;
    const parsed = parseMessage(text, BATCHES);
    if (!parsed.ok) {
      this.onerror?.(new TransportError(`Invalid message from server: ${parsed.error.message}`));
      return 0;
    }
    if (parsed.kind !== 'batch') {
      this.deliver(parsed.message, pending);
      return 1;
    }
    for (const message of parsed.message) this.deliver(message, pending);
    return parsed.message.length;
  }

  private deliver(message: JSONRPCMessage, pending: Set<RequestId> | undefined): void {
    if (pending !== undefined && !('method' in message) && message.id !== undefined && message.id !== null)
      pending.delete(message.id);
    this.onmessage?.(message);
  }

  private openStandalone(): void {
    if (this.options.openStandaloneStream === false || this.session === undefined) return;
    followStream(this.streams, undefined, undefined).catch((error: Error) => this.onerror?.(error));
  }

  /** What ./stream-follower.ts needs of this transport (built once). */
  private streamHost(): StreamHost {
    const transport = this;
    return {
      get closed() {
        return transport.closed;
      },
      get sessionId() {
        return transport.session;
      },
      reconnect: this.options.reconnect ?? {},
      maxEventLength: this.options.maxEventLength,
      reopen: (lastEventId) => {
        const headers = baseHeaders(this.options.headers, this.session);
        headers.accept = 'text/event-stream';
        if (this.protocolVersion !== undefined) headers[HEADER_PROTOCOL_VERSION] = this.protocolVersion;
        if (lastEventId !== undefined) headers[HEADER_LAST_EVENT_ID] = lastEventId;
        return this.request('GET', headers, undefined, undefined);
      },
      deliver: (data, pending) => {
        this.dispatchText(data, pending);
      },
      report: (error) => this.onerror?.(error),
      sleep: (ms) => sleepUnlessWoken(this.sleepers, ms),
    };
  }
}
