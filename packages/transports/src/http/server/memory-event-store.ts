/**
 * The process-local event store: a bounded log per stream, kept for a retention window after the stream
 * completes, and followable (tail) by any handler of this process. Shared by several handlers it behaves
 * as a shared store does across processes.
 */
import type { JSONRPCMessage } from '@mcpwire/core/runtime';
import type { EventTail, EventTailListener, SharedEventStore } from './event-store.js';
import { unrefTimer } from './sse-stream.js';

/** Options of {@link InMemoryEventStore}. */
export interface InMemoryEventStoreOptions {
  /** Most messages kept per stream; older ones are dropped (a resume past them misses them). Default 1000. */
  maxEventsPerStream?: number;
  /**
   * Most streams kept. Beyond it the stream that completed first is forgotten, or, when none completed,
   * the oldest stream. Default 10000.
   */
  maxStreams?: number;
}

class StreamLog {
  /** Sequence number of messages[0]. */
  firstSeq = 1;
  nextSeq = 1;
  readonly messages: JSONRPCMessage[] = [];
  /** Set when completed: when the stream is forgotten (ms since the epoch). */
  expiresAt: number | undefined = undefined;
  tails: MemoryTail[] | undefined = undefined;

  constructor(readonly id: string) {}

  get lastSeq(): number {
    return this.nextSeq - 1;
  }
}

class MemoryTail implements EventTail {
  stopped = false;

  constructor(
    readonly startSeq: number,
    private readonly log: StreamLog,
    readonly listener: EventTailListener,
  ) {}

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const tails = this.log.tails;
    const at = tails === undefined ? -1 : tails.indexOf(this);
    if (at !== -1) tails!.splice(at, 1);
  }

  /** Ends delivery for good (the stream completed or went away). */
  finish(): void {
    if (this.stopped) return;
    this.stopped = true;
    try {
      this.listener.end();
    } catch {
      // A reader's failure is its own; the store carries on.
    }
  }
}

/** How often completed streams past their retention are dropped while any exist. */
const SWEEP_MS = 1000;

export class InMemoryEventStore implements SharedEventStore {
  private readonly streams = new Map<string, StreamLog>();
  /** Completed streams, in completion order (the order they expire in when retention is uniform). */
  private readonly completed = new Map<string, StreamLog>();
  private readonly maxEventsPerStream: number;
  private readonly maxStreams: number;
  private sweeper: ReturnType<typeof setInterval> | undefined;

  /** An event store with the limits of `options`. */
  constructor(options: InMemoryEventStoreOptions = {}) {
    this.maxEventsPerStream = options.maxEventsPerStream ?? 1000;
    this.maxStreams = options.maxStreams ?? 10_000;
  }

  /** Number of streams currently held (for tests and monitoring). */
  get size(): number {
    return this.streams.size;
  }

  append(streamId: string, message: JSONRPCMessage): number {
    const log = this.streams.get(streamId) ?? this.open(streamId);
    log.messages.push(message);
    if (log.messages.length > this.maxEventsPerStream) {
      log.messages.shift();
      log.firstSeq++;
    }
    const seq = log.nextSeq++;
    const tails = log.tails;
    if (tails !== undefined) {
      for (const tail of [...tails]) deliver(tail, seq, message);
    }
    return seq;
  }

  replay(streamId: string, afterSeq: number, deliver: (seq: number, message: JSONRPCMessage) => void): void {
    const log = this.live(streamId);
    if (log === undefined) return;
    const start = Math.max(0, afterSeq + 1 - log.firstSeq);
    for (let i = start; i < log.messages.length; i++) deliver(log.firstSeq + i, log.messages[i]!);
  }

  deleteStream(streamId: string): void {
    const log = this.streams.get(streamId);
    if (log !== undefined) this.forget(log);
  }

  complete(streamId: string, retainMs: number): void {
    const log = this.live(streamId);
    if (log === undefined || log.expiresAt !== undefined) return;
    log.expiresAt = Date.now() + retainMs;
    this.completed.set(streamId, log);
    const tails = log.tails;
    log.tails = undefined;
    if (tails !== undefined) for (const tail of tails) tail.finish();
    if (retainMs <= 0) {
      this.forget(log);
      return;
    }
    this.ensureSweeper();
  }

  tail(
    streamId: string,
    afterSeq: number,
    listener: EventTailListener,
    create = false,
  ): EventTail | undefined {
    let log = this.live(streamId);
    if (log === undefined) {
      if (!create) return undefined;
      log = this.open(streamId);
    }
    const startSeq = afterSeq < 0 ? log.lastSeq : afterSeq;
    const tail = new MemoryTail(startSeq, log, listener);
    if (log.expiresAt === undefined) {
      log.tails ??= [];
      log.tails.push(tail);
    }
    if (afterSeq >= 0) {
      const start = Math.max(0, afterSeq + 1 - log.firstSeq);
      for (let i = start; i < log.messages.length && !tail.stopped; i++) {
        deliver(tail, log.firstSeq + i, log.messages[i]!);
      }
    }
    if (log.expiresAt !== undefined) tail.finish();
    return tail;
  }

  /** Stops the retention timer (streams are kept). */
  close(): void {
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private open(streamId: string): StreamLog {
    if (this.streams.size >= this.maxStreams) this.evictOne();
    const log = new StreamLog(streamId);
    this.streams.set(streamId, log);
    return log;
  }

  private live(streamId: string): StreamLog | undefined {
    const log = this.streams.get(streamId);
    if (log === undefined) return undefined;
    if (log.expiresAt !== undefined && log.expiresAt <= Date.now()) {
      this.forget(log);
      return undefined;
    }
    return log;
  }

  private forget(log: StreamLog): void {
    if (this.streams.get(log.id) !== log) return;
    this.streams.delete(log.id);
    this.completed.delete(log.id);
    const tails = log.tails;
    log.tails = undefined;
    if (tails !== undefined) for (const tail of tails) tail.finish();
    if (this.completed.size === 0) this.close();
  }

  /** Room for one more stream: the first completed stream goes first, else the oldest stream. */
  private evictOne(): void {
    const victim = this.completed.values().next().value ?? this.streams.values().next().value;
    if (victim !== undefined) this.forget(victim);
  }

  private sweep(): void {
    const now = Date.now();
    for (const log of this.completed.values()) {
      if (log.expiresAt! > now) break;
      this.forget(log);
    }
  }

  private ensureSweeper(): void {
    if (this.sweeper !== undefined) return;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    unrefTimer(this.sweeper);
  }
}

function deliver(tail: MemoryTail, seq: number, message: JSONRPCMessage): void {
  if (tail.stopped) return;
  try {
    tail.listener.event(seq, message);
  } catch {
    // A reader's failure is its own; the store carries on.
  }
}
