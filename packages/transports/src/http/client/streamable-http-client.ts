/**
 * Streamable HTTP client transport (2025-03-26 … 2026-07-28) on undici: one keep-alive Agent per
 * transport, JSON and SSE responses, session and protocol-version headers, DELETE on close, resumption of
 * broken streams with Last-Event-ID (honouring `retry`, bounded backoff), and the OAuth hook.
 */
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
} from '@mcpwire/core';
import { Agent, type Dispatcher } from 'undici';
import { headerOf } from '../../shared-http/auth-provider.js';
import { HttpStatusError, LegacyServerError, SessionExpiredError } from '../../shared-http/errors.js';
import {
  HEADER_LAST_EVENT_ID,
  HEADER_PROTOCOL_VERSION,
  HEADER_SESSION_ID,
} from '../../shared-http/header-names.js';
import { type HttpResult, requestWithAuth } from '../../shared-http/http-request.js';
import { jsonRpcErrorCode } from '../../shared-http/json-rpc.js';
import type { StreamableHttpClientOptions } from './options.js';
import { addModernHeaders, isModernVersion, messageProtocolVersion } from './request-headers.js';
import { restartSession } from './session-restart.js';
import { readSseBody } from './sse-reader.js';

type Body = Dispatcher.ResponseData['body'];

const ACCEPT_BOTH = 'application/json, text/event-stream';
/** Modern JSON-RPC errors that prove a 2026-07-28 server (no fallback to legacy transports). */
const MODERN_ERROR_CODES: ReadonlySet<number> = new Set([-32020, -32021, -32022, -32601, -32602]);

export class StreamableHttpClientTransport implements Transport {
  readonly transportKind = 'streamable-http' as const;
  onmessage?: (message: JSONRPCPayload, context?: MessageContext) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  private readonly url: URL;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly abort = new AbortController();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
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

