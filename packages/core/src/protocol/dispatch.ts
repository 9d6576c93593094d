/**
 * Incoming side of the protocol engine (see the Dispatcher class below).
 */
import {
  AbortedError,
  ErrorCode,
  LocalError,
  LocalErrorCode,
  ProtocolError,
  toWireError,
  type WireError,
} from '../errors.js';
import { makeErrorResponse } from '../jsonrpc/serialize.js';
import type {
  JSONRPCBatch,
  JSONRPCNotification,
  JSONRPCRequest,
  JSONRPCResponse,
  JsonObject,
  RequestId,
} from '../jsonrpc/types.js';
import type { JSONRPCPayload, MessageContext } from '../transport.js';
import { type AnyNotificationHandler, type AnyRequestHandler, EngineBase } from './base.js';
import { BatchCollector } from './batch.js';
import { classify, describeType, readableId } from './classify.js';
import { type ContextOwner, IncomingRequest } from './context.js';
import { describeIssues } from './method-spec.js';
import { handleCancelled, handleProgress } from './notifications.js';
import type { PendingRequest } from './pending.js';
import type { FallbackNotificationHandler, NotificationContext } from './types.js';

/**
 * The receiving half of the engine: classifies each incoming message and routes it to a handler, the
 * pending-request table, or onerror. Requests are admitted by the lifecycle hooks, validated against the
 * revision's params schema, run, and answered (or, when cancelled, not answered).
 */
export abstract class Dispatcher extends EngineBase implements ContextOwner {
  // ---------------------------------------------------------------- incoming

  protected override receive(payload: JSONRPCPayload, context: MessageContext | undefined): void {
    if (this.state !== 'open') return; // messages after close are dropped
    if (!this.specsLoaded && this.holdForSpecs(payload, context)) return;
    try {
      if (Array.isArray(payload)) this.receiveBatch(payload, context);
      else this.receiveOne(payload, context, undefined);
    } catch (error) {
      // A bug or hostile input must not take the connection down: report and carry on.
      this.report(error);
    }
  }

  protected receiveBatch(batch: JSONRPCBatch, context: MessageContext | undefined): void {
    if (!this.acceptsBatches() || batch.length === 0) {
      const why =
        batch.length === 0
          ? 'expected a non-empty batch, received an empty array'
          : `expected a single JSON-RPC message (batches exist only in 2025-03-26; this connection uses ${this.revision ?? 'no negotiated revision'}), received an array of ${batch.length}`;
      this.report(new LocalError(LocalErrorCode.InvalidMessage, `Invalid Request: ${why}`));
      // No id to echo: omitted, never null (MCP forbids null ids; see makeErrorResponse).
      this.sendResponse(
        makeErrorResponse(undefined, ErrorCode.InvalidRequest, `Invalid Request: ${why}`),
        undefined,
      );
      return;
    }
    const collector = new BatchCollector((responses) => this.sendPayload(responses, undefined));
    for (const member of batch) this.receiveOne(member, context, collector);
    collector.seal();
  }

  protected receiveOne(
    message: unknown,
    context: MessageContext | undefined,
    batch: BatchCollector | undefined,
  ): void {
    switch (classify(message)) {
      case 'request':
        batch?.expect();
        this.handleRequest(message as JSONRPCRequest, context, batch);
        return;
      case 'notification':
        this.handleNotification(message as JSONRPCNotification, context);
        return;
      case 'result':
      case 'error':
        this.handleResponse(message as JSONRPCResponse);
        return;
      default:
        this.handleInvalid(message, batch);
    }
  }

  protected handleInvalid(message: unknown, batch: BatchCollector | undefined): void {
    const text = `Invalid JSON-RPC message: expected a request, notification or response object with "jsonrpc": "2.0", received ${describeType(message)} ${truncate(message)}`;
    this.report(new LocalError(LocalErrorCode.InvalidMessage, text));
    // Answer only what looks like a request; answering a broken response could loop between peers.
    if (typeof message === 'object' && message !== null && 'method' in message) {
      batch?.expect();
      const id = readableId(message) ?? null;
      this.respond(undefined, id, { code: ErrorCode.InvalidRequest, message: text }, batch);
    }
  }

