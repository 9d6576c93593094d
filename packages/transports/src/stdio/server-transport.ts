/**
 * The server side of the stdio transport (2025-11-25 basic/transports §stdio, 2026-07-28 transports/stdio):
 * reads newline-delimited JSON-RPC from stdin, writes only MCP messages to stdout, one per line.
 *
 * - Nothing but messages goes to stdout: this file never logs; problems go to `onerror`.
 * - A malformed line is answered here with -32700 (not JSON) or -32600 (not a JSON-RPC message, with the id
 *   when readable), reported through `onerror`, and the next line is read as usual.
 * - stdin EOF: a last line without a newline is still read. With an engine attached (it sets `oninputend`),
 *   the engine answers the requests in flight and then closes the transport; after `endGraceMs` it closes
 *   anyway. Without one it closes at once. Then `onclose` fires and stdin is released so the process can exit.
 * - stdout errors (EPIPE when the client went away) close the transport instead of crashing the process.
 * - While stdout is backed up (the client does not read), stdin is not read either (backpressure).
 */
import type { Readable, Writable } from 'node:stream';
import {
  ConnectionClosedError,
  ErrorCode,
  type FramingError,
  type JSONRPCPayload,
  LineDecoder,
  LocalError,
  LocalErrorCode,
  makeErrorResponse,
  type ParseOptions,
  parseMessage,
  type Transport,
  TransportError,
} from '@mcpwire/core/runtime';
import { LineWriter } from './line-writer.js';

/** Options of {@link StdioServerTransport}. */
export interface StdioServerTransportOptions {
  /** Where messages come from. Default `process.stdin`. */
  stdin?: Readable;
  /** Where messages go. Default `process.stdout`. */
  stdout?: Writable;
  /** Largest accepted message in bytes; longer lines are answered with -32600 and dropped. Default 4 MiB. */
  maxMessageBytes?: number;
  /** Accept JSON-RPC batches from the start. They are enabled anyway once 2025-03-26 is negotiated. */
  allowBatches?: boolean;
  /**
   * After stdin ends, how long the requests still in flight may take to be answered before the transport
   * closes anyway, in ms. Default 10000.
   */
  endGraceMs?: number;
}

/** `ending`: stdin ended; answers to the requests still in flight go out, then the transport closes. */
type State = 'new' | 'open' | 'ending' | 'closed';

const BATCHES: ParseOptions = { allowBatch: true };
const NO_BATCHES: ParseOptions = { allowBatch: false };

export class StdioServerTransport implements Transport {
  readonly transportKind = 'stdio' as const;
  onmessage?: Transport['onmessage'];
  onerror?: Transport['onerror'];
  onclose?: Transport['onclose'];
  oninputend?: Transport['oninputend'];

  readonly #stdin: Readable;
  readonly #stdout: Writable;
  readonly #decoder: LineDecoder;
  readonly #allowBatchesAlways: boolean;
  #parseOptions: ParseOptions;
  #writer: LineWriter | undefined;
  #state: State = 'new';
  readonly #endGraceMs: number;
  #grace: ReturnType<typeof setTimeout> | undefined;