  constructor(
    url: string | URL,
    private readonly options: StreamableHttpClientOptions = {},
  ) {
    this.url = new URL(url);
    this.session = options.sessionId;
    this.protocolVersion = options.protocolVersion;
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 30_000, connections: 128 });
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

  async send(payload: JSONRPCPayload, _options?: SendOptions): Promise<void> {
    if (this.closed)
      throw new ConnectionClosedError('Cannot send: expected an open HTTP transport, but it was closed');
    const first: JSONRPCMessage | undefined = Array.isArray(payload) ? payload[0] : payload;
    if (first === undefined) return;
    const requests = new Set<RequestId>();
    for (const message of Array.isArray(payload) ? payload : [payload]) {
      if ('method' in message && 'id' in message) requests.add(message.id);
    }
    const isInitialize = 'method' in first && first.method === 'initialize';
    // Messages sent while a new session is being opened wait for its id instead of going without one
    // (and fail with it when it cannot be opened).
    if (!isInitialize && this.restarting === undefined && this.lostSession !== undefined)
      this.beginRestart(this.lostSession, this.initializeRequest!); // the last attempt failed: try again
    if (this.restarting !== undefined && !isInitialize) await this.restarting;
    if (isInitialize && this.initializeRequest === undefined)
      this.initializeRequest = first as JSONRPCRequest;
    const expired = await this.post(payload, first, requests, isInitialize);
    if (expired === undefined) return;
    // 404 for our session: open a new one (once for all requests that met it) and retry requests once.
    // Notifications and responses belonged to the old session and are dropped with it.
    await this.restartAfter(expired);
    if (requests.size === 0) return;
    const again = await this.post(payload, first, requests, false);
    if (again !== undefined) throw new SessionExpiredError(again);
  }

  /** One POST of a payload; resolves with the expired session id when the server answered 404 for it. */
  private async post(
    payload: JSONRPCPayload,
    first: JSONRPCMessage,
    requests: Set<RequestId>,
    isInitialize: boolean,
  ): Promise<string | undefined> {
    const headers = this.headersFor(first, isInitialize);
    const result = await this.request(
      'POST',
      headers,
      serializeMessage(payload),
      'method' in first ? first.method : undefined,
    );
    const sessionHeader = headerOf(result.headers, HEADER_SESSION_ID);
    if (sessionHeader !== undefined && isInitialize) this.session = sessionHeader;

    if (result.status === 202 || (result.status >= 200 && result.status < 300 && requests.size === 0)) {
      await result.body.dump();
      if ('method' in first && first.method === 'notifications/initialized') this.openStandalone();
      return;
    }
    const contentType = headerOf(result.headers, 'content-type') ?? '';
    if (result.status >= 200 && result.status < 300 && contentType.startsWith('text/event-stream')) {
      void this.consume(result.body, requests, undefined, 0);
      return;
    }
    const text = await result.body.text();
    if (result.status >= 200 && result.status < 300) {
      this.dispatchText(text, requests);
      return;
    }
    if (result.status === 404 && headers[HEADER_SESSION_ID] !== undefined) {
      const expired = headers[HEADER_SESSION_ID];
      if (this.session !== expired) return expired; // another request already met (and reported) it
      this.session = undefined;
      const restart = this.options.restartExpiredSessions !== false && this.initializeRequest !== undefined;
      // Started before anything else runs, so no message slips out without a session id meanwhile.
      if (restart) this.beginRestart(expired, this.initializeRequest!);
      this.options.onSessionExpired?.(expired);
      if (!restart) throw new SessionExpiredError(expired);
      return expired;
    }
    const errorCode = jsonRpcErrorCode(text);
    if (isInitialize && (result.status === 400 || result.status === 404 || result.status === 405)) {
      if (errorCode === undefined || !MODERN_ERROR_CODES.has(errorCode))
        throw new LegacyServerError(result.status, text);
    }
    // A JSON-RPC error for our request (e.g. 2026-07-28 400/-32020 or 404/-32601): hand it to the engine.
    if (errorCode !== undefined && this.dispatchText(text, requests) > 0) return;
    throw new HttpStatusError(
      `HTTP POST failed: expected 2xx, received ${result.status} ${text.slice(0, 200)}`,
      result.status,
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
      baseHeaders: this.baseHeaders(undefined),
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
        origin: this.url.origin,
        path: this.url.pathname + this.url.search,
        method: 'DELETE',
        headers: this.baseHeaders(session),
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
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    if (!isModernVersion(this.protocolVersion)) await this.terminateSession();
    if (this.ownsDispatcher) await this.dispatcher.destroy().catch(() => {});
    this.onclose?.();
  }

  private baseHeaders(session: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { accept: ACCEPT_BOTH, ...this.options.headers };
    if (session !== undefined) headers[HEADER_SESSION_ID] = session;
    return headers;
  }

  private headersFor(message: JSONRPCMessage, isInitialize: boolean): Record<string, string> {
    const metaVersion = messageProtocolVersion(message);
    const modern = isModernVersion(metaVersion);
    const headers = this.baseHeaders(modern ? undefined : this.session);
    headers['content-type'] = 'application/json';
    if (modern) {
      const name = 'method' in message && message.method === 'tools/call' ? message.params?.name : undefined;
      const params = typeof name === 'string' ? this.options.paramHeaders?.(name) : undefined;
      addModernHeaders(headers, message, metaVersion!, params);
    } else if (this.protocolVersion !== undefined && !isInitialize) {
      headers[HEADER_PROTOCOL_VERSION] = this.protocolVersion;
    }
    if ('method' in message && 'id' in message && this.options.requestHeaders !== undefined) {
      Object.assign(headers, this.options.requestHeaders(message as JSONRPCRequest));
    }
    return headers;
  }

  private request(
    method: 'GET' | 'POST',
    headers: Record<string, string>,
    body: string | undefined,
    operation: string | undefined,
  ): Promise<HttpResult> {
    return requestWithAuth({
      dispatcher: this.dispatcher,
      url: this.url,
      method,
      headers,
      body,
      signal: this.abort.signal,
      auth: this.options.authProvider,
      operation,
      maxForbiddenRetries: this.options.maxForbiddenRetries,
    });
  }

  /** Parses a JSON body (one message or a batch) and hands messages on; returns how many. */
  private dispatchText(text: string, pending: Set<RequestId> | undefined): number {
    if (text.length === 0) return 0;
    const parsed = parseMessage(text, { allowBatch: true });
    if (!parsed.ok) {
      this.onerror?.(new TransportError(`Invalid message from server: ${parsed.error.message}`));
      return 0;
    }
    const messages = parsed.kind === 'batch' ? parsed.message : [parsed.message];
    for (const message of messages) {
      if (
        pending !== undefined &&
        !('method' in message) &&
        message.id !== undefined &&
        message.id !== null
      ) {
        pending.delete(message.id);
      }
      this.onmessage?.(message);
    }
    return messages.length;
  }

  /** Reads an SSE stream; if it breaks before its answers arrived, resumes it with Last-Event-ID. */
  private async consume(
    body: Body,
    pending: Set<RequestId> | undefined,
    lastEventId: string | undefined,
    attempt: number,
  ) {
    let delivered = false;
    const outcome = await readSseBody(
      body,
      (event) => {
        delivered = true;
        if (event.event === 'message') this.dispatchText(event.data, pending);
      },
      lastEventId,
    );
    if (this.closed) return;
    if (pending !== undefined && pending.size === 0) return;
    if (pending !== undefined && outcome.lastEventId === undefined) {
      this.onerror?.(
        new TransportError(
          `SSE stream ended: expected responses for request(s) ${[...pending].join(', ')}, received none, and the stream is not resumable`,
        ),
      );
      return;
    }
    this.reconnect(outcome.lastEventId, outcome.retryMs, delivered ? 0 : attempt + 1, pending);
  }

  private openStandalone(): void {
    if (this.options.openStandaloneStream === false || this.session === undefined) return;
    this.reconnect(undefined, 0, 0, undefined);
  }

  /** Schedules a GET (with Last-Event-ID when known) after the server's `retry` or a bounded backoff. */
  private reconnect(
    lastEventId: string | undefined,
    retryMs: number | undefined,
    attempt: number,
    pending: Set<RequestId> | undefined,
  ): void {
    const policy = this.options.reconnect ?? {};
    if (attempt > (policy.maxRetries ?? 5)) {
      this.onerror?.(
        new TransportError(
          `SSE reconnect failed: expected a stream within ${attempt - 1} attempts, received none`,
        ),
      );
      return;
    }
    const backoff = Math.min(
      (policy.initialDelayMs ?? 1000) * (policy.growFactor ?? 1.5) ** Math.max(0, attempt - 1),
      policy.maxDelayMs ?? 30_000,
    );
    const delay = retryMs ?? backoff;
    const session = this.session;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // Streams of a session that was replaced meanwhile died with it (the new one has its own GET).
      if (this.session === session) void this.reopen(lastEventId, attempt, pending);
    }, delay);
    this.timers.add(timer);
  }

  private async reopen(
    lastEventId: string | undefined,
    attempt: number,
    pending: Set<RequestId> | undefined,
  ) {
    if (this.closed) return;
    const headers = this.baseHeaders(this.session);
    headers.accept = 'text/event-stream';
    if (this.protocolVersion !== undefined) headers[HEADER_PROTOCOL_VERSION] = this.protocolVersion;
    if (lastEventId !== undefined) headers[HEADER_LAST_EVENT_ID] = lastEventId;
    let result: HttpResult;
    try {
      result = await this.request('GET', headers, undefined, undefined);
    } catch (error) {
      if (this.closed) return;
      this.onerror?.(error as Error);
      this.reconnect(lastEventId, undefined, attempt + 1, pending);
      return;
    }
    const contentType = headerOf(result.headers, 'content-type') ?? '';
    if (result.status === 200 && contentType.startsWith('text/event-stream')) {
      await this.consume(result.body, pending, lastEventId, attempt);
      return;
    }
    await result.body.dump();
    // 405: no GET stream on this server. 404: the session is gone; the next POST reports it.
    if (result.status === 405 || result.status === 404) return;
    // The optional standalone stream refused outright (some servers answer 400): no server stream.
    if (result.status === 400 && pending === undefined && lastEventId === undefined) return;
    this.reconnect(lastEventId, undefined, attempt + 1, pending);
  }
}
