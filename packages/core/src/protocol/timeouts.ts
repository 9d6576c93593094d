/**
 * Request timeouts without a timer per request. Each pending record carries its deadline; one timer per
 * engine is due at the earliest deadline, times out every record past its own, and re-arms for the next.
 * A timer and its clearTimeout per request cost more than the rest of a fast round trip's bookkeeping
 * (and a Timeout object per request for the garbage collector); with a common timeout every new deadline
 * lies after the one the timer waits for, so a request usually costs one clock read.
 *
 * Deadlines only move later (progress restarts the clock), so a timer due too early is harmless: it finds
 * nothing expired and waits again. The timer keeps the process alive only while a request with a finite
 * deadline is pending, as a timer per request did.
 */
import type { PendingRequest } from './pending.js';

export type TimeoutCallback = (pending: PendingRequest) => void;

type Timer = ReturnType<typeof setTimeout>;

/** What the clock sweeps: the records still pending. */
export interface PendingSource {
  values(): IterableIterator<PendingRequest>;
}

export class TimeoutClock {
  #timer: Timer | undefined;
  /** When the timer fires (Infinity: no timer). */
  #due = Number.POSITIVE_INFINITY;
  /** Pending records with a finite deadline. */
  #armed = 0;
  readonly #source: PendingSource;
  readonly #onTimeout: TimeoutCallback;

  constructor(source: PendingSource, onTimeout: TimeoutCallback) {
    this.#source = source;
    this.#onTimeout = onTimeout;
  }

  /** Sets the first deadline of a request. */
  arm(pending: PendingRequest): void {
    const now = Date.now();
    pending.startedAt = now;
    const max = pending.maxTotalTimeoutMs;
    const delay = max === undefined ? pending.timeoutMs : Math.min(pending.timeoutMs, max);
    if (!Number.isFinite(delay)) return;
    pending.deadline = now + Math.max(0, delay);
    if (this.#armed++ === 0 && this.#timer !== undefined) setRef(this.#timer, true);
    if (pending.deadline < this.#due) this.#schedule(pending.deadline, now);
  }

  /**
   * Restarts the clock after progress when the request asked for it. Returns false when the maximum total
   * time is already spent (the caller then times the request out).
   */
  rearmOnProgress(pending: PendingRequest): boolean {
    if (!pending.resetTimeoutOnProgress) return true;
    const now = Date.now();
    let delay = pending.timeoutMs;
    const max = pending.maxTotalTimeoutMs;
    if (max !== undefined) {
      const left = max - (now - pending.startedAt);
      if (left <= 0) return false;
      delay = Math.min(delay, left);
    }
    // Finite before exactly when finite now: the timeout and the maximum do not change.
    if (Number.isFinite(delay)) pending.deadline = now + delay;
    return true;
  }

  /** The request settled: its deadline no longer counts. */
  release(pending: PendingRequest): void {
    if (pending.deadline === Number.POSITIVE_INFINITY) return;
    pending.deadline = Number.POSITIVE_INFINITY;
    if (--this.#armed === 0 && this.#timer !== undefined) setRef(this.#timer, false);
  }

  /** The engine closed. */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#due = Number.POSITIVE_INFINITY;
  }

  #schedule(due: number, now: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#due = due;
    this.#timer = setTimeout(this.#fire, Math.max(0, due - now));
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#due = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    let expired: PendingRequest[] | undefined;
    for (const pending of this.#source.values()) {
      const deadline = pending.deadline;
      if (deadline <= now) {
        expired ??= [];
        expired.push(pending);
      } else if (deadline < next) next = deadline;
    }
    if (next !== Number.POSITIVE_INFINITY) this.#schedule(next, now);
    if (expired !== undefined) for (const pending of expired) this.#onTimeout(pending);
  };
}

/** Node timers can stop holding the process open; browser and Worker timers are plain numbers. */
function setRef(timer: Timer, referenced: boolean): void {
  const handle = timer as { ref?: () => void; unref?: () => void };
  if (referenced) handle.ref?.();
  else handle.unref?.();
}

/** The limit that fired, for the TimeoutError message. */
export function effectiveLimitMs(pending: PendingRequest): number {
  const max = pending.maxTotalTimeoutMs;
  if (max === undefined) return pending.timeoutMs;
  if (!pending.resetTimeoutOnProgress) return Math.min(pending.timeoutMs, max);
  return Date.now() - pending.startedAt >= max ? max : pending.timeoutMs;
}
