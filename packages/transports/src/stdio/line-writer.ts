/**
 * Writes newline-framed messages to a Node Writable with backpressure, shared by the stdio server (stdout)
 * and client (the child's stdin).
 *
 * Every message is written at once, so order is the order of `send` calls; when the stream's buffer is
 * full, `write` returns the one shared "drained" promise, so callers that await `send` slow down to the
 * reader's pace. Stream errors (EPIPE when the reader is gone) are caught by one listener installed at
 * construction, never thrown, and reported once through `onFailure`.
 *
 * Lines written in the same tick are coalesced into one string and written on the next tick, so 64
 * responses finished by one read cost one write syscall (and no per-chunk writev bookkeeping) instead of 64.
 * `maxLinesPerWrite` bounds how many lines wait for that flush: a client whose 64 requests all wait for
 * the end of the tick keeps the server idle while it works through the tick (the two processes take turns
 * instead of overlapping); written as they come, the server starts on the first while the rest are made.
 */
import type { Writable } from 'node:stream';
import { ConnectionClosedError, type JSONRPCPayload, serializeMessage } from '@mcpwire/core/runtime';

export class LineWriter {
  readonly #stream: Writable;
  readonly #onFailure: (error: Error) => void;
  #closedReason: Error | undefined;
  #drained: Promise<void> | undefined;
  #resolveDrained: (() => void) | undefined;
  #rejectDrained: ((error: Error) => void) | undefined;
  /** Lines waiting for the next-tick flush ('' when none), and the promise their writers got. */
  #pending = '';
  #tick: Promise<void> | undefined;
  #resolveTick: (() => void) | undefined;
  #rejectTick: ((error: Error) => void) | undefined;

  readonly #onCongestion: ((congested: boolean) => void) | undefined;
  readonly #maxLinesPerWrite: number;
  #pendingLines = 0;

  /**
   * `onCongestion(true)` runs when the stream's buffer fills (the reader is slower than we write), and
   * `onCongestion(false)` when it has drained: the stdio server stops reading input meanwhile.
   * `maxLinesPerWrite`: at most this many lines are held for the end-of-tick flush (default: no limit;
   * 1 writes every line at once).
   */
  constructor(
    stream: Writable,
    onFailure: (error: Error) => void,
    onCongestion?: (congested: boolean) => void,
    maxLinesPerWrite = Infinity,
  ) {
    this.#stream = stream;
    this.#onFailure = onFailure;
    this.#onCongestion = onCongestion;
    this.#maxLinesPerWrite = maxLinesPerWrite;
    stream.on('drain', this.#handleDrain);
    stream.on('error', this.#handleError);
  }

  /** Serializes and writes one message as one line. Resolves at once unless the stream is congested. */
  write(message: JSONRPCPayload): Promise<void> {
    if (this.#closedReason !== undefined) return Promise.reject(this.#closedReason);
    if (!this.#stream.writable) {
      return Promise.reject(
        new ConnectionClosedError('Cannot send: expected a writable stream, but it has ended'),
      );
    }
    let line: string;
    try {
      line = serializeMessage(message) + '\n';
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#maxLinesPerWrite <= 1) return this.#writeNow(line);
    if (this.#pending === '') {
      process.nextTick(this.#flush);
      // One promise per tick, shared by its writes: it settles when their text is handed to the stream,
      // or (when that fills the stream's buffer) when the stream drains, so awaiting senders slow down.
      this.#tick = new Promise<void>((resolve, reject) => {
        this.#resolveTick = resolve;
        this.#rejectTick = reject;
      });
      this.#tick.catch(ignore);
    }
    this.#pending += line;
    const tick = this.#tick!;
    if (++this.#pendingLines >= this.#maxLinesPerWrite) this.#flush();
    return tick;
  }

  /** Hands one line to the stream at once: resolved unless the stream is (or now becomes) congested. */
  #writeNow(line: string): Promise<void> {
    if (this.#stream.write(line) && this.#drained === undefined) return RESOLVED;
    return this.#congested();
  }

  /** The shared "drained" promise, created (and congestion reported) when the buffer first fills. */
  #congested(): Promise<void> {
    if (this.#drained === undefined) {
      this.#drained = new Promise<void>((onDrain, onFail) => {
        this.#resolveDrained = onDrain;
        this.#rejectDrained = onFail;
      });
      // Nobody may await it (fire-and-forget sends): a rejection must not become an unhandled one.
      this.#drained.catch(ignore);
      this.#onCongestion?.(true);
    }
    return this.#drained;
  }

  /** Writes the lines gathered this tick in one call. */
  readonly #flush = (): void => {
    const text = this.#pending;
    const resolve = this.#resolveTick;
    const reject = this.#rejectTick;
    this.#pending = '';
    this.#pendingLines = 0;
    this.#tick = undefined;
    this.#resolveTick = undefined;
    this.#rejectTick = undefined;
    if (text === '') return;
    if (this.#closedReason !== undefined) {
      reject?.(this.#closedReason);
      return;
    }
    if (!this.#stream.writable) {
      reject?.(new ConnectionClosedError('Cannot send: expected a writable stream, but it has ended'));
      return;
    }
    if (this.#stream.write(text) && this.#drained === undefined) {
      resolve?.();
      return;
    }
    this.#congested().then(resolve, reject);
  };

  /** Stops writing: later writes and a pending drain reject with `reason`. Listeners stay to absorb late EPIPEs. */
  close(reason: Error): void {
    if (this.#closedReason !== undefined) return;
    this.#flush(); // what was sent before close still goes out
    this.#closedReason = reason;
    this.#settle(reason);
  }

  readonly #handleDrain = (): void => {
    const congested = this.#drained !== undefined;
    this.#settle(undefined);
    if (congested) this.#onCongestion?.(false);
  };

  readonly #handleError = (error: Error): void => {
    if (this.#closedReason !== undefined) return;
    const reason = new ConnectionClosedError(
      `Cannot send: expected an open stream, but writing failed (${(error as NodeJS.ErrnoException).code ?? error.message})`,
    );
    this.close(reason);
    this.#onFailure(error);
  };

  #settle(error: Error | undefined): void {
    const resolve = this.#resolveDrained;
    const reject = this.#rejectDrained;
    this.#drained = undefined;
    this.#resolveDrained = undefined;
    this.#rejectDrained = undefined;
    if (error === undefined) resolve?.();
    else reject?.(error);
  }
}

function ignore(): void {}

const RESOLVED: Promise<void> = Promise.resolve();
