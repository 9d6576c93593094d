/**
 * One POST that carried at least one request: it owns the HTTP response for those requests. The response
 * starts undecided and becomes JSON (all responses in one body) or SSE (the first message that is not a
 * final response upgrades it, in `auto` mode), so plain calls stay cheap and streaming calls still stream.
 */
import type { CallerListener, JSONRPCMessage, JSONRPCResponse } from '@mcpwire/core/runtime';
import { ErrorCode } from '@mcpwire/core/runtime';
import { type HttpOutput, textOutput } from './http-io.js';
import { type SseLimits, sseHeaders } from './sse-settings.js';
import { type OutboundStream, SseConnection } from './sse-stream.js';

/** How a POST's answers are sent: JSON, SSE, or SSE only when something streams before the result. */
export type ResponseMode = 'auto' | 'json' | 'sse';

/** What a POST's Accept header allows: JSON, SSE, or both (then the response mode decides). */
export type Accepted = 'json' | 'sse' | 'both';

export interface ExchangeSettings {
  /** Response headers every answer carries (e.g. Mcp-Session-Id). */
  headers: Record<string, string>;
  mode: ResponseMode;
  isBatch: boolean;
  /** Error responses for invalid batch members, sent with the batch's other answers. */
  invalid: readonly JSONRPCResponse[];
  /** 2026-07-28: JSON-RPC errors map to HTTP statuses, and a closed stream cancels the request. */
  modern: boolean;
  /** The transport that owns the exchange (one object, not three closures per POST). */
  owner: ExchangeOwner;
  prime: boolean;
  retryMs: number | undefined;
  limits: SseLimits;
}

export interface ExchangeOwner {
  /** Creates the logical stream the first time SSE is needed (id, event store). */
  openStream(): OutboundStream;
  /** The client went away (modern: cancellation). */
  exchangeGone(exchange: PostExchange): void;
  /** Everything was answered. */
  exchangeDone(exchange: PostExchange): void;
  /** The stream carried the last answer to a live connection: it ends (its events are retained). */
  streamCompleted(stream: OutboundStream): void;
}

/** Modern-era JSON-RPC errors that the HTTP status must reflect (2026-07-28 streamable-http). */
function modernStatusOf(response: JSONRPCResponse): number {
  if (!('error' in response)) return 200;
  switch (response.error.code) {
    case ErrorCode.MethodNotFound:
      return 404;
    case ErrorCode.ParseError:
    case ErrorCode.InvalidRequest:
    case ErrorCode.HeaderMismatch:
    case ErrorCode.MissingRequiredClientCapability:
    case ErrorCode.UnsupportedProtocolVersion:
      return 400;
    default:
      return 200;
  }
}

const SESSION_CLOSED_BODY = JSON.stringify({
  jsonrpc: '2.0',
  error: {
    code: ErrorCode.InternalError,
    message: 'Connection closed: the server closed the session before answering',
  },
});

export class PostExchange {
  readonly response: Promise<HttpOutput>;
  remaining: number;
  stream: OutboundStream | undefined;
  /**
   * Modern era: the client going away cancels its request. The engine learns it through
   * MessageContext.watchCaller (listeners kept here), not an AbortSignal, which costs far more per request.
   */
  readonly watchesCaller: boolean;
  private callerListeners: CallerListener[] | undefined;
  private callerGone = false;
  /** @internal Set by captureResolve, synchronously in the constructor. */
  resolve!: (response: HttpOutput) => void;
  private settled = false;
  private collected: JSONRPCMessage[] | undefined;

  constructor(
    requestCount: number,
    private readonly settings: ExchangeSettings,
  ) {
    this.remaining = requestCount;
    if (settings.invalid.length > 0) this.collected = [...settings.invalid];
    this.watchesCaller = settings.modern;
    capturing = this;
    this.response = new Promise<HttpOutput>(captureResolve);
    if (settings.mode === 'sse') this.upgrade();
  }

  get isSse(): boolean {
    return this.stream !== undefined;
  }

  get done(): boolean {
    return this.remaining === 0;
  }

  /**
   * A notification or server→client request related to one of this POST's requests. Returns false when
   * it cannot go on this response (JSON mode forced, or the stream is gone): the caller reroutes it.
   * Otherwise undefined, or a promise that settles once the client has taken enough of the stream
   * (backpressure: senders await it), or with false if the message could not be written after all.
   */
  intermediate(message: JSONRPCMessage): false | undefined | Promise<boolean | undefined> {
    if (this.stream === undefined) {
      if (this.settings.mode === 'json' || this.settled) return false;
      this.upgrade();
    }
    const stream = this.stream!;
    const written = stream.write(message);
    if (written === true) return stream.drained();
    if (written === false) return false;
    return written.then((ok) => (ok ? stream.drained() : false));
  }

