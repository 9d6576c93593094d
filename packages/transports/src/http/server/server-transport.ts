/**
 * The server side of one Streamable HTTP conversation: a legacy session (Mcp-Session-Id), or a single
 * request (stateless mode, and every 2026-07-28 request). The handler feeds it HTTP requests; the protocol
 * engine sees an ordinary Transport. Each outgoing message goes to exactly one stream: a response and
 * anything sent with `relatedRequestId` to that request's POST stream, everything else to the GET stream.
 */
import {
  ConnectionClosedError,
  type JSONRPCMessage,
  type JSONRPCPayload,
  type JSONRPCResponse,
  type MessageContext,
  type RequestId,
  type SendOptions,
  type SessionSnapshot,
  type Transport,
  TransportError,
} from '@mcpwire/core/runtime';
import { isResponse } from '../../shared-http/json-rpc.js';
import { type Accepted, type ExchangeOwner, type ExchangeSettings, PostExchange } from './exchange.js';
import type { SseOutput } from './http-io.js';
import type { HttpMessageContext } from './message-context.js';
import type { OutboundStream } from './sse-stream.js';
import { StreamTable } from './stream-table.js';
import type { ServerTransportSettings } from './transport-settings.js';

export type { ServerTransportSettings };

/** What a send that needs no waiting returns (shared: it carries no value). */
const SENT: Promise<void> = Promise.resolve();

function nothing(): undefined {
  return undefined;
}

/** How long a client waits before polling a stream the server closed early, unless configured. */
const DEFAULT_POLL_RETRY_MS = 1000;

/** Options of closing a request's SSE stream early. */
export interface CloseStreamOptions {
  /** Sent as the SSE `retry` field before closing: how long the client waits before it reconnects. */
  retryMs?: number;
}

export class StreamableHttpServerTransport implements Transport, ExchangeOwner {
  readonly transportKind = 'streamable-http' as const;
  onmessage?: (message: JSONRPCPayload, context?: MessageContext) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  /** Set by a server engine: another process changed this session's state (shared stores). */
  onsessionstate?: (snapshot: SessionSnapshot) => void;
  /** Present only with a shared store: persists the engine's session state there. */
  saveSessionState?: (snapshot: SessionSnapshot) => void;

  /** Milliseconds timestamp of the last request or message, for idle expiry. */
  lastActivity = Date.now();
  protocolVersion: string | undefined;

  private readonly exchanges = new Map<RequestId, PostExchange>();
  private readonly streams: StreamTable;
  private started = false;
  private closed = false;

  /**
   * Created by the Streamable HTTP handler for each session (or stateless request) and handed to `connect`.
   */
  constructor(private readonly settings: ServerTransportSettings) {
    this.streams = new StreamTable(settings, this.exchanges, this);
    const remote = settings.remote;
    if (remote !== undefined) this.saveSessionState = (snapshot) => remote.saveState(snapshot);
  }

  /** Transport.sessionSnapshot: set for a session opened in another process (hydration). */
  get sessionSnapshot(): SessionSnapshot | undefined {
    return this.settings.snapshot;
  }

  /** The session id (`Mcp-Session-Id`), or undefined for a stateless transport. */
  get sessionId(): string | undefined {
    return this.settings.sessionId;
  }

  /** Whether the transport was closed. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** True when nothing is in flight and no stream is open: the session may expire. */
  get isIdle(): boolean {
    return this.exchanges.size === 0 && !this.streams.getStreamOpen;
  }

  async start(): Promise<void> {
    if (this.started) {
      throw new TransportError(
        'Streamable HTTP server transport was already connected: expected one connect() per transport, received a second',
      );
    }
    this.started = true;
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
  }

  /**
   * Not an async function on purpose: a sender waiting for a slow client holds only the promise it was
   * given (one shared per stream), not a suspended call, so memory stays small even when many fire and
   * forget (resources/updated to a GET stream nobody reads).
   */
  send(message: JSONRPCPayload, options?: SendOptions): Promise<void> {
    if (this.closed) {
      return Promise.reject(
        new ConnectionClosedError('Cannot send: expected an open HTTP session, but it was closed'),
      );
    }
    if (Array.isArray(message)) return this.sendEach(message, options);
    try {
      return this.sendOne(message, options);
    } catch (error) {
      return Promise.reject(error); // e.g. a message JSON.stringify refuses: a rejection, as from any send
    }
  }

  /**
   * @internal The session-state write in flight (with a shared store), settling with its error if it
   * failed: the 202 of a POST without requests waits for it, as answers do.
   */
  get stateWrite(): Promise<unknown> | undefined {
    return this.settings.remote?.stateWrite;
  }

