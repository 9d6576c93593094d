/**
 * Resumability (2025-03-26 … 2025-11-25 Streamable HTTP): messages sent on an SSE stream are recorded so
 * that a client that lost the connection can GET them again with `Last-Event-ID`, from this process or,
 * with a shared store, from another one.
 *
 * The transport owns event ids: `<streamId>:<seq>`, where streamId is `<sessionId>/<n>` (with a shared
 * store `<sessionId>/<tag>.<n>`, the tag unique per process), so an id is unique within its session and
 * names the one stream it belongs to (a resume replays that stream only). A store only keeps an ordered
 * log per stream; `seq` numbers start at 1 (0 is the priming event, never stored). The standalone GET
 * stream is `<sessionId>/0`; with a shared store every process serving the session appends to it.
 * Runtime-neutral: no Node imports.
 */
import type { JSONRPCMessage } from '@mcpwire/core/runtime';

/**
 * The store the `eventStore` option takes. `complete` and `tail` are optional for compatibility with
 * stores written before them; without them a stream is forgotten as soon as it was delivered in full,
 * and only the process that wrote a stream can resume it. The `store` option needs both (SharedEventStore).
 */
export interface EventStore {
  /**
   * Appends a message to a stream's log (creating the stream) and returns its sequence number: 1 for the
   * first message of the stream, then one more for each append, with no gaps and no reuse, also when
   * several processes append to the same stream at once. Callers never append to a completed stream.
   */
  append(streamId: string, message: JSONRPCMessage): number | Promise<number>;
  /**
   * Calls `deliver` once for every stored message of the stream whose sequence number is above
   * `afterSeq`, in order, then settles. An unknown stream delivers nothing.
   */
  replay(
    streamId: string,
    afterSeq: number,
    deliver: (seq: number, message: JSONRPCMessage) => void,
  ): void | Promise<void>;
  /** Forgets a stream at once (its session ended). Tails of it end. */
  deleteStream(streamId: string): void | Promise<void>;
  /**
   * The stream's last message was appended. Its messages stay readable (replay, tail) for `retainMs`
   * more, then the stream is forgotten as by `deleteStream`; every tail of it ends once it delivered
   * everything. Completing an unknown stream does nothing.
   */
  complete?(streamId: string, retainMs: number): void | Promise<void>;
  /**
   * Reads a stream and follows it: calls `listener.event` for every stored message above `afterSeq`, in
   * order, then for every message appended later, until the stream is completed (after its last message)
   * or deleted, and then calls `listener.end()` once. With `afterSeq < 0` stored messages are skipped and
   * only later appends are delivered. Resolves undefined, and calls nothing, when the store holds no
   * stream with this id (never written, deleted or expired), unless `create` is true: then an unknown
   * stream is followed as an empty one (the standalone GET stream is followed before anything was sent
   * on it). Messages dropped by a per-stream bound are skipped (sequence numbers then have gaps). Calls
   * may happen before `tail` returns (the memory store delivers the stored part synchronously) and, for
   * later appends, inside `append`.
   */
  tail?(
    streamId: string,
    afterSeq: number,
    listener: EventTailListener,
    create?: boolean,
  ): EventTail | undefined | Promise<EventTail | undefined>;
}

/** What `EventStore.tail` reports to. */
export interface EventTailListener {
  /** One message of the stream, in sequence order, each at most once. */
  event(seq: number, message: JSONRPCMessage): void;
  /** The stream completed (its last message was delivered) or was deleted: no more calls follow. */
  end(): void;
}

/** A running tail. */
export interface EventTail {
  /**
   * The sequence number after which delivery starts: `afterSeq` when it was >= 0, else the last sequence
   * number the stream had when the tail began (0 when it had none).
   */
  readonly startSeq: number;
  /** Stops delivery; `end` is not called. Idempotent. */
  stop(): void;
}

/**
 * An event store several processes can share (the `events` member of the handlers' `store` option):
 * streams are kept for a retention window after they complete, and a stream written in one process can
 * be followed from another. A store should also drop streams whose last append is long past (the
 * standalone stream and streams of a process that died are never completed).
 */
export interface SharedEventStore extends EventStore {
  complete(streamId: string, retainMs: number): void | Promise<void>;
  tail(
    streamId: string,
    afterSeq: number,
    listener: EventTailListener,
    create?: boolean,
  ): EventTail | undefined | Promise<EventTail | undefined>;
}

/** Splits an event id into its stream id and sequence number; undefined when it is not one of ours. */
export function parseEventId(eventId: string): { streamId: string; seq: number } | undefined {
  const colon = eventId.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const seq = Number(eventId.slice(colon + 1));
  if (!Number.isSafeInteger(seq) || seq < 0) return undefined;
  return { streamId: eventId.slice(0, colon), seq };
}
