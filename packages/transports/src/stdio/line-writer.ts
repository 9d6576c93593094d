/**
 * Writes newline-framed messages to a Node Writable with backpressure, shared by the stdio server (stdout)
 * and client (the child's stdin).
 *
 * Every message is written at once, so order is the order of `send` calls; when the stream's buffer is
 * full, `write` returns the one shared "drained" promise, so callers that await `send` slow down to the
 * reader's pace. Stream errors (EPIPE when the reader is gone) are caught by one listener installed at
 * construction, never thrown, and reported once through `onFailure`.
 */
import type { Writable } from 'node:stream';
import { ConnectionClosedError, type JSONRPCPayload, serializeMessage } from '@mcpwire/core';

export class LineWriter {
  readonly #stream: Writable;
  readonly #onFailure: (error: Error) => void;
  #closedReason: Error | undefined;
  #drained: Promise<void> | undefined;
  #resolveDrained: (() => void) | undefined;
  #rejectDrained: ((error: Error) => void) | undefined;

  constructor(stream: Writable, onFailure: (error: Error) => void) {
    this.#stream = stream;
    this.#onFailure = onFailure;
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
    if (this.#stream.write(line) || this.#drained !== undefined) return this.#drained ?? Promise.resolve();
    this.#drained = new Promise<void>((resolve, reject) => {
      this.#resolveDrained = resolve;
      this.#rejectDrained = reject;
    });
    // Nobody may await it (fire-and-forget sends): a rejection must not become an unhandled one.
    this.#drained.catch(ignore);
    return this.#drained;
  }

  /** Stops writing: later writes and a pending drain reject with `reason`. Listeners stay to absorb late EPIPEs. */
  close(reason: Error): void {
    if (this.#closedReason !== undefined) return;
    this.#closedReason = reason;
    this.#settle(reason);
  }

  readonly #handleDrain = (): void => {
    this.#settle(undefined);
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
