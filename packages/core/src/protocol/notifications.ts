/**
 * The two notifications the engine consumes itself: `notifications/cancelled` (the peer gives up on a
 * request we are handling) and `notifications/progress` (progress on a request we sent).
 */
import { AbortedError } from '../errors.js';
import type { JsonObject } from '../jsonrpc/types.js';
import { isRequestId } from './classify.js';
import type { IncomingRequest } from './context.js';
import type { RequestIdTable } from './id-table.js';
import type { PendingRequest, PendingTable } from './pending.js';
import type { TimeoutClock } from './timeouts.js';
import type { Progress } from './types.js';

/** The engine internals these handlers need. */
export interface NotificationSink {
  readonly incoming: RequestIdTable<IncomingRequest>;
  readonly pending: PendingTable;
  readonly onTimeout: (pending: PendingRequest) => void;
  readonly clock: TimeoutClock;
  readonly reportError: (error: unknown) => void;
}

/**
 * Aborts the handler's signal and suppresses its response. Unknown or finished ids, malformed params and
 * attempts to cancel initialize are ignored, as the spec asks (races are normal).
 */
export function handleCancelled(sink: NotificationSink, params: JsonObject | undefined): void {
  const requestId = params?.requestId;
  if (!isRequestId(requestId)) return;
  const record = sink.incoming.get(requestId);
  if (record === undefined || record.method === 'initialize') return;
  sink.incoming.delete(requestId);
  record.cancelled = true;
  record.unwatchCaller();
  const reason = typeof params?.reason === 'string' ? params.reason : undefined;
  record.abort(
    new AbortedError(
      `Request ${JSON.stringify(requestId)} (${record.method}) was cancelled by the peer${reason === undefined ? '' : `: ${reason}`}`,
      reason,
    ),
  );
}

/**
 * Delivers progress for a request we sent. The token is the request id (see ProtocolEngine.rawRequest),
 * so a finished request's token no longer resolves and late progress is ignored.
 */
export function handleProgress(sink: NotificationSink, params: JsonObject | undefined): void {
  const token = params?.progressToken;
  const value = params?.progress;
  if (!isRequestId(token) || typeof value !== 'number') return;
  const pending = sink.pending.get(token);
  if (pending === undefined || pending.onprogress === undefined) return;
  // Progress must increase; a repeated or smaller value is a peer bug, not worth reporting to the caller.
  if (!(value > pending.lastProgress)) return;
  pending.lastProgress = value;
  if (!sink.clock.rearmOnProgress(pending)) {
    sink.onTimeout(pending);
    return;
  }
  const progress: Progress = { progress: value };
  if (typeof params?.total === 'number') progress.total = params.total;
  if (typeof params?.message === 'string') progress.message = params.message;
  try {
    pending.onprogress(progress);
  } catch (error) {
    sink.reportError(error);
  }
}

/** Turns an abort reason into the text sent in `notifications/cancelled`. */
export function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message || reason.name;
  if (typeof reason === 'string') return reason;
  return reason === undefined ? 'aborted' : String(reason);
}
