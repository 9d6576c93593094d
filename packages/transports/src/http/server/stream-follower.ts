/**
 * An SSE connection fed from the event store's tail rather than by the stream's writer. That is how a
 * stream reaches its client when the writer is elsewhere: a POST's stream resumed (Last-Event-ID) in a
 * process other than the one running the request, a stream resumed after it completed (kept for the
 * retention window), and, with a shared store, the standalone GET stream, which every process serving
 * the session appends to. The connection ends when the stream completes.
 */
import type { JSONRPCMessage } from '@mcpwire/core/runtime';
import { formatSseEvent } from '../../shared-http/sse-encoder.js';
import type { EventTail, EventTailListener, SharedEventStore } from './event-store.js';
import type { SseLimits } from './sse-settings.js';
import { SseConnection } from './sse-stream.js';

export class StreamFollower implements EventTailListener {
  readonly connection: SseConnection;
  /** Highest sequence number written to the connection (the GET stream position). */
  delivered = 0;
  private tail: EventTail | undefined;
  /** Events that came before the tail said where it starts: the priming event must go out first. */
  private early: Array<[number, JSONRPCMessage]> | undefined = [];
  private ended = false;
  private finished = false;

  constructor(
    readonly streamId: string,
    private readonly onDone: (follower: StreamFollower) => void,
    keepAliveMs: number | undefined,
    limits: SseLimits,
  ) {
    this.connection = new SseConnection(() => this.stop(), keepAliveMs, limits);
  }

  /**
   * Starts following after `afterSeq` (< 0: only what is appended from now on). False when the store has
   * no such stream (and `create` is false); rejects with the store's error when it failed (a
   * StoreUnavailableError becomes a 503, so the client retries instead of giving the stream up). Either
   * way the connection is then closed.
   */
  async start(
    events: SharedEventStore,
    afterSeq: number,
    create: boolean,
    prime: boolean,
    retryMs: number | undefined,
  ): Promise<boolean> {
    let tail: EventTail | undefined;
    try {
      tail = await events.tail(this.streamId, afterSeq, this, create);
    } catch (error) {
      this.early = undefined;
      this.finish();
      throw error;
    }
    const early = this.early ?? [];
    this.early = undefined;
    if (tail === undefined) {
      this.finish();
      return false;
    }
    this.tail = tail;
    this.delivered = tail.startSeq;
    if (this.finished) {
      // The client left while the tail was being set up.
      tail.stop();
      return true;
    }
    if (prime) {
      const fields =
        retryMs === undefined
          ? { id: `${this.streamId}:${tail.startSeq}` }
          : { id: `${this.streamId}:${tail.startSeq}`, retry: retryMs };
      this.connection.write(formatSseEvent('', fields));
    }
    for (const [seq, message] of early) this.event(seq, message);
    if (this.ended) this.finish();
    return true;
  }

  /** EventTailListener: one message of the stream. */
  event(seq: number, message: JSONRPCMessage): void {
    if (this.early !== undefined) {
      this.early.push([seq, message]);
      return;
    }
    if (seq <= this.delivered) return;
    const text = formatSseEvent(JSON.stringify(message), { id: `${this.streamId}:${seq}` });
    if (this.connection.write(text)) this.delivered = seq;
  }

  /** EventTailListener: the stream completed (or went away): the client sees the response end. */
  end(): void {
    this.ended = true;
    if (this.early === undefined) this.finish();
  }

  /** Stops following and ends the connection (the client left, or another connection replaces it). */
  stop(): void {
    this.tail?.stop();
    this.finish();
  }

  private finish(): void {
    this.connection.close();
    this.done();
  }

  private done(): void {
    if (this.finished) return;
    this.finished = true;
    this.onDone(this);
  }
}