  private sendOne(message: JSONRPCMessage, options: SendOptions | undefined): Promise<void> {
    this.lastActivity = Date.now();
    const remote = this.settings.remote;
    if (remote !== undefined) {
      // The answer waits for a state change to be stored, so the client's next request finds it anywhere.
      const write = remote.stateWrite;
      if (write !== undefined && isResponse(message)) return write.then(() => this.sendOne(message, options));
      if ('id' in message && 'method' in message) remote.noteSent(message.id);
    }
    if (isResponse(message)) {
      const id = message.id;
      const exchange = id === undefined || id === null ? undefined : this.exchanges.get(id);
      // No exchange: the request was cancelled or its client left; nothing may be sent for it any more.
      if (exchange === undefined) return SENT;
      this.exchanges.delete(id as RequestId);
      const finished = exchange.final(message);
      return finished === undefined ? SENT : finished.then(nothing);
    }
    const related = options?.relatedRequestId;
    const exchange = related === undefined ? undefined : this.exchanges.get(related);
    if (exchange !== undefined) {
      const carried = exchange.intermediate(message);
      if (carried === undefined) return SENT;
      // JSON response mode: the POST cannot carry it, so it goes where unrelated messages go.
      if (carried === false) return this.sendUnrelated(message, related);
      return carried.then((ok) => (ok === false ? this.sendUnrelated(message, related) : undefined));
    }
    return this.sendUnrelated(message, related);
  }

  private async sendEach(messages: readonly JSONRPCMessage[], options?: SendOptions): Promise<void> {
    for (const item of messages) await this.send(item, options);
  }

  private sendUnrelated(message: JSONRPCMessage, related: RequestId | undefined): Promise<void> {
    const standalone = this.streams.standalone;
    if (standalone !== undefined) {
      const written = standalone.write(message);
      // Backpressure: the sender waits while the GET stream's client has not taken what it was sent.
      if (written === true) return standalone.drained() ?? SENT;
      if (written !== false) {
        return written.then((ok) => (ok ? standalone.drained() : this.dropped(message, related)));
      }
    }
    this.dropped(message, related);
    return SENT;
  }

