/** The errors an outgoing request ends with when it gets no answer (failure paths only, never per message). */
import {
  AbortedError,
  ConfigError,
  ConnectionClosedError,
  LocalError,
  TimeoutError,
  TransportError,
} from '../errors.js';
import { reasonText } from './notifications.js';
import type { PendingRequest } from './pending.js';

/** The caller's AbortSignal fired before the request was sent. */
export function abortedBeforeSend(method: string, signal: AbortSignal): AbortedError {
  return new AbortedError(
    `Request ${method} was not sent: expected a live AbortSignal, received one already aborted (${reasonText(signal.reason)})`,
    signal.reason,
  );
}

/** `timeoutMs` or `maxTotalTimeoutMs` is not a number >= 0. */
export function invalidTimeouts(
  method: string,
  timeout: number,
  maxTotalTimeoutMs: number | undefined,
): ConfigError {
  return new ConfigError(
    `Request ${method}: expected timeoutMs and maxTotalTimeoutMs to be numbers >= 0, received ${timeout} and ${maxTotalTimeoutMs}`,
  );
}

/** No response arrived within `limit` ms. */
export function requestTimedOut(pending: PendingRequest, limit: number): TimeoutError {
  return new TimeoutError(
    `Request ${pending.id} (${pending.method}) timed out: expected a response within ${limit} ms, received none`,
    limit,
  );
}

/** The caller aborted the request; `reason` is the signal's `raw` reason as text. */
export function requestAborted(pending: PendingRequest, reason: string, raw: unknown): AbortedError {
  return new AbortedError(
    `Request ${pending.id} (${pending.method}) was aborted: expected a response, but the caller aborted it (${reason})`,
    raw,
  );
}

/** The connection closed before the response arrived. */
export function closedBeforeAnswer(pending: PendingRequest): ConnectionClosedError {
  return new ConnectionClosedError(
    `Connection closed: expected a response to request ${pending.id} (${pending.method}), but the connection closed first`,
  );
}

/** The transport refused the request: its own LocalError as is, anything else wrapped. */
export function sendFailure(pending: PendingRequest, error: unknown): Error {
  return error instanceof LocalError
    ? error
    : new TransportError(
        `Could not send request ${pending.id} (${pending.method}): expected the transport to accept it, received ${String(error)}`,
        { cause: error },
      );
}