  /** A final response for one of this POST's requests. */
  final(message: JSONRPCResponse): undefined | Promise<unknown> {
    this.remaining--;
    const stream = this.stream;
    if (stream !== undefined) {
      const written = stream.write(message);
      if (this.remaining === 0) {
        if (written instanceof Promise) return written.then(() => this.finishStream(stream));
        this.finishStream(stream);
      }
      return;
    }
    if (!this.settings.isBatch) {
      this.settleJson(JSON.stringify(message), this.settings.modern ? modernStatusOf(message) : 200);
      this.settings.owner.exchangeDone(this);
      return;
    }
    this.collected ??= [];
    this.collected.push(message);
    if (this.remaining === 0) {
      this.settleJson(JSON.stringify(this.collected), 200);
      this.settings.owner.exchangeDone(this);
    }
  }

  /** MessageContext.watchCaller for this exchange's requests. */
  watchCaller(listener: CallerListener): () => void {
    if (this.callerGone) {
      listener.handleEvent();
      return noop;
    }
    this.callerListeners ??= [];
    this.callerListeners.push(listener);
    return () => {
      const listeners = this.callerListeners;
      const at = listeners === undefined ? -1 : listeners.indexOf(listener);
      if (at !== -1) listeners!.splice(at, 1);
    };
  }

  /** Tells the engine, once, that the client is gone (modern era: that cancels its requests). */
  notifyCallerGone(): void {
    if (this.callerGone) return;
    this.callerGone = true;
    const listeners = this.callerListeners;
    this.callerListeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener.handleEvent();
  }

  /** Switches to SSE now (forced SSE mode, a streaming message, or a server-side early close). */
  upgrade(): OutboundStream | undefined {
    if (this.stream !== undefined) return this.stream;
    if (this.settled) return undefined;
    const stream = this.settings.owner.openStream();
    this.stream = stream;
    const connection = new SseConnection(() => this.clientGone(stream), undefined, this.settings.limits);
    stream.attach(connection, this.settings.prime, this.settings.retryMs);
    // Batch answers gathered while the reply was still JSON go first (writes are kept in order).
    const collected = this.collected;
    this.collected = undefined;
    if (collected !== undefined) for (const message of collected) void stream.write(message);
    this.settled = true;
    this.resolve({
      kind: 'sse',
      status: 200,
      headers: sseHeaders(this.settings.headers),
      connection,
    });
    return stream;
  }

  /** The HTTP request was aborted before a response was chosen, or its SSE body was cancelled. */
  clientGone(stream?: OutboundStream): void {
    if (stream !== undefined && stream.connection !== undefined && !stream.connection.closed) return;
    if (stream !== undefined) stream.connection = undefined;
    if (!this.settled) {
      this.settled = true;
      this.resolve(textOutput(499, null, {}));
    }
    this.settings.owner.exchangeGone(this);
  }

  /** Ends the exchange without answers (transport closing): the client sees the stream end. */
  cancel(): void {
    if (this.stream !== undefined) {
      this.stream.dispose();
      return;
    }
    if (!this.settled) {
      this.settled = true;
      this.resolve(
        textOutput(503, SESSION_CLOSED_BODY, {
          'content-type': 'application/json',
          ...this.settings.headers,
        }),
      );
    }
  }

  private settleJson(body: string, status: number): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(textOutput(status, body, { 'content-type': 'application/json', ...this.settings.headers }));
  }

  private finishStream(stream: OutboundStream): void {
    stream.completed = true;
    const connection = stream.connection;
    if (connection !== undefined) {
      // Written in full to a connection that may yet turn out dead: kept for the retention window.
      connection.close();
      this.settings.owner.streamCompleted(stream);
    }
    this.settings.owner.exchangeDone(this);
  }
}

function noop(): void {}

/**
 * The exchange whose promise is being made: the executor below is one shared function rather than a
 * closure (and its context) per POST. Promise runs it synchronously, so no other exchange can interleave.
 */
let capturing: PostExchange | undefined;

function captureResolve(resolve: (response: HttpOutput) => void): void {
  capturing!.resolve = resolve;
  capturing = undefined;
}
