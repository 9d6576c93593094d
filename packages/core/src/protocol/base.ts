/**
 * The shared state and overridable hooks of the protocol engine (see ./engine.ts). The lifecycle classes
 * (../lifecycle) override the protected `admit*` / `prepare*` / `finishResult` / `acceptResult` hooks.
 */
import { ConnectionClosedError, LocalError, LocalErrorCode, type WireError } from '../errors.js';
import type {
  JSONRPCNotification,
  JSONRPCRequest,
  JSONRPCResponse,
  JsonObject,
  RequestId,
} from '../jsonrpc/types.js';
import type { Revision } from '../revisions.js';
import type { JSONRPCPayload, MessageContext, SendOptions, Transport } from '../transport.js';
import type { IncomingRequest } from './context.js';
import { RequestIdTable } from './id-table.js';
import { describeIssues, type MethodSpecLookup, type MethodSpecView, type Validator } from './method-spec.js';
import { type PendingRequest, PendingTable } from './pending.js';
import { servableBeforeLoad } from './spec-gate.js';
import type { EngineTelemetry } from './telemetry.js';
import { TimeoutClock } from './timeouts.js';
import type {
  FallbackNotificationHandler,
  FallbackRequestHandler,
  NotificationHandler,
  NotificationOptions,
  RequestContext,
  RequestHandler,
  RequestOptions,
  RequestScope,
} from './types.js';

export type AnyRequestHandler = RequestHandler<unknown, unknown, RequestContext>;
export type AnyNotificationHandler = NotificationHandler<unknown>;
export type EngineState = 'idle' | 'open' | 'closed';

/**
 * State shared by the engine's layers, the lifecycle hooks (overridden by ../lifecycle) and the send
 * helpers. Split from the engine only to keep each file to one concern.
 */
export abstract class EngineBase {
  /** Problems that do not belong to one request: garbage, unknown ids, handler crashes, send failures. */
  onerror?: (error: Error) => void;
  /** Fires once when the connection closes, from either side. */
  onclose?: () => void;
  /**
   * Turns what a request handler threw into the error sent back (a server uses it to report the failure
   * with the request's method and name, and to choose the message). Unset: a ProtocolError is sent as is,
   * anything else goes to `onerror` and is sent as -32603 "Internal error". Not called for a request that
   * was cancelled (nothing is sent then).
   */
  onhandlererror?: (error: unknown, request: RequestContext, params: JsonObject | undefined) => WireError;
  /** Tracing and metrics hooks (OpenTelemetry): unset, a request costs nothing more than this field's read. */
  telemetry: EngineTelemetry | undefined = undefined;

  protected revision: Revision | undefined;
  protected methodSpecs: MethodSpecLookup | undefined;
  protected state: EngineState = 'idle';
  /** True once the method specs are known to be loaded (see holdForSpecs). */
  protected specsLoaded = false;
  /** Messages (payload, context, payload, context, ...) held until the method specs load. */
  private heldForSpecs: unknown[] | undefined = undefined;
  protected transportRef: Transport | undefined;
  /** @internal exposed to ./notifications.ts */
  readonly pending = new PendingTable();
  /** @internal exposed to ./notifications.ts */
  readonly incoming = new RequestIdTable<IncomingRequest>();
  /**
   * Request handlers by method. May be a table shared by many connections (`shareRequestHandlers`: no map
   * and no closures per session); then the first change on this connection copies it.
   */
  protected requestHandlers = new Map<string, AnyRequestHandler>();
  /** True while `requestHandlers` is a shared table this connection must not change. */
  protected requestHandlersShared = false;
  protected readonly notificationHandlers = new Map<string, AnyNotificationHandler>();
  protected fallbackRequestHandler: FallbackRequestHandler | undefined;
  protected fallbackNotificationHandler: FallbackNotificationHandler | undefined;
  // One bound function each, shared by every request (no closure per message).
  /** @internal */
  readonly onTimeout = (pending: PendingRequest): void => this.giveUp(pending, 'timeout');
  /** @internal */
  readonly reportError = (error: unknown): void => this.report(error);
  /** @internal the deadlines of outgoing requests (one timer per engine) */
  readonly clock = new TimeoutClock(this.pending, this.onTimeout);
  // ---------------------------------------------------------------- hooks for the lifecycle

  /** Decides whether an incoming request may be served, and in which scope. Throw a ProtocolError to refuse. */
  protected admitRequest(
    _request: JSONRPCRequest,
    _context: MessageContext | undefined,
  ): RequestScope | undefined {
    return undefined;
  }

  /** Decides whether an incoming notification is delivered. */
  protected admitNotification(
    _notification: JSONRPCNotification,
    _context: MessageContext | undefined,
  ): boolean {
    return true;
  }

  /** Adjusts a handler's result before it is sent (e.g. adds `resultType`). */
  protected finishResult(result: JsonObject, _context: RequestContext): JsonObject {
    return result;
  }

  /** Checks and adjusts outgoing request params (capabilities, `_meta`). Throw a LocalError to refuse. */
  protected prepareRequest(
    _method: string,
    params: JsonObject | undefined,
    _options: RequestOptions | undefined,
  ): JsonObject | undefined {
    return params;
  }

