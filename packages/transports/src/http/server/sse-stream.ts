/**
 * Server-side SSE plumbing. An `SseConnection` is one HTTP response body being written; an
 * `OutboundStream` is the logical MCP stream (a POST's response stream, or the standalone GET stream)
 * that may outlive a broken connection when an EventStore records its messages for replay.
 */
import type { JSONRPCMessage } from '@mcpwire/core/runtime';
import { formatSseEvent, formatSseRetry, SSE_KEEPALIVE, SSE_OPENING } from '../../shared-http/sse-encoder.js';
import type { EventStore } from './event-store.js';
import { DEFAULT_SSE_LIMITS, type SseLimits } from './sse-settings.js';
import { webSseBody } from './sse-web-body.js';

/** Where an SSE connection's text goes: a web ReadableStream (sse-web-body.ts), or a Node ServerResponse. */
export interface SseSink {
  /** False when the text could not be taken (the body is gone). */
  write(text: string): boolean;
  end(): void;
  /** Text written that the client has not taken yet, in bytes (roughly: UTF-16 units before encoding). */
  backlog(): number;
  /** Once the backlog is below `highWater` again, calls the connection's `roomAvailable()` (once). */
  notifyWhenRoom(highWater: number): void;
  /** Ends the response at once, without a proper end: the client is not reading it. */
  abort(): void;
  /** Web streams: true when text just written waits unread, that is no reader is waiting for it. */
  stalled?(): boolean;
}

/**
 * One SSE response body. Text written before a sink is bound (priming event, batch answers gathered
 * while the reply was undecided, or a whole quick answer) waits in order and goes out on bind, in one
 * write. `onGone` runs once if the client goes away before we close it, or when its response is ended
 * because the client does not read it (see SseLimits).
 */
export class SseConnection {
  private sink: SseSink | undefined;
  private pending = '';
  private stream: ReadableStream<Uint8Array> | undefined;
  private keepAlive: ReturnType<typeof setInterval> | undefined;
  /** Writers waiting for the client to take what was written (one shared promise). */
  private room: Promise<undefined> | undefined;
  private wake: ((value: undefined) => void) | undefined;
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  /** Ended because the client did not read (a sink bound later is cut too, not ended cleanly). */
  private cut = false;
  /** Stops watching a request's abort signal (web path). */
  private unwatch: (() => void) | undefined;
  closed = false;

  constructor(
    private readonly onGone: (connection: SseConnection) => void,
    keepAliveMs?: number,
    readonly limits: SseLimits = DEFAULT_SSE_LIMITS,
  ) {
    if (keepAliveMs !== undefined && keepAliveMs > 0) {
      this.keepAlive = setInterval(() => this.write(SSE_KEEPALIVE), keepAliveMs);
      unrefTimer(this.keepAlive);
    }
  }

  /** The body as a web stream (web-standard handlers); binds the connection to it on first use. */
  get body(): ReadableStream<Uint8Array> {
    this.stream ??= webSseBody(this);
    return this.stream;
  }

  /** Sends what was written so far to `sink`, then writes go straight to it. */
  bind(sink: SseSink): void {
    this.sink = sink;
    const pending = this.pending;
    this.pending = '';
    if (pending !== '' && !sink.write(pending)) {
      this.gone();
      return;
    }
    // Closed by the server before anyone read it: the client still gets what was written, then the end.
    if (this.closed) {
      if (this.cut) sink.abort();
      else sink.end();
    } else if (this.room !== undefined) sink.notifyWhenRoom(this.limits.highWaterBytes);
  }

  write(text: string): boolean {
    if (this.closed) return false;
    const sink = this.sink;
    // Checked before adding, so one large message on a stream the client keeps up with still goes out.
    if ((sink === undefined ? this.pending.length : sink.backlog()) > this.limits.maxBufferedBytes) {
      this.abandon();
      return false;
    }
    if (sink === undefined) {
      this.pending += text;
      return true;
    }
    if (sink.write(text)) return true;
    // The body is gone: that is the client leaving, even if its close event has not arrived yet.
    this.gone();
    return false;
  }

