/**
 * An incoming request in flight. One object per request serves as the handler's RequestContext, the
 * cancellation record and the listener for the transport's per-message signal, so a request costs one
 * allocation here; its AbortController is only created if the handler reads `signal`.
 */
import { LocalError, LocalErrorCode } from '../errors.js';
import type { JsonObject, RequestId } from '../jsonrpc/types.js';
import { isLoggingLevel, loggingLevelAtLeast } from '../logging-levels.js';
import type { Era, Revision } from '../revisions.js';
import type { LoggingLevel, ProgressToken } from '../schemas/types.js';
import type { AuthInfo, MessageContext } from '../transport.js';
import type { BatchCollector } from './batch.js';
import type { IncomingSpan } from './telemetry.js';
import type { NotificationOptions, RequestContext, RequestOptions, RequestScope } from './types.js';

/** What a context calls back into (the engine). */
export interface ContextOwner {
  rawNotification(
    method: string,
    params: JsonObject | undefined,
    options?: NotificationOptions,
  ): Promise<void>;
  rawRequest(method: string, params: JsonObject | undefined, options?: RequestOptions): Promise<JsonObject>;
  onCallerGone(incoming: IncomingRequest): void;
}

const anySignal: ((signals: AbortSignal[]) => AbortSignal) | undefined = (
  AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }
).any?.bind(AbortSignal);

export class IncomingRequest implements RequestContext {
  readonly meta: JsonObject | undefined;
  readonly progressToken: ProgressToken | undefined;
  readonly authInfo: AuthInfo | undefined;
  readonly sessionId: string | undefined;
  readonly requestInfo: MessageContext['requestInfo'];
  revision: Revision | undefined = undefined;
  era: Era | undefined = undefined;
  clientCapabilities: JsonObject | undefined = undefined;
  clientInfo: JsonObject | undefined = undefined;
  logLevel: LoggingLevel | undefined = undefined;

  /** The peer cancelled (or the connection closed): the response is suppressed. */
  cancelled = false;
  /** The final response was produced: progress and related messages stop. */
  done = false;
  batch: BatchCollector | undefined = undefined;
  /** The telemetry span of this request, ended when it is answered (undefined when nothing is recorded). */
  span: IncomingSpan | undefined = undefined;
  /** The transport's per-message signal we listen to, so the listener can be removed on settle. */
  transportSignal: AbortSignal | undefined = undefined;
  /** Stops the transport's MessageContext.watchCaller for this request. */
  callerWatch: (() => void) | undefined = undefined;
  private controller: AbortController | undefined = undefined;
  private abortReason: unknown = undefined;
  private aborted = false;
  private lastProgress = Number.NEGATIVE_INFINITY;

  constructor(
    /** @internal The connection serving this request (shared handlers find their session through it). */
    readonly owner: ContextOwner,
    readonly requestId: RequestId,
    readonly method: string,
    params: JsonObject | undefined,
    context: MessageContext | undefined,
  ) {
    const meta = params?._meta;
    this.meta = typeof meta === 'object' && meta !== null ? (meta as JsonObject) : undefined;
    const token = this.meta?.progressToken;
    this.progressToken = typeof token === 'string' || typeof token === 'number' ? token : undefined;
    this.authInfo = context?.authInfo;
    this.sessionId = context?.sessionId;
    this.requestInfo = context?.requestInfo;
  }

  applyScope(scope: RequestScope): void {
    this.revision = scope.revision;
    this.era = scope.era;
    this.clientCapabilities = scope.clientCapabilities;
    this.clientInfo = scope.clientInfo;
    this.logLevel = scope.logLevel;
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
  }

  /** Listener for the transport's per-message signal or caller watch (EventListenerObject). */
  handleEvent(): void {
    this.owner.onCallerGone(this);
  }

  /** Stops listening to the transport about the caller (the request settled or was cancelled). */
  unwatchCaller(): void {
    const signal = this.transportSignal;
    if (signal !== undefined) {
      this.transportSignal = undefined;
      signal.removeEventListener('abort', this);
    }
    const stop = this.callerWatch;
    if (stop !== undefined) {
      this.callerWatch = undefined;
      stop();
    }
  }

  sendProgress(progress: number, total?: number, message?: string): Promise<void> {
    if (this.progressToken === undefined || this.done || this.cancelled) return Promise.resolve();
    if (!(progress > this.lastProgress)) {
      return Promise.reject(
        new LocalError(
          LocalErrorCode.InvalidState,
          `Progress must increase: expected a value greater than ${this.lastProgress}, received ${progress}`,
        ),
      );
    }
    this.lastProgress = progress;
    const params: JsonObject = { progressToken: this.progressToken, progress };
    if (total !== undefined) params.total = total;
    if (message !== undefined) params.message = message;
    return this.owner.rawNotification('notifications/progress', params, { relatedRequestId: this.requestId });
  }

  sendNotification(method: string, params?: unknown, options?: NotificationOptions): Promise<void> {
    // 2026-07-28: log messages only for requests that asked, at or above the level they asked for.
    if (
      method === 'notifications/message' &&
      this.era === 'modern' &&
      !logLevelAllows(this.logLevel, params)
    ) {
      return Promise.resolve();
    }
    // Literal member first, then the spread, then the override: `{ ...options, x }` costs a hidden class each.
    const sendOptions: NotificationOptions = { relatedRequestId: this.requestId, ...options };
    sendOptions.relatedRequestId = this.requestId;
    return this.owner.rawNotification(method, params as JsonObject | undefined, sendOptions);
  }

  sendRequest(method: string, params?: unknown, options?: RequestOptions): Promise<JsonObject> {
    const own = this.signal;
    const signal = options?.signal === undefined ? own : anySignal ? anySignal([own, options.signal]) : own;
    const requestOptions: RequestOptions = { signal, relatedRequestId: this.requestId, ...options };
    requestOptions.signal = signal;
    requestOptions.relatedRequestId = this.requestId;
    return this.owner.rawRequest(method, params as JsonObject | undefined, requestOptions);
  }
}

function logLevelAllows(requested: LoggingLevel | undefined, params: unknown): boolean {
  if (requested === undefined) return false;
  const level = (params as { level?: unknown } | undefined)?.level;
  // A level the sender made up is not filtered: the receiver decides what to do with it.
  return !isLoggingLevel(level) || loggingLevelAtLeast(level, requested);
}