  protected handleRequest(
    request: JSONRPCRequest,
    context: MessageContext | undefined,
    batch: BatchCollector | undefined,
  ): void {
    const id = request.id;
    const method = request.method;
    if (this.incoming.has(id)) {
      const text = `Invalid Request: expected a request id not used by another in-flight request, received duplicate id ${JSON.stringify(id)}`;
      this.report(new LocalError(LocalErrorCode.InvalidMessage, text));
      this.respond(undefined, id, { code: ErrorCode.InvalidRequest, message: text }, batch);
      return;
    }
    if (batch !== undefined && method === 'initialize') {
      const text =
        'Invalid Request: expected initialize as a single message, received it inside a JSON-RPC batch';
      this.respond(undefined, id, { code: ErrorCode.InvalidRequest, message: text }, batch);
      return;
    }
    const record = new IncomingRequest(this, id, method, request.params, context);
    record.batch = batch;
    const telemetry = this.telemetry;
    if (telemetry !== undefined)
      record.span = telemetry.startIncoming(this.transportRef, request, record.sessionId, this.revision);
    let handler = this.requestHandlers.get(method);
    try {
      const builtInPing = method === 'ping' && this.answersPing();
      if (!builtInPing) {
        const scope = this.admitRequest(request, context);
        if (scope !== undefined) record.applyScope(scope);
      }
      if (handler === undefined && builtInPing) handler = answerPing;
      if (handler === undefined && this.fallbackRequestHandler === undefined) {
        throw new ProtocolError(
          ErrorCode.MethodNotFound,
          `Method not found: expected a method this side serves, received "${method}"`,
        );
      }
      const revision = record.revision ?? this.revision;
      const spec = revision === undefined ? undefined : this.specFor(revision, method);
      const params = request.params ?? {};
      if (spec !== undefined && spec.quickAccept?.(params) !== true) {
        const outcome = spec.params.safeParse(params);
        if (!outcome.success) {
          throw new ProtocolError(
            ErrorCode.InvalidParams,
            `Invalid params for ${method}: ${describeIssues(outcome.error.issues)}`,
          );
        }
      }
    } catch (error) {
      this.respond(record, id, toWireError(error), batch);
      return;
    }
    this.incoming.set(id, record);
    const signal = context?.signal;
    if (signal !== undefined) {
      if (signal.aborted) {
        this.onCallerGone(record);
      } else {
        record.transportSignal = signal;
        signal.addEventListener('abort', record, { once: true });
      }
    } else if (context?.watchCaller !== undefined) {
      const stop = context.watchCaller(record);
      // A caller already gone was reported inside watchCaller: nothing left to stop.
      if (record.cancelled) stop();
      else record.callerWatch = stop;
    }
    void this.runHandler(record, request, handler);
  }

  protected async runHandler(
    record: IncomingRequest,
    request: JSONRPCRequest,
    handler: AnyRequestHandler | undefined,
  ): Promise<void> {
    let error: unknown;
    let result: unknown;
    try {
      const span = record.span;
      const fallback = this.fallbackRequestHandler!;
      if (handler !== undefined)
        result = await (span === undefined
          ? handler(request.params, record)
          : span.run(handler, request.params, record));
      else
        result = await (span === undefined ? fallback(request, record) : span.run(fallback, request, record));
      if (result === undefined) result = {};
      else if (typeof result !== 'object' || result === null || Array.isArray(result)) {
        throw new TypeError(
          `Handler for ${record.method} returned ${describeType(result)}: expected a result object`,
        );
      }
    } catch (thrown) {
      error = thrown;
    }
    if (error === undefined) {
      try {
        result = this.finishResult(result as JsonObject, record);
      } catch (thrown) {
        error = thrown;
      }
    }
    this.settleIncoming(record);
    if (error === undefined) this.respondResult(record, result as JsonObject);
    else this.respond(record, record.requestId, this.handlerFailed(error, record, request), record.batch);
  }

  /** What a handler threw, as the error sent back (see `onhandlererror`). */
  private handlerFailed(error: unknown, record: IncomingRequest, request: JSONRPCRequest): WireError {
    if (record.cancelled) return toWireError(error); // not sent: nobody waits for it
    const hook = this.onhandlererror;
    if (hook !== undefined) {
      try {
        return hook(error, record, request.params);
      } catch (thrown) {
        this.report(thrown);
      }
    }
    if (!(error instanceof ProtocolError)) this.report(error);
    return toWireError(error);
  }

  protected settleIncoming(record: IncomingRequest): void {
    record.done = true;
    if (this.incoming.get(record.requestId) === record) this.incoming.delete(record.requestId);
    record.unwatchCaller();
  }

  protected respondResult(record: IncomingRequest, result: JsonObject): void {
    record.span?.end(result, undefined, record.revision ?? this.revision, record.cancelled);
    const response: JSONRPCResponse = { jsonrpc: '2.0', id: record.requestId, result };
    if (record.cancelled || this.state !== 'open') record.batch?.settle(undefined);
    else if (record.batch !== undefined) record.batch.settle(response);
    else this.sendResponse(response, record.requestId);
  }

  protected respond(
    record: IncomingRequest | undefined,
    id: RequestId | null,
    error: WireError,
    batch: BatchCollector | undefined,
  ): void {
    if (record !== undefined) {
      record.done = true;
      record.span?.end(undefined, error, record.revision ?? this.revision, record.cancelled);
    }
    // An unreadable id is omitted rather than sent as null (MCP forbids null ids).
    const response: JSONRPCResponse = id === null ? { jsonrpc: '2.0', error } : { jsonrpc: '2.0', id, error };
    if (record?.cancelled === true || this.state !== 'open') batch?.settle(undefined);
    else if (batch !== undefined) batch.settle(response);
    else this.sendResponse(response, id ?? undefined);
  }