  /**
   * Undefined while the client keeps up; otherwise a promise that settles once it has taken enough of
   * what was written (or the connection ended). Senders await it: that is the backpressure.
   */
  drained(): Promise<undefined> | undefined {
    if (this.closed) return undefined;
    const sink = this.sink;
    const highWater = this.limits.highWaterBytes;
    if ((sink === undefined ? this.pending.length : sink.backlog()) < highWater) return undefined;
    if (this.room === undefined) {
      this.room = new Promise<undefined>((resolve) => {
        this.wake = resolve;
      });
      const stallMs = this.limits.stallTimeoutMs;
      if (stallMs > 0) {
        this.stallTimer = setTimeout(() => this.abandon(), stallMs);
        unrefTimer(this.stallTimer);
      }
      sink?.notifyWhenRoom(highWater);
    }
    return this.room;
  }

  /** The sink took enough: waiting writers go on. */
  roomAvailable(): void {
    const wake = this.wake;
    this.room = undefined;
    this.wake = undefined;
    if (this.stallTimer !== undefined) clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
    wake?.(undefined);
  }

  /**
   * Makes sure the stream opens with something: a comment when nothing else waits to be sent. Some
   * runtimes (Bun) send no headers until the first byte of the body, so an idle GET stream would leave its
   * client waiting for the response to begin.
   */
  announce(): void {
    if (this.sink === undefined && this.pending === '' && !this.closed) this.pending = SSE_OPENING;
  }

  /**
   * Releases the connection when the request's signal aborts: Bun, Deno and workerd report a client that
   * left there, sometimes before (or instead of) cancelling the response body.
   */
  goneOn(signal: AbortSignal): void {
    if (this.closed) return;
    if (signal.aborted) {
      this.gone();
      return;
    }
    const onAbort = (): void => this.gone();
    signal.addEventListener('abort', onAbort, { once: true });
    this.unwatch = () => signal.removeEventListener('abort', onAbort);
  }

  /**
   * Whether the connection still takes text: writes a keep-alive comment and releases the connection
   * (gone) when that fails or the comment was left unread. workerd without `enable_request_signal` never
   * says that a client left: its response body is simply no longer read.
   */
  probe(): boolean {
    if (this.closed || !this.write(SSE_KEEPALIVE)) return false;
    if (this.sink?.stalled?.() !== true) return true;
    this.gone();
    return false;
  }

  /** Ends the response body (the client sees the stream end). */
  close(): void {
    if (this.closed) return;
    this.markClosed();
    this.sink?.end();
  }

  /** The client went away (the response body was cancelled or its socket closed). */
  gone(): void {
    if (this.closed) return;
    this.markClosed();
    this.pending = '';
    this.onGone(this);
  }

  /** The client does not read: its response is cut (not ended cleanly), and it counts as gone. */
  private abandon(): void {
    if (this.closed) return;
    this.cut = true;
    const sink = this.sink;
    this.gone();
    sink?.abort();
  }

  private markClosed(): void {
    this.closed = true;
    if (this.keepAlive !== undefined) clearInterval(this.keepAlive);
    this.keepAlive = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
    // Nothing more will be taken: waiting writers go on (their next write fails).
    if (this.room !== undefined) this.roomAvailable();
  }
}

/** Timers must not keep a Node process alive; other runtimes have no unref. */
export function unrefTimer(timer: unknown): void {
  (timer as { unref?: () => void }).unref?.();
}

export class OutboundStream {
  connection: SseConnection | undefined;
  /** The final response went out (or was recorded); nothing more will be written. */
  completed = false;
  /** Highest sequence number written to a live connection. */
  deliveredSeq = 0;
  /** Messages for a stream nobody listens to, when no EventStore records them (bounded). */
  private backlog: JSONRPCMessage[] | undefined;
  /** Serialises writes only when the store is asynchronous. */
  private tail: Promise<void> | undefined;
  /** Live messages held back while a replay is running. */
  private held: Array<[number, JSONRPCMessage]> | undefined;

  constructor(
    readonly id: string,
    private readonly store: EventStore | undefined,
    private readonly maxBacklog = 0,
  ) {}

  get resumable(): boolean {
    return this.store !== undefined;
  }

  /** Writes (and records) one message. Returns false when it could be neither delivered nor kept. */
  write(message: JSONRPCMessage): boolean | Promise<boolean> {
    const store = this.store;
    if (store === undefined) {
      if (this.connection?.write(formatSseEvent(JSON.stringify(message)))) return true;
      if (this.maxBacklog > 0) {
        this.backlog ??= [];
        if (this.backlog.length < this.maxBacklog) {
          this.backlog.push(message);
          return true;
        }
      }
      return false;
    }
    if (this.tail !== undefined) return this.chain(message);
    const seq = store.append(this.id, message);
    if (typeof seq === 'number') {
      this.emit(seq, message);
      return true;
    }
    return this.chain(message, seq);
  }