  /** A server transport on this process's stdin and stdout (or the streams of `options`). */
  constructor(options: StdioServerTransportOptions = {}) {
    this.#stdin = options.stdin ?? process.stdin;
    this.#stdout = options.stdout ?? process.stdout;
    this.#allowBatchesAlways = options.allowBatches === true;
    this.#parseOptions = this.#allowBatchesAlways ? BATCHES : NO_BATCHES;
    this.#endGraceMs = options.endGraceMs ?? 10_000;
    this.#decoder = new LineDecoder({
      onLine: this.#handleLine,
      onError: this.#handleFramingError,
      ...(options.maxMessageBytes === undefined ? {} : { maxLineBytes: options.maxMessageBytes }),
    });
  }

  async start(): Promise<void> {
    if (this.#state !== 'new') {
      throw new LocalError(
        LocalErrorCode.InvalidState,
        `StdioServerTransport was already connected: expected a new transport for each connect() (one that was never started), received one that is ${this.#state}`,
      );
    }
    this.#state = 'open';
    this.#writer = new LineWriter(this.#stdout, this.#handleWriteFailure, this.#handleCongestion);
    this.#stdin.on('data', this.#handleData);
    this.#stdin.on('end', this.#handleEnd);
    this.#stdin.on('error', this.#handleReadError);
    this.#stdin.resume();
  }

  send(message: JSONRPCPayload): Promise<void> {
    const state = this.#state;
    if ((state !== 'open' && state !== 'ending') || this.#writer === undefined) {
      return Promise.reject(
        new ConnectionClosedError(
          `Cannot send: expected an open stdio transport, received one that is ${this.#state}`,
        ),
      );
    }
    return this.#writer.write(message);
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    const wasOpen = this.#state !== 'new';
    this.#state = 'closed';
    if (this.#grace !== undefined) clearTimeout(this.#grace);
    this.#stdin.off('data', this.#handleData);
    this.#stdin.off('end', this.#handleEnd);
    this.#stdin.off('error', this.#handleReadError);
    // Paused and without data listeners, stdin no longer keeps the event loop alive.
    this.#stdin.pause();
    this.#writer?.close(new ConnectionClosedError('Cannot send: the stdio transport was closed'));
    if (wasOpen) this.onclose?.();
  }

  /** Batches are a 2025-03-26 feature: the engine tells us the negotiated revision. */
  setProtocolVersion(version: string): void {
    this.#parseOptions = this.#allowBatchesAlways || version === '2025-03-26' ? BATCHES : NO_BATCHES;
  }

  readonly #handleData = (chunk: Buffer | string): void => {
    this.#decoder.push(chunk);
  };

  /**
   * While the client does not read our output, we do not read its input: otherwise every request read
   * adds an answer to stdout's buffer, and a client that only writes grows the server without bound.
   */
  readonly #handleCongestion = (congested: boolean): void => {
    if (this.#state !== 'open') return;
    if (congested) this.#stdin.pause();
    else this.#stdin.resume();
  };

  readonly #handleEnd = (): void => {
    // A last line without a newline is a message too: the decoder hands it over here.
    this.#decoder.end();
    if (this.#state !== 'open') return;
    const drain = this.oninputend;
    if (drain === undefined) {
      void this.close();
      return;
    }
    // Answers may still go out; the engine closes us once it has answered what it was asked.
    this.#state = 'ending';
    this.#grace = setTimeout(() => void this.close(), this.#endGraceMs);
    // A process with nothing else left to do may exit: its requests can no longer finish anyway.
    this.#grace.unref();
    drain();
  };

  readonly #handleReadError = (error: Error): void => {
    this.#reportError(
      new TransportError(`stdin failed: expected a readable stream, received an error (${error.message})`, {
        cause: error,
      }),
    );
    void this.close();
  };

  readonly #handleWriteFailure = (error: Error): void => {
    const code = (error as NodeJS.ErrnoException).code;
    this.#reportError(
      new TransportError(
        `stdout failed: expected the client to read our output, received ${code ?? 'an error'} (${error.message})`,
        { cause: error },
      ),
    );
    void this.close();
  };

  readonly #handleLine = (line: string): void => {
    if (this.#state !== 'open') return;
    const parsed = parseMessage(line, this.#parseOptions);
    if (!parsed.ok) {
      // A notification is never answered, not even one MCP cannot use: it is only reported.
      if (parsed.notification !== true)
        this.#answerInvalid(parsed.id, parsed.error.code, parsed.error.message);
      this.#reportError(parsed.error);
      return;
    }
    if (parsed.kind === 'batch') {
      for (const failure of parsed.failures) {
        if (failure.notification !== true) {
          this.#answerInvalid(failure.id, failure.error.code, failure.error.message);
        }
        this.#reportError(failure.error);
      }
      if (parsed.message.length === 0) return;
    }
    try {
      this.onmessage?.(parsed.message);
    } catch (error) {
      // A throwing handler must not break the read loop (or the process): report it and keep reading.
      this.#reportError(error instanceof Error ? error : new Error(String(error)));
    }
  };

  readonly #handleFramingError = (error: FramingError): void => {
    const code = error.reason === 'invalid-utf8' ? ErrorCode.ParseError : ErrorCode.InvalidRequest;
    const prefix = code === ErrorCode.ParseError ? 'Parse error: ' : 'Invalid request: ';
    this.#answerInvalid(undefined, code, prefix + error.message);
    this.#reportError(error);
  };

  #answerInvalid(id: string | number | undefined, code: number, message: string): void {
    this.#writer?.write(makeErrorResponse(id, code, message)).catch(this.#reportError);
  }

  readonly #reportError = (error: Error): void => {
    try {
      this.onerror?.(error);
    } catch {
      // An error handler that throws has nowhere to report to; stdout must stay clean, so drop it.
    }
  };
}
