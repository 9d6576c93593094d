/**
 * Resumability (2025-03-26 … 2025-11-25 Streamable HTTP): messages sent on an SSE stream are recorded so
 * that a client that lost the connection can GET them again with `Last-Event-ID`.
 *
 * The transport owns event ids: `<streamId>:<seq>`, where streamId is `<sessionId>/<n>`, so an id is unique
 * within its session and names the one stream it belongs to (a resume replays that stream only). A store
 * only keeps an ordered log per stream; `seq` numbers start at 1 (0 is the priming event, never stored).
 */
import type { JSONRPCMessage } from '@mcpwire/core';

export interface EventStore {
  /** Appends a message to a stream's log and returns its sequence number (1, 2, 3, ...). */
  append(streamId: string, message: JSONRPCMessage): number | Promise<number>;
  /** Calls `deliver` for every stored message of the stream whose sequence number is above `afterSeq`. */
  replay(
    streamId: string,
    afterSeq: number,
    deliver: (seq: number, message: JSONRPCMessage) => void,
  ): void | Promise<void>;
  /** Forgets a stream (it completed and was fully delivered, or its session ended). */
  deleteStream(streamId: string): void | Promise<void>;
}

export interface InMemoryEventStoreOptions {
  /** Most messages kept per stream; older ones are dropped (a resume past them misses them). Default 1000. */
  maxEventsPerStream?: number;
  /** Most streams kept; the oldest stream is forgotten first. Default 10000. */
  maxStreams?: number;
}

interface StreamLog {
  /** Sequence number of messages[0]. */
  firstSeq: number;
  nextSeq: number;
  messages: JSONRPCMessage[];
}

/** A bounded, process-local EventStore. */
export class InMemoryEventStore implements EventStore {
  private readonly streams = new Map<string, StreamLog>();
  private readonly maxEventsPerStream: number;
  private readonly maxStreams: number;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.maxEventsPerStream = options.maxEventsPerStream ?? 1000;
    this.maxStreams = options.maxStreams ?? 10_000;
  }

  /** Number of streams currently held (for tests and monitoring). */
  get size(): number {
    return this.streams.size;
  }

  append(streamId: string, message: JSONRPCMessage): number {
    let log = this.streams.get(streamId);
    if (log === undefined) {
      if (this.streams.size >= this.maxStreams) {
        const oldest = this.streams.keys().next().value;
        if (oldest !== undefined) this.streams.delete(oldest);
      }
      log = { firstSeq: 1, nextSeq: 1, messages: [] };
      this.streams.set(streamId, log);
    }
    log.messages.push(message);
    if (log.messages.length > this.maxEventsPerStream) {
      log.messages.shift();
      log.firstSeq++;
    }
    return log.nextSeq++;
  }

  replay(streamId: string, afterSeq: number, deliver: (seq: number, message: JSONRPCMessage) => void): void {
    const log = this.streams.get(streamId);
    if (log === undefined) return;
    const start = Math.max(0, afterSeq + 1 - log.firstSeq);
    for (let i = start; i < log.messages.length; i++) deliver(log.firstSeq + i, log.messages[i]!);
  }

  deleteStream(streamId: string): void {
    this.streams.delete(streamId);
  }
}

/** Splits an event id into its stream id and sequence number; undefined when it is not one of ours. */
export function parseEventId(eventId: string): { streamId: string; seq: number } | undefined {
  const colon = eventId.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const seq = Number(eventId.slice(colon + 1));
  if (!Number.isSafeInteger(seq) || seq < 0) return undefined;
  return { streamId: eventId.slice(0, colon), seq };
}
