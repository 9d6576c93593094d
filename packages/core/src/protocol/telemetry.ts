/**
 * Per-request tracing and metrics hooks of the protocol engine. They are runtime-neutral and cost one
 * field read per request while unset; `../telemetry/` implements them with OpenTelemetry. A hook that
 * finds nothing to record (no tracer or meter registered) returns undefined and the request goes on as
 * if no hook were set.
 */
import type { WireError } from '../errors.js';
import type { JSONRPCRequest, JsonObject, RequestId } from '../jsonrpc/types.js';
import type { Revision } from '../revisions.js';
import type { Transport } from '../transport.js';

/** What the engine tells a telemetry implementation about requests, as they go out and come in. */
export interface EngineTelemetry {
  /**
   * A request is about to be sent. Returns undefined to stay out of it, or a span whose `params` replace
   * the request's params (e.g. with trace context added to `_meta`).
   */
  startOutgoing(
    transport: Transport | undefined,
    method: string,
    id: RequestId,
    params: JsonObject | undefined,
    revision: Revision | undefined,
  ): OutgoingSpan | undefined;
  /** A request arrived (before the lifecycle admits or refuses it). */
  startIncoming(
    transport: Transport | undefined,
    request: JSONRPCRequest,
    sessionId: string | undefined,
    revision: Revision | undefined,
  ): IncomingSpan | undefined;
}

/** An outgoing request being traced. */
export interface OutgoingSpan {
  /** The params to send in place of the original ones. */
  readonly params: JsonObject | undefined;
  /** The request settled: with the peer's result, or with the error the caller receives. Called once. */
  end(result: JsonObject | undefined, error: unknown): void;
}

/** An incoming request being traced. */
export interface IncomingSpan {
  /**
   * `params` with trace context added to `_meta`, for a request the handler makes of the peer some other
   * way than a JSON-RPC request (2026-07-28 input requests): the span current in the handler is its parent.
   */
  inject(params: JsonObject | undefined): JsonObject | undefined;
  /** Runs the handler inside the span's context, so what the handler does joins the trace. */
  run<A, B, R>(handler: (a: A, b: B) => R, a: A, b: B): R;
  /**
   * The request was answered with `result` or `error` (`cancelled`: the answer was not sent because
   * the peer cancelled or the connection closed). `revision` is the one it was served in. Called once.
   */
  end(
    result: JsonObject | undefined,
    error: WireError | undefined,
    revision: Revision | undefined,
    cancelled: boolean,
  ): void;
}

/** The hooks a server or client holds: the engine's, plus the session duration it reports on close. */
export interface SessionTelemetry extends EngineTelemetry {
  /** A session that began at `startedAt` (`performance.now()`) ended. */
  sessionEnded(
    side: 'client' | 'server',
    transport: Transport | undefined,
    startedAt: number,
    revision: Revision | undefined,
  ): void;
}