  protected prepareNotification(
    _method: string,
    params: JsonObject | undefined,
    _options: NotificationOptions | undefined,
  ): JsonObject | undefined {
    return params;
  }

  /** Validates a received result against the revision's schema; throw to reject the request with it. */
  protected acceptResult(method: string, result: JsonObject): JsonObject {
    const revision = this.revision;
    return this.checkResult(
      method,
      result,
      revision === undefined ? undefined : this.specFor(revision, method)?.result,
    );
  }

  /** Throws a LocalError naming the first problem when `validator` rejects the result. */
  protected checkResult(method: string, result: JsonObject, validator: Validator | undefined): JsonObject {
    const revision = this.revision;
    if (validator !== undefined) {
      const outcome = validator.safeParse(result);
      if (!outcome.success) {
        throw new LocalError(
          LocalErrorCode.InvalidMessage,
          `Invalid result for ${method} (${revision}): ${describeIssues(outcome.error.issues)}`,
        );
      }
    }
    return result;
  }

  /** Whether `ping` is answered in every state, before any lifecycle check (legacy revisions have ping). */
  protected answersPing(): boolean {
    return true;
  }

  /** Whether an incoming batch array may be processed (only 2025-03-26 has batches). */
  protected acceptsBatches(): boolean {
    return this.revision === '2025-03-26';
  }

  /**
   * Holds an incoming message while the method specs load (see MethodSpecLookup): true when it was held.
   * Once they are loaded the held messages are received in order and `specsLoaded` skips this check.
   */
  protected holdForSpecs(payload: JSONRPCPayload, context: MessageContext | undefined): boolean {
    const held = this.heldForSpecs;
    if (held !== undefined) {
      held.push(payload, context);
      return true;
    }
    const specs = this.methodSpecs;
    const deferred = specs?.deferred;
    if (deferred === undefined || deferred.isLoaded()) {
      this.specsLoaded = true;
      return false;
    }
    if (servableBeforeLoad(payload, this.revision, specs!)) return false;
    this.heldForSpecs = [payload, context];
    // Closures made only here, when a message is held: a stateless server makes an engine per request.
    deferred.load().then(
      () => this.releaseHeld(),
      (error: unknown) => this.failHeld(error),
    );
    return true;
  }

  private releaseHeld(): void {
    const held = this.heldForSpecs!;
    this.heldForSpecs = undefined;
    this.specsLoaded = true;
    for (let i = 0; i < held.length; i += 2) {
      this.receive(held[i] as JSONRPCPayload, held[i + 1] as MessageContext | undefined);
    }
  }

  private failHeld(error: unknown): void {
    this.heldForSpecs = undefined;
    this.report(
      new LocalError(
        LocalErrorCode.InvalidState,
        `Could not load the MCP method schemas (they need the zod package: expected zod ^4 installed beside @mcpwire/core): ${error instanceof Error ? error.message : String(error)}; closing the connection`,
      ),
    );
    void this.transportRef?.close();
  }

  /** Whether messages are held for the specs (the connection is not idle then). */
  protected get holdingForSpecs(): boolean {
    return this.heldForSpecs !== undefined;
  }

  protected abstract receive(payload: JSONRPCPayload, context: MessageContext | undefined): void;

  protected specFor(revision: Revision, method: string): MethodSpecView | undefined {
    return this.methodSpecs?.(revision, method);
  }
  /** Frees a settled request's timer and abort listener. */
  protected release(pending: PendingRequest): void {
    this.clock.release(pending);
    pending.signal?.removeEventListener('abort', pending);
  }

  protected sendResponse(response: JSONRPCResponse, related: RequestId | undefined): void {
    this.sendPayload(response, related);
  }

  protected sendPayload(payload: JSONRPCPayload, related: RequestId | undefined): void {
    if (this.state !== 'open') return;
    try {
      this.transportRef!.send(payload, sendOptions(related)).then(undefined, this.reportError);
    } catch (error) {
      this.report(error);
    }
  }

  protected notOpenError(what: string): ConnectionClosedError {
    return new ConnectionClosedError(
      this.state === 'idle'
        ? `Cannot ${what}: not connected yet: expected \`await connect(transport)\` (e.g. \`await client.connect(transport)\`) to finish before the first call`
        : `Cannot ${what}: the connection is closed (close() was called or the other side went away): expected an open connection; connect again with a new transport`,
    );
  }

  protected report(error: unknown): void {
    const handler = this.onerror;
    if (handler === undefined) return;
    try {
      handler(error instanceof Error ? error : new LocalError(LocalErrorCode.InvalidMessage, String(error)));
    } catch {
      // An error handler that throws must not break message processing.
    }
  }

  /** Stops waiting for an outgoing request (see ProtocolEngine). */
  abstract rawRequest(method: string, params?: JsonObject, options?: RequestOptions): Promise<JsonObject>;
  abstract rawNotification(method: string, params?: JsonObject, options?: NotificationOptions): Promise<void>;

  protected abstract giveUp(pending: PendingRequest, why: 'timeout' | 'abort'): void;
}

export function sendOptions(related: RequestId | undefined): SendOptions | undefined {
  return related === undefined ? undefined : { relatedRequestId: related };
}
