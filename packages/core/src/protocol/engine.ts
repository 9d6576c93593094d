/**
 * The protocol engine: correlates responses with requests, dispatches incoming requests and
 * notifications to handlers, and owns timeouts, progress and cancellation. It knows nothing about eras;
 * the lifecycle classes (../lifecycle) subclass it and override the protected `admit*` / `prepare*` /
 * `finishResult` / `acceptResult` hooks.
 */
import { ConnectionClosedError, LocalError, LocalErrorCode } from '../errors.js';
import type { JSONRPCNotification, JSONRPCRequest, JsonObject, RequestId } from '../jsonrpc/types.js';
import { withMember } from '../objects.js';
import type { Revision } from '../revisions.js';
import type { Transport } from '../transport.js';
import { type AnyNotificationHandler, type AnyRequestHandler, sendOptions } from './base.js';
import { Dispatcher } from './dispatch.js';
import type { MethodSpecLookup } from './method-spec.js';
import { reasonText } from './notifications.js';
import { type PendingOwner, PendingRequest } from './pending.js';
import {
  abortedBeforeSend,
  closedBeforeAnswer,
  invalidTimeouts,
  requestAborted,
  requestTimedOut,
  sendFailure,
} from './request-errors.js';
import { effectiveLimitMs } from './timeouts.js';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  type EngineStats,
  type FallbackNotificationHandler,
  type FallbackRequestHandler,
  type HandlerResult,
  type NotificationHandler,
  type NotificationOptions,
  type NotificationTypeMap,
  type ParamsArgs,
  type RequestContext,
  type RequestHandler,
  type RequestOptions,
  type RequestTypeMap,
} from './types.js';

/** After the transport's input ended: how often to look whether the requests in flight are answered. */
const IDLE_CHECK_MS = 10;

/** Options of a {@link ProtocolEngine}. */
export interface ProtocolEngineOptions {
  /** Timeout for requests that do not set `timeoutMs`. Default 60 000 ms. */
  defaultTimeoutMs?: number;
  /** Per-revision method specs used to validate incoming params and received results. */
  methodSpecs?: MethodSpecLookup;
  /** The revision to validate against until a lifecycle negotiates one. */
  revision?: Revision;
}

/**
 * A JSON-RPC peer over one transport: sends requests and matches their responses (ids, timeouts,
 * cancellation, progress), and dispatches incoming requests and notifications to handlers.
 */
