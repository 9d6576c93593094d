/**
 * Reading one SSE stream of the Streamable HTTP client to its end, resuming it when it breaks: after the
 * server's `retry` (or a bounded backoff) a GET with `Last-Event-ID` (the id of the last event that
 * arrived whole) picks it up where it broke. A POST's stream is followed until every request it carries
 * is answered, and its failure (an event over the size limit, a stream that cannot be resumed, too many
 * failed attempts) is thrown, so the calls fail at once instead of waiting for their timeouts; the
 * standalone GET stream is followed until the session or the transport ends.
 */
import { type RequestId, TransportError } from '@mcpwire/core/runtime';
import { headerOf } from '../../shared-http/auth-provider.js';
import type { HttpResult } from '../../shared-http/http-request.js';
import type { ReconnectOptions } from './options.js';
import { readSseBody } from './sse-reader.js';

type Body = HttpResult['body'];

/** What following a stream needs from the transport. */
export interface StreamHost {
  readonly closed: boolean;
  readonly sessionId: string | undefined;
  readonly reconnect: ReconnectOptions;
  readonly maxEventLength: number | undefined;
  /** GET of the stream, resuming after `lastEventId` when given. */
  reopen(lastEventId: string | undefined): Promise<HttpResult>;
  /** Hands one `message` event on; answered request ids are removed from `pending`. */
  deliver(data: string, pending: Set<RequestId> | undefined): void;
  report(error: Error): void;
  /** Waits `ms`, or less when the transport closes meanwhile. */
  sleep(ms: number): Promise<void>;
}

/**
 * Follows a stream from `body` (undefined: open the standalone GET stream first). Resolves when the
 * requests in `pending` are answered, the transport closed, the session changed, or (standalone) the
 * server has no stream to give; rejects when `pending` can no longer be answered.
 */
export async function followStream(
  host: StreamHost,
  body: Body | undefined,
  pending: Set<RequestId> | undefined,
): Promise<void> {
  const session = host.sessionId;
  const policy = host.reconnect;
  const maxRetries = policy.maxRetries ?? 5;
  let lastEventId: string | undefined;
  let retryMs: number | undefined = body === undefined ? 0 : undefined;
  let attempt = 0;
  let current = body;
  for (;;) {
    if (current !== undefined) {
      let delivered = false;
      const outcome = await readSseBody(
        current,
        (event) => {
          delivered = true;
          if (event.event === 'message') host.deliver(event.data, pending);
        },
        lastEventId,
        host.maxEventLength,
      );
      current = undefined;
      if (host.closed || (pending !== undefined && pending.size === 0)) return;
      if (outcome.tooLarge)
        throw new TransportError(`${(outcome.error as Error).message}${waiting(pending)}`);
      lastEventId = outcome.lastEventId;
      retryMs = outcome.retryMs;
      if (pending !== undefined && lastEventId === undefined) {
        throw new TransportError(
          `SSE stream ended: expected responses for request(s) ${[...pending].join(', ')}, received none, and the stream is not resumable`,
        );
      }
      attempt = delivered ? 0 : attempt + 1;
    }
    if (attempt > maxRetries) {
      throw new TransportError(
        `SSE reconnect failed: expected a stream within ${attempt - 1} attempts, received none${waiting(pending)}`,
      );
    }
    const backoff = Math.min(
      (policy.initialDelayMs ?? 1000) * (policy.growFactor ?? 1.5) ** Math.max(0, attempt - 1),
      policy.maxDelayMs ?? 30_000,
    );
    await host.sleep(retryMs ?? backoff);
    // Streams of a session that was replaced meanwhile died with it (the new one has its own GET).
    if (host.closed || host.sessionId !== session) return;
    retryMs = undefined;
    let result: HttpResult;
    try {
      result = await host.reopen(lastEventId);
    } catch (error) {
      if (host.closed) return;
      host.report(error as Error);
      attempt++;
      continue;
    }
    const contentType = headerOf(result.headers, 'content-type') ?? '';
    if (result.statusCode === 200 && contentType.startsWith('text/event-stream')) {
      current = result.body;
      continue;
    }
    await result.body.dump();
    // No GET stream on this server (405), or the session is gone (404; the next POST reports it). The
    // optional standalone stream refused outright (some servers answer 400): no server stream.
    const refused =
      result.statusCode === 405 ||
      result.statusCode === 404 ||
      (result.statusCode === 400 && pending === undefined && lastEventId === undefined);
    if (refused) {
      if (pending === undefined) return;
      throw new TransportError(
        `Cannot resume the SSE stream: expected 200 text/event-stream for GET with Last-Event-ID, received ${result.statusCode}${waiting(pending)}`,
      );
    }
    attempt++;
  }
}

function waiting(pending: Set<RequestId> | undefined): string {
  return pending === undefined ? '' : ` (request(s) ${[...pending].join(', ')} left unanswered)`;
}

/** Waits `ms`, or less when the transport closes and calls every function in `sleepers`. */
export function sleepUnlessWoken(sleepers: Set<() => void>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      sleepers.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    sleepers.add(wake);
  });
}
