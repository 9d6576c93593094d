/**
 * Public types of the protocol engine: request options, the handler context, handler signatures and the
 * method → types maps that make `request()` and `setRequestHandler()` typed.
 */
import type { JSONRPCNotification, JSONRPCRequest, JsonObject, RequestId } from '../jsonrpc/types.js';
import type { Era, Revision } from '../revisions.js';
import type { LoggingLevel, ProgressToken } from '../schemas/types.js';
import type { AuthInfo, MessageContext } from '../transport.js';

type AnyRequestTypes = Record<string, { params: unknown; result: unknown }>;

/**
 * method → { params, result } for requests one side sends. Written as a mapped type over `T` so that
 * interfaces (which have no index signature) satisfy it: `Map extends RequestTypeMap<Map>`.
 */
export type RequestTypeMap<T = AnyRequestTypes> = { [K in keyof T]: { params: unknown; result: unknown } };
/** method → params for notifications one side sends. */
export type NotificationTypeMap<T = Record<string, unknown>> = { [K in keyof T]: unknown };

/** The rest-arguments of a call: params may be left out when the method's params are optional. */
export type ParamsArgs<P, O> = undefined extends P ? [params?: P, options?: O] : [params: P, options?: O];

/** One `notifications/progress` update, as delivered to `RequestOptions.onprogress`. */
export interface Progress {
  progress: number;
  total?: number;
  message?: string;
}

/** The per-request timeout when none is given: 60 seconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** Options of one outgoing request: cancellation, timeouts, progress. */
export interface RequestOptions {
  /** Aborting sends `notifications/cancelled` (never for initialize) and rejects with AbortedError. */
  signal?: AbortSignal;
  /** Time without a response before the request fails with TimeoutError. Default 60 000 ms. */
  timeoutMs?: number;
  /** Restart the timeout clock on every progress notification for this request. */
  resetTimeoutOnProgress?: boolean;
  /** Hard limit on the total time, whatever progress arrives. Default: no limit beyond `timeoutMs`. */
  maxTotalTimeoutMs?: number;
  /** Receives progress notifications; setting it adds a progress token to the request's `_meta`. */
  onprogress?: (progress: Progress) => void;
  /** The incoming request this one is made on behalf of (HTTP transports route by it). */
  relatedRequestId?: RequestId;
}

/** Options of one outgoing notification. */
export interface NotificationOptions {
  /** The incoming request this notification belongs to (HTTP transports route by it). */
  relatedRequestId?: RequestId;
}

/**
 * What the lifecycle learned about the peer for one incoming request. In the legacy era it comes from the
 * initialize handshake; in the modern era from the request's own `_meta`.
 */
export interface RequestScope {
  revision?: Revision;
  era?: Era;
  /** The client's capabilities (server side), for this request. */
  clientCapabilities?: JsonObject;
  /** The client's self-reported name and version (server side). */
  clientInfo?: JsonObject;
  /** 2026-07-28: minimum log level the client asked for on this request (`io.modelcontextprotocol/logLevel`). */
  logLevel?: LoggingLevel;
}

/** What a request handler receives besides its params. */
export interface RequestContext<
  OutRequests extends RequestTypeMap<OutRequests> = RequestTypeMap,
  OutNotifications extends NotificationTypeMap<OutNotifications> = NotificationTypeMap,
> extends RequestScope {
  readonly requestId: RequestId;
  readonly method: string;
  /** Aborted when the peer cancels the request, the transport loses the caller, or the connection closes. */
  readonly signal: AbortSignal;
  /** The request's `params._meta`, if any. */
  readonly meta: JsonObject | undefined;
  readonly progressToken: ProgressToken | undefined;
  readonly authInfo: AuthInfo | undefined;
  readonly sessionId: string | undefined;
  readonly requestInfo: MessageContext['requestInfo'];
  /**
   * Sends `notifications/progress` for this request. Does nothing when the request carried no progress
   * token or was already answered; rejects when `progress` does not increase.
   */
  sendProgress(progress: number, total?: number, message?: string): Promise<void>;
  /** Sends a notification related to this request. */
  sendNotification<M extends keyof OutNotifications & string>(
    method: M,
    ...args: ParamsArgs<OutNotifications[M], NotificationOptions>
  ): Promise<void>;
  /** Sends a request to the peer related to this request; aborted with this request's signal. */
  sendRequest<M extends keyof OutRequests & string>(
    method: M,
    ...args: ParamsArgs<OutRequests[M]['params'], RequestOptions>
  ): Promise<OutRequests[M]['result']>;
}

/** What a notification handler receives besides its params. */
export interface NotificationContext {
  readonly method: string;
  readonly meta: JsonObject | undefined;
  readonly authInfo: AuthInfo | undefined;
  readonly sessionId: string | undefined;
}

/**
 * What a request handler returns for result type `R`: `resultType` may be left out, because the
 * lifecycle adds it (2026-07-28) where the era needs it.
 */
export type HandlerResult<R> = R extends object
  ? { [K in keyof R as K extends 'resultType' ? never : K]: R[K] } & { resultType?: unknown }
  : R;

/** Handles an incoming request: its params and context in, its result out (or a thrown error). */
export type RequestHandler<P, R, Ctx = RequestContext> = (params: P, context: Ctx) => R | Promise<R>;
/** Handles an incoming notification. */
export type NotificationHandler<P> = (params: P, context: NotificationContext) => void | Promise<void>;

/** Serves requests no specific handler is registered for (e.g. a shared server definition). */
export type FallbackRequestHandler<Ctx = RequestContext> = (
  request: JSONRPCRequest,
  context: Ctx,
) => JsonObject | Promise<JsonObject>;
/** Handles incoming notifications of every method without a handler of its own. */
export type FallbackNotificationHandler = (
  notification: JSONRPCNotification,
  context: NotificationContext,
) => void | Promise<void>;

/** Counts of live per-request state, for leak checks and diagnostics. */
export interface EngineStats {
  /** Outgoing requests awaiting a response. */
  pendingRequests: number;
  /** Incoming requests whose handler has not finished. */
  activeHandlers: number;
}
