/**
 * Per-request timers: a timeout that may restart on progress, capped by an optional maximum total time.
 * The callback is shared (one per engine) and gets the record as its argument, so arming a timer
 * allocates no closure.
 */
import type { PendingRequest } from './pending.js';

export type TimeoutCallback = (pending: PendingRequest) => void;

/** Arms the first timer of a request. */
export function armTimeout(pending: PendingRequest, onTimeout: TimeoutCallback): void {
  const max = pending.maxTotalTimeoutMs;
  if (max !== undefined || pending.resetTimeoutOnProgress) pending.startedAt = Date.now();
  const delay = max === undefined ? pending.timeoutMs : Math.min(pending.timeoutMs, max);
  if (Number.isFinite(delay)) pending.timer = setTimeout(onTimeout, Math.max(0, delay), pending);
}

/**
 * Restarts the timer after progress when the request asked for it. Returns false when the maximum
 * total time is already spent (the caller then times the request out).
 */
export function rearmOnProgress(pending: PendingRequest, onTimeout: TimeoutCallback): boolean {
  if (!pending.resetTimeoutOnProgress) return true;
  let delay = pending.timeoutMs;
  const max = pending.maxTotalTimeoutMs;
  if (max !== undefined) {
    const left = max - (Date.now() - pending.startedAt);
    if (left <= 0) return false;
    delay = Math.min(delay, left);
  }
  if (pending.timer !== undefined) clearTimeout(pending.timer);
  pending.timer = Number.isFinite(delay) ? setTimeout(onTimeout, delay, pending) : undefined;
  return true;
}

export function disarm(pending: PendingRequest): void {
  if (pending.timer !== undefined) {
    clearTimeout(pending.timer);
    pending.timer = undefined;
  }
}

/** The limit that fired, for the TimeoutError message. */
export function effectiveLimitMs(pending: PendingRequest): number {
  const max = pending.maxTotalTimeoutMs;
  if (max === undefined) return pending.timeoutMs;
  if (!pending.resetTimeoutOnProgress) return Math.min(pending.timeoutMs, max);
  return Date.now() - pending.startedAt >= max ? max : pending.timeoutMs;
}