  protected handleNotification(notification: JSONRPCNotification, context: MessageContext | undefined): void {
    const method = notification.method;
    if (method === 'notifications/cancelled') {
      this.onPeerCancelled(notification.params);
      // Also offered to a handler, if one is registered (e.g. to log the reason).
      const handler = this.notificationHandlers.get(method);
      if (handler !== undefined) this.deliverNotification(handler, undefined, notification, context);
      return;
    }
    if (method === 'notifications/progress') {
      handleProgress(this, notification.params);
      return;
    }
    if (!this.admitNotification(notification, context)) return;
    const handler = this.notificationHandlers.get(method);
    const fallback = this.fallbackNotificationHandler;
    if (handler === undefined && fallback === undefined) return; // unknown notifications are ignored
    if (this.revision !== undefined) {
      const spec = this.specFor(this.revision, method);
      const params = notification.params ?? {};
      const outcome = spec?.quickAccept?.(params) === true ? undefined : spec?.params.safeParse(params);
      if (outcome !== undefined && !outcome.success) {
        this.report(
          new LocalError(
            LocalErrorCode.InvalidMessage,
            `Invalid params for notification ${method}: ${describeIssues(outcome.error.issues)}`,
          ),
        );
        return;
      }
    }
    this.deliverNotification(handler, fallback, notification, context);
  }

  private deliverNotification(
    handler: AnyNotificationHandler | undefined,
    fallback: FallbackNotificationHandler | undefined,
    notification: JSONRPCNotification,
    context: MessageContext | undefined,
  ): void {
    const ctx = notificationContext(notification, context);
    try {
      const done = handler !== undefined ? handler(notification.params, ctx) : fallback!(notification, ctx);
      if (done !== undefined) done.then(undefined, this.reportError);
    } catch (error) {
      this.report(error);
    }
  }

  /**
   * `notifications/cancelled` from the peer: by default it names a request the peer sent us, whose
   * handler is aborted and whose response is suppressed. (A 2026-07-28 client overrides this: there the
   * server cancels the client's `subscriptions/listen` request.)
   */
  protected onPeerCancelled(params: JsonObject | undefined): void {
    handleCancelled(this, params);
  }

  protected handleResponse(response: JSONRPCResponse): void {
    const id = response.id;
    if (id === undefined || id === null) {
      const error = 'error' in response ? response.error : undefined;
      this.report(
        new LocalError(
          LocalErrorCode.InvalidMessage,
          `Received an error response without an id (the peer could not read a request): ${error?.code} ${error?.message}`,
        ),
      );
      return;
    }
    const pending = this.pending.take(id);
    if (pending === undefined) {
      if (this.pending.consumeAbandoned(id)) return; // late answer to a cancelled or timed-out request
      this.report(
        new LocalError(
          LocalErrorCode.InvalidMessage,
          `Received a response for unknown request id ${JSON.stringify(id)}: expected the id of a pending request`,
        ),
      );
      return;
    }
    this.release(pending);
    if ('error' in response) {
      pending.reject(ProtocolError.fromWire(response.error));
      return;
    }
    let result: JsonObject;
    try {
      result = this.acceptResult(pending.method, response.result);
    } catch (error) {
      pending.reject(
        error instanceof Error ? error : new LocalError(LocalErrorCode.InvalidMessage, String(error)),
      );
      return;
    }
    this.deliverResult(pending, result);
  }

  /** Hands an accepted result to the caller (a 2026-07-28 client first answers input_required results). */
  protected deliverResult(pending: PendingRequest, result: JsonObject): void {
    pending.resolve(result);
  }
  /** The transport says nobody waits for this incoming request any more: treat as cancellation. */
  onCallerGone(record: IncomingRequest): void {
    if (record.done || record.cancelled) return;
    record.cancelled = true;
    if (this.incoming.get(record.requestId) === record) this.incoming.delete(record.requestId);
    record.unwatchCaller();
    record.abort(
      new AbortedError(
        `Request ${JSON.stringify(record.requestId)} (${record.method}) was cancelled: the caller went away`,
      ),
    );
  }
}
const answerPing: AnyRequestHandler = () => ({});

function notificationContext(
  notification: JSONRPCNotification,
  context: MessageContext | undefined,
): NotificationContext {
  const meta = notification.params?._meta;
  return {
    method: notification.method,
    meta: typeof meta === 'object' && meta !== null ? (meta as JsonObject) : undefined,
    authInfo: context?.authInfo,
    sessionId: context?.sessionId,
  };
}

function truncate(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
