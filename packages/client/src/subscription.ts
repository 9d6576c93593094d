/**
 * 2026-07-28 `subscriptions/listen` (basic/patterns/subscriptions): one long-lived request whose
 * notifications arrive through the client's usual notification callbacks. The server acknowledges with
 * `notifications/subscriptions/acknowledged` before anything else on that subscription; closing aborts
 * the request, which sends `notifications/cancelled` (how a stdio client ends a subscription).
 */
import { AbortedError, type SubscriptionFilter } from '@mcpwire/core/runtime';

/** A 2026-07-28 `subscriptions/listen` stream; close it to end the subscription. */
export interface Subscription {
  /** The filter the server agreed to honour (a subset of what was asked). */
  readonly acknowledged: Promise<SubscriptionFilter>;
  /** Settles when the subscription ends: resolves on a graceful end or close(), rejects on failure. */
  readonly done: Promise<void>;
  /** Ends the subscription (idempotent). */
  close(): void;
}

export class ListenSubscription implements Subscription {
  readonly acknowledged: Promise<SubscriptionFilter>;
  readonly done: Promise<void>;
  readonly controller = new AbortController();
  private acknowledge!: (filter: SubscriptionFilter) => void;
  private refuse!: (error: unknown) => void;
  private settled = false;

  constructor(request: (signal: AbortSignal) => Promise<unknown>) {
    this.acknowledged = new Promise((resolve, reject) => {
      this.acknowledge = resolve;
      this.refuse = reject;
    });
    // Callers that only await `done` must not see an unhandled rejection from `acknowledged`.
    this.acknowledged.catch(() => undefined);
    this.done = request(this.controller.signal).then(
      () => this.finish(undefined),
      (error: unknown) => {
        if (error instanceof AbortedError && this.controller.signal.aborted) return this.finish(undefined);
        this.finish(error);
        throw error;
      },
    );
  }

  get isAcknowledged(): boolean {
    return this.settled;
  }

  /** Called by the client for the acknowledgment of this subscription. */
  onAcknowledged(filter: SubscriptionFilter): void {
    if (this.settled) return;
    this.settled = true;
    this.acknowledge(filter);
  }

  close(): void {
    if (!this.controller.signal.aborted)
      this.controller.abort(new Error('subscription closed by the client'));
  }

  private finish(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.refuse(
      error ??
        new AbortedError(
          'subscriptions/listen ended before it was acknowledged: expected notifications/subscriptions/acknowledged first, received the end of the subscription',
        ),
    );
  }
}