  private dropped(message: JSONRPCMessage, related: RequestId | undefined): undefined {
    const what = 'method' in message ? message.method : 'message';
    const why =
      this.settings.sessionId === undefined
        ? 'this transport has no standalone GET stream (stateless or 2026-07-28 request)'
        : 'the GET stream backlog is full';
    this.onerror?.(
      new TransportError(
        `Dropped ${what}${related === undefined ? '' : ` for request ${related}`}: expected a stream to carry it, but ${why}`,
      ),
    );
    return undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const exchange of this.exchanges.values()) exchange.cancel();
    this.exchanges.clear();
    this.streams.closeAll();
    this.settings.onClosed?.(this);
    this.onclose?.();
  }

  /**
   * Closes the connection of a request's SSE stream without ending the stream (2025-11-25 polling): the
   * client reconnects with GET + Last-Event-ID after `retryMs` and receives what was sent meanwhile.
   * Needs an EventStore. Returns false when the request is unknown or the stream cannot be resumed.
   */
  closeRequestStream(requestId: RequestId, options: CloseStreamOptions = {}): boolean {
    const exchange = this.exchanges.get(requestId);
    if (exchange === undefined || this.settings.eventStore === undefined || this.settings.modern)
      return false;
    const stream = exchange.upgrade();
    if (stream === undefined) return false;
    this.streams.keep(stream);
    stream.disconnect(options.retryMs ?? this.settings.retryMs ?? DEFAULT_POLL_RETRY_MS);
    return true;
  }

  /** Closes the standalone GET stream's connection; the client may reconnect (with Last-Event-ID). */
  closeStandaloneStream(options: CloseStreamOptions = {}): boolean {
    return this.streams.closeGetStream(options.retryMs ?? this.settings.retryMs ?? DEFAULT_POLL_RETRY_MS);
  }

  /** Whether one of these request ids is still being answered in this session. */
  hasPending(id: RequestId): boolean {
    return this.exchanges.has(id);
  }

  /** Delivers messages that need no answer (notifications, responses to our requests). */
  deliver(messages: readonly JSONRPCMessage[], context: MessageContext): void {
    this.lastActivity = Date.now();
    for (const message of messages) this.dispatch(message, context);
  }

  /** Opens an exchange for a POST that carries requests and delivers its messages. */
  handlePost(
    messages: readonly JSONRPCMessage[],
    requestCount: number,
    isBatch: boolean,
    invalid: readonly JSONRPCResponse[],
    context: HttpMessageContext,
    responseHeaders: Record<string, string>,
    accepts: Accepted,
    protocolVersion: string | undefined,
  ): PostExchange {
    this.lastActivity = Date.now();
    const settings: ExchangeSettings = {
      headers: responseHeaders,
      mode: accepts === 'both' ? this.settings.responseMode : accepts,
      isBatch,
      invalid,
      modern: this.settings.modern,
      owner: this,
      prime: this.settings.prime(protocolVersion ?? this.protocolVersion),
      retryMs: this.settings.retryMs,
      limits: this.settings.sseLimits,
    };
    const exchange = new PostExchange(requestCount, settings);
    if (exchange.watchesCaller) context.exchange = exchange;
    for (const message of messages) {
      if ('method' in message && 'id' in message) this.exchanges.set(message.id, exchange);
    }
    for (const message of messages) this.dispatch(message, context);
    return exchange;
  }

  /**
   * GET without Last-Event-ID: the standalone stream (after `afterSeq` with a shared store). Returns
   * undefined when one is already open.
   * @internal the handler's plumbing; the answer is written by the handler's adapter.
   */
  openStandalone(
    responseHeaders: Record<string, string>,
    protocolVersion: string | undefined,
    afterSeq?: number,
  ): SseOutput | undefined {
    return this.streams.openStandalone(responseHeaders, protocolVersion, afterSeq);
  }

  /**
   * Whether a GET stream is open here and still read; one whose client is gone is released (see
   * SseConnection.probe).
   * @internal the handler's plumbing.
   */
  probeStandalone(): boolean {
    return this.streams.probeGetStream();
  }

  /**
   * GET with Last-Event-ID: replays the one stream that id belongs to and resumes it. Undefined when no
   * such stream is known here or in the event store.
   * @internal the handler's plumbing; the answer is written by the handler's adapter.
   */
  resume(
    streamId: string,
    afterSeq: number,
    responseHeaders: Record<string, string>,
  ): SseOutput | undefined | Promise<SseOutput | undefined> {
    return this.streams.resume(streamId, afterSeq, responseHeaders);
  }

  /** @internal A GET stream opened in another process: ours ends (one per session). */
  dropGetStream(): void {
    this.streams.dropGetStream();
  }

  /** @internal A stream was resumed in another process: our connection to it ends, the stream goes on. */
  dropStreamConnection(streamId: string): void {
    this.streams.dropConnection(streamId);
  }

  /**
   * @internal A client's answer or cancellation another process could not act on: delivered here when
   * this process sent the request it answers, or runs the request it cancels.
   */
  acceptRemote(kind: 'answer' | 'cancel', message: JSONRPCMessage): void {
    if (!this.closed && this.settings.remote!.isOurs(kind, message, this.exchanges)) {
      this.deliverOne(message, undefined);
    }
  }

  private dispatch(message: JSONRPCMessage, context: MessageContext): void {
    // With a shared store, an answer or cancellation meant for another process goes onto the bus.
    if (this.settings.remote?.routedElsewhere(message, this.exchanges)) return;
    this.deliverOne(message, context);
  }

  private deliverOne(message: JSONRPCMessage, context: MessageContext | undefined): void {
    try {
      this.onmessage?.(message, context);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** @internal */
  openStream(): OutboundStream {
    return this.streams.open();
  }

  /** @internal */
  exchangeGone(exchange: PostExchange): void {
    this.lastActivity = Date.now();
    if (exchange.watchesCaller) {
      // 2026-07-28: closing the response stream cancels the request; nothing more goes out for it.
      exchange.notifyCallerGone();
      this.forget(exchange);
      if (this.settings.ephemeral) void this.close();
      return;
    }
    const stream = exchange.stream;
    if (stream?.resumable) this.streams.keep(stream);
  }

  /** @internal */
  exchangeDone(exchange: PostExchange): void {
    const stream = exchange.stream;
    if (stream !== undefined && stream.connection === undefined && stream.resumable && stream.completed) {
      // Finished while disconnected: the client still has to collect it with Last-Event-ID.
      this.streams.completedUnseen(stream);
    }
    if (this.settings.ephemeral) void this.close();
  }

  /** @internal */
  streamCompleted(stream: OutboundStream): void {
    this.streams.completed(stream);
  }

  private forget(exchange: PostExchange): void {
    for (const [id, candidate] of this.exchanges) {
      if (candidate === exchange) this.exchanges.delete(id);
    }
  }
}