  private chain(message: JSONRPCMessage, pending?: Promise<number>): Promise<boolean> {
    const store = this.store!;
    const run = async (): Promise<boolean> => {
      const seq = await (pending ?? store.append(this.id, message));
      this.emit(seq, message);
      return true;
    };
    const result = (this.tail ?? Promise.resolve()).then(run);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tail = tail;
    void tail.then(() => {
      if (this.tail === tail) this.tail = undefined;
    });
    return result;
  }

  private emit(seq: number, message: JSONRPCMessage): void {
    if (this.held !== undefined) {
      this.held.push([seq, message]);
      return;
    }
    if (this.connection?.write(formatSseEvent(JSON.stringify(message), { id: this.id + ':' + seq }))) {
      this.deliveredSeq = seq;
    }
  }

  /** Undefined while the live connection's client keeps up; else settles when it has room (see SseLimits). */
  drained(): Promise<undefined> | undefined {
    return this.connection?.drained();
  }

  /** Attaches a fresh connection; sends the priming event first when asked to. */
  attach(connection: SseConnection, prime: boolean, retryMs: number | undefined): void {
    this.connection = connection;
    if (prime && this.store !== undefined) {
      connection.write(
        formatSseEvent('', {
          id: this.id + ':' + this.deliveredSeq,
          ...(retryMs !== undefined ? { retry: retryMs } : {}),
        }),
      );
    }
    if (this.backlog !== undefined) {
      const pending = this.backlog;
      this.backlog = undefined;
      for (const message of pending) this.write(message);
    }
  }

  /**
   * Replays recorded messages after `afterSeq` onto the current connection. Live messages that arrive
   * while an asynchronous replay runs are held back and sent after it, in order, without duplicates.
   */
  replay(afterSeq: number): void | Promise<void> {
    const store = this.store;
    const connection = this.connection;
    if (store === undefined || connection === undefined) return;
    let last = afterSeq;
    const deliver = (seq: number, message: JSONRPCMessage): void => {
      if (seq <= last) return;
      if (connection.write(formatSseEvent(JSON.stringify(message), { id: this.id + ':' + seq }))) {
        last = seq;
        if (seq > this.deliveredSeq) this.deliveredSeq = seq;
      }
    };
    this.held = [];
    const finish = (): void => {
      const held = this.held ?? [];
      this.held = undefined;
      for (const [seq, message] of held) deliver(seq, message);
    };
    const run = (): void | Promise<void> => {
      const result = store.replay(this.id, afterSeq, deliver);
      if (result === undefined) return finish();
      return result.then(finish, (error: unknown) => {
        finish();
        throw error;
      });
    };
    if (this.tail === undefined) return run();
    return this.tail.then(run);
  }

  /** Server-side "polling" close: tell the client when to come back, then end the connection. */
  disconnect(retryMs: number | undefined): void {
    const connection = this.connection;
    if (connection === undefined) return;
    if (retryMs !== undefined) connection.write(formatSseRetry(retryMs));
    this.connection = undefined;
    connection.close();
  }

  /**
   * The stream completed: its connection ends, and its recorded messages stay for `retainMs` (a store
   * with retention) so a client whose connection died unnoticed still gets the result by resuming, or
   * are forgotten (a store without it).
   */
  retire(retainMs: number): void {
    this.connection?.close();
    this.connection = undefined;
    this.backlog = undefined;
    const store = this.store;
    if (store === undefined) return;
    const settle = (): void => {
      const done =
        store.complete === undefined ? store.deleteStream(this.id) : store.complete(this.id, retainMs);
      if (done instanceof Promise) done.catch(ignore);
    };
    // After the appends still running (an asynchronous store), never before.
    if (this.tail === undefined) settle();
    else void this.tail.then(settle).catch(ignore);
  }

  /** Ends the stream for good and forgets its recorded messages. */
  dispose(): void {
    this.connection?.close();
    this.connection = undefined;
    this.backlog = undefined;
    if (this.store !== undefined) void Promise.resolve(this.store.deleteStream(this.id)).catch(() => {});
  }
}

function ignore(): void {}