export class ProtocolEngine<
    OutRequests extends RequestTypeMap<OutRequests> = RequestTypeMap,
    InRequests extends RequestTypeMap<InRequests> = RequestTypeMap,
    OutNotifications extends NotificationTypeMap<OutNotifications> = NotificationTypeMap,
    InNotifications extends NotificationTypeMap<InNotifications> = NotificationTypeMap,
  >
  extends Dispatcher
  implements PendingOwner
{
  private readonly defaultTimeoutMs: number;

  /**
   * An engine with the default timeout and method table of `options`; connect it with `connect(transport)`.
   */
  constructor(options: ProtocolEngineOptions = {}) {
    super();
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.methodSpecs = options.methodSpecs;
    this.revision = options.revision;
  }

  /** The transport this engine is connected to, if any. */
  get transport(): Transport | undefined {
    return this.transportRef;
  }

  /** Whether the engine was closed. */
  get isClosed(): boolean {
    return this.state === 'closed';
  }

  /** How many requests are in flight each way. */
  get stats(): EngineStats {
    return { pendingRequests: this.pending.size, activeHandlers: this.incoming.size };
  }

  /** Attaches a transport and starts it. An engine serves one transport for its whole life. */
  async connect(transport: Transport): Promise<void> {
    if (this.state !== 'idle') {
      throw new LocalError(
        LocalErrorCode.InvalidState,
        `connect() was called twice: expected one connect() per client or server connection, but this one is already ${this.state === 'open' ? 'connected' : 'closed'}; create a new Client for another connection`,
      );
    }
    this.transportRef = transport;
    this.state = 'open';
    transport.onmessage = (payload, context) => this.receive(payload, context);
    transport.onerror = this.reportError;
    transport.onclose = () => this.shutdown();
    transport.oninputend = () => this.closeWhenIdle();
    await transport.start();
  }

  /**
   * The transport's input ended: nothing new will arrive, but the requests in flight are still answered
   * (a request's answer must not be lost because the client closed its side). Checked now and then while
   * they run rather than on every answer, so a live connection pays nothing for it.
   */
  private closeWhenIdle(): void {
    if (this.state !== 'open') return;
    if (this.incoming.size === 0 && !this.holdingForSpecs) {
      void this.close();
      return;
    }
    const timer = setTimeout(() => this.closeWhenIdle(), IDLE_CHECK_MS);
    (timer as { unref?: () => void }).unref?.();
  }

  /** Closes the connection: pending requests reject with ConnectionClosedError, handlers are aborted. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.shutdown();
    await this.transportRef?.close();
  }

  // ---------------------------------------------------------------- handlers

  /** Handles incoming requests of a method (replacing any earlier handler). */
  setRequestHandler<M extends keyof InRequests & string>(
    method: M,
    handler: RequestHandler<
      InRequests[M]['params'],
      HandlerResult<InRequests[M]['result']>,
      RequestContext<OutRequests, OutNotifications>
    >,
  ): void {
    this.ownRequestHandlers().set(method, handler as unknown as AnyRequestHandler);
  }

  /** Stops handling a method (its requests then go to the fallback handler, if any, or get -32601). */
  removeRequestHandler(method: string): void {
    this.ownRequestHandlers().delete(method);
  }

  /**
   * Serves requests from `table`, shared with other connections (a server's sessions): no map and no
   * closures per connection. A handler finds its connection through its RequestContext. A later
   * setRequestHandler/removeRequestHandler on this connection changes a copy, never the table.
   */
  shareRequestHandlers(table: Map<string, AnyRequestHandler>): void {
    this.requestHandlers = table;
    this.requestHandlersShared = true;
  }

  private ownRequestHandlers(): Map<string, AnyRequestHandler> {
    if (this.requestHandlersShared) {
      this.requestHandlers = new Map(this.requestHandlers);
      this.requestHandlersShared = false;
    }
    return this.requestHandlers;
  }

  /** Whether a method has a request handler. */
  hasRequestHandler(method: string): boolean {
    return this.requestHandlers.has(method);
  }

  /** Handles incoming notifications of a method (replacing any earlier handler). */
  setNotificationHandler<M extends keyof InNotifications & string>(
    method: M,
    handler: NotificationHandler<InNotifications[M]>,
  ): void {
    this.notificationHandlers.set(method, handler as AnyNotificationHandler);
  }

  /** Stops handling notifications of a method. */
  removeNotificationHandler(method: string): void {
    this.notificationHandlers.delete(method);
  }

  /** Serves every request without a specific handler (unset: such requests get -32601). */
  setFallbackRequestHandler(
    handler: FallbackRequestHandler<RequestContext<OutRequests, OutNotifications>> | undefined,
  ): void {
    this.fallbackRequestHandler = handler as FallbackRequestHandler | undefined;
  }

  /** Handles notifications of every method without a handler of its own. */
  setFallbackNotificationHandler(handler: FallbackNotificationHandler | undefined): void {
    this.fallbackNotificationHandler = handler;
  }

  // ---------------------------------------------------------------- outgoing

  /** Sends a request; the result type follows from the method. */
  request<M extends keyof OutRequests & string>(
    method: M,
    ...args: ParamsArgs<OutRequests[M]['params'], RequestOptions>
  ): Promise<OutRequests[M]['result']> {
    return this.rawRequest(method, args[0] as JsonObject | undefined, args[1]) as Promise<
      OutRequests[M]['result']
    >;
  }

  /** Sends a request for any method (extensions, experiments); the result is an untyped object. */
  rawRequest(method: string, params?: JsonObject, options?: RequestOptions): Promise<JsonObject> {
    return new Promise<JsonObject>((resolve, reject) =>
      this.startRequest(method, params, options, resolve, reject, 0),
    );
  }

  /**
   * Checks, registers and sends one request whose outcome goes to `resolve` / `reject`. `round` counts the
   * times the same call was sent again with more input (2026-07-28 multi round-trip requests, see
   * ClientConnection), which reuse the caller's promise instead of chaining one per round.
   */
  protected startRequest(
    method: string,
    params: JsonObject | undefined,
    options: RequestOptions | undefined,
    resolve: (result: JsonObject) => void,
    reject: (error: Error) => void,
    round: number,
  ): void {
    if (this.state !== 'open') {
      reject(this.notOpenError(`send request ${method}`));
      return;
    }
    const signal = options?.signal;
    if (signal?.aborted) {
      reject(abortedBeforeSend(method, signal));
      return;
    }
    const timeout = options?.timeoutMs ?? this.defaultTimeoutMs;
    if (!(timeout >= 0) || (options?.maxTotalTimeoutMs !== undefined && !(options.maxTotalTimeoutMs >= 0))) {
      reject(invalidTimeouts(method, timeout, options?.maxTotalTimeoutMs));
      return;
    }
    let finalParams: JsonObject | undefined;
    try {
      finalParams = this.prepareRequest(method, params, options);
    } catch (error) {
      reject(error as Error);
      return;
    }
    const id = this.pending.allocateId();
    if (options?.onprogress !== undefined) {
      const meta = finalParams?._meta as JsonObject | undefined;
      const withToken = withMember(meta, 'progressToken', id);
      finalParams = withMember(finalParams, '_meta', withToken);
    }
    const span = this.telemetry?.startOutgoing(this.transportRef, method, id, finalParams, this.revision);
    if (span !== undefined) finalParams = span.params;
    const message: JSONRPCRequest =
      finalParams === undefined
        ? { jsonrpc: '2.0', id, method }
        : { jsonrpc: '2.0', id, method, params: finalParams };
    const pending = new PendingRequest(this, id, method, params, options, resolve, reject, timeout, round);
    pending.span = span;
    this.pending.add(pending);
    this.clock.arm(pending);
    signal?.addEventListener('abort', pending, { once: true });
    this.sendRequestMessage(message, pending, options?.relatedRequestId);
  }

  /** Sends a notification; params follow from the method. */
  notification<M extends keyof OutNotifications & string>(
    method: M,
    ...args: ParamsArgs<OutNotifications[M], NotificationOptions>
  ): Promise<void> {
    return this.rawNotification(method, args[0] as JsonObject | undefined, args[1]);
  }

  /** Sends a notification of any method, unchecked. */
  rawNotification(method: string, params?: JsonObject, options?: NotificationOptions): Promise<void> {
    if (this.state !== 'open') return Promise.reject(this.notOpenError(`send notification ${method}`));
    let finalParams: JsonObject | undefined;
    try {
      finalParams = this.prepareNotification(method, params, options);
    } catch (error) {
      return Promise.reject(error);
    }
    const message: JSONRPCNotification =
      finalParams === undefined
        ? { jsonrpc: '2.0', method }
        : { jsonrpc: '2.0', method, params: finalParams };
    try {
      return this.transportRef!.send(message, sendOptions(options?.relatedRequestId));
    } catch (error) {
      return Promise.reject(error); // a transport that throws instead of rejecting
    }
  }

  // ---------------------------------------------------------------- pending bookkeeping

  /** AbortSignal of an outgoing request fired. */
  onPendingAborted(pending: PendingRequest): void {
    this.giveUp(pending, 'abort');
  }

  /** Stops waiting for a request (timeout or abort): reject locally, tell the peer, drop its late answer. */
  protected giveUp(pending: PendingRequest, why: 'timeout' | 'abort'): void {
    if (this.pending.get(pending.id) !== pending) return;
    this.pending.take(pending.id);
    this.release(pending);
    this.pending.markAbandoned(pending.id);
    let error: Error;
    let reason: string;
    if (why === 'timeout') {
      const limit = effectiveLimitMs(pending);
      reason = `Request timed out after ${limit} ms`;
      error = requestTimedOut(pending, limit);
    } else {
      const raw = pending.signal?.reason;
      reason = reasonText(raw);
      error = requestAborted(pending, reason, raw);
    }
    // The spec forbids cancelling initialize; for everything else tell the peer to stop working.
    if (pending.method !== 'initialize' && this.state === 'open') {
      this.rawNotification('notifications/cancelled', { requestId: pending.id, reason }).then(
        undefined,
        this.reportError,
      );
    }
    pending.reject(error);
  }

  private shutdown(): void {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    this.clock.stop();
    for (const pending of this.pending.drain()) {
      this.release(pending);
      pending.reject(closedBeforeAnswer(pending));
    }
    for (const record of this.incoming.values()) {
      record.cancelled = true;
      record.unwatchCaller();
      record.abort(
        new ConnectionClosedError(
          `Connection closed while handling request ${JSON.stringify(record.requestId)} (${record.method})`,
        ),
      );
    }
    this.incoming.clear();
    if (wasOpen) {
      try {
        this.onclose?.();
      } catch (error) {
        this.report(error);
      }
    }
  }

  // ---------------------------------------------------------------- sending

  /** Hands the request to the transport; a failure to send ends the call (no async frame per request). */
  private sendRequestMessage(
    message: JSONRPCRequest,
    pending: PendingRequest,
    related: RequestId | undefined,
  ): void {
    let sent: Promise<void>;
    try {
      sent = this.transportRef!.send(message, sendOptions(related));
    } catch (error) {
      this.sendFailed(pending, error); // a transport that throws instead of rejecting
      return;
    }
    sent.then(undefined, (error: unknown) => this.sendFailed(pending, error));
  }

  private sendFailed(pending: PendingRequest, error: unknown): void {
    if (this.pending.get(pending.id) !== pending) return;
    this.pending.take(pending.id);
    this.release(pending);
    pending.reject(sendFailure(pending, error));
  }
}
