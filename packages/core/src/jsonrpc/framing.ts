/**
 * Newline framing for byte streams (stdio, sockets): one JSON-RPC message per line. Runtime-neutral: works on
 * Uint8Array (Node Buffers are Uint8Arrays) and strings.
 *
 * Why it looks like this:
 * - Chunks that end mid-line are kept in a list and joined once when the newline arrives, so one message
 *   spread over many chunks costs O(size), not O(size x chunks).
 * - Newlines are found with indexOf on bytes; a UTF-8 multibyte sequence never contains byte 0x0A, so
 *   splitting on it is safe and characters cut between chunks are decoded whole (only complete lines are
 *   decoded).
 * - A line longer than `maxLineBytes` is reported as soon as the limit is crossed and dropped up to the next
 *   newline, so memory stays bounded and the stream recovers.
 */
import { LocalError, LocalErrorCode } from '../errors.js';

/** 4 MiB: far above typical MCP messages, small enough that a runaway peer cannot exhaust memory. */
export const DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

/** Why newline framing dropped a line. */
export type FramingErrorReason = 'line-too-long' | 'invalid-utf8';

/** A line the decoder had to drop. The stream continues with the next line. */
export class FramingError extends LocalError {
  readonly reason: FramingErrorReason;
  /** A line was dropped, for `reason`. */
  constructor(reason: FramingErrorReason, message: string) {
    super(LocalErrorCode.InvalidMessage, message);
    this.name = 'FramingError';
    this.reason = reason;
  }
}

/** Options of {@link LineDecoder}. */
export interface LineDecoderOptions {
  /** Called with each complete, non-empty line, without its `\n` or `\r\n`. Must not throw. */
  onLine: (line: string) => void;
  /** Called for each dropped line (too long, not UTF-8). Must not throw. Errors are dropped when absent. */
  onError?: (error: FramingError) => void;
  /** Maximum bytes in one line, newline excluded. Default DEFAULT_MAX_LINE_BYTES (4 MiB). */
  maxLineBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Splits a byte (or text) stream into lines. Feed it with `push`, finish with `end`. */
export class LineDecoder {
  readonly maxLineBytes: number;
  readonly #onLine: (line: string) => void;
  readonly #onError: ((error: FramingError) => void) | undefined;
  /** Pieces of the current, unfinished line. Pushed chunks are referenced, not copied: do not reuse them. */
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** True while inside a line that already exceeded the limit: bytes are dropped until the next newline. */
  #discarding = false;

  /** A decoder that calls `options.onLine` with each complete line of the chunks it is given. */
  constructor(options: LineDecoderOptions) {
    const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!Number.isInteger(max) || max <= 0) {
      throw new LocalError(
        LocalErrorCode.InvalidConfig,
        `LineDecoder: expected maxLineBytes to be a positive integer, received ${String(max)}`,
      );
    }
    this.maxLineBytes = max;
    this.#onLine = options.onLine;
    this.#onError = options.onError;
  }

  /** Bytes held for the current unfinished line. */
  get bufferedBytes(): number {
    return this.#pendingBytes;
  }

  /** Feeds a chunk. Every line completed by it is delivered before push returns. */
  push(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    const length = bytes.length;
    let start = 0;
    // Finish the line held from earlier chunks first (it is the only one that needs joining).
    if (this.#pendingBytes > 0 || this.#discarding) {
      const newline = bytes.indexOf(LF);
      if (newline === -1) {
        this.#hold(bytes, 0, length);
        return;
      }
      this.#complete(bytes, 0, newline);
      start = newline + 1;
    }
    const last = bytes.lastIndexOf(LF);
    if (last >= start) {
      // Fast path: the whole lines of this chunk are decoded with one decoder call. The slow path, line by
      // line, runs only when one of them is too long or not UTF-8, to report exactly that line.
      if (!this.#emitRegion(bytes, start, last)) {
        while (start <= last) {
          const newline = bytes.indexOf(LF, start);
          this.#complete(bytes, start, newline);
          start = newline + 1;
        }
      }
      start = last + 1;
    }
    if (start < length) this.#hold(bytes, start, length);
  }

  /** The stream ended: a trailing line without a newline is delivered as a line (the parser judges it). */
  end(): void {
    if (this.#discarding) {
      this.#discarding = false;
      return;
    }
    if (this.#pendingBytes > 0) this.#emit(this.#takePending(0, null, 0, 0));
  }

  /**
   * Emits the complete lines in bytes[start, end) after decoding them as one string. Returns false (and emits
   * nothing) when a line is too long or not UTF-8, so the per-line path can report exactly which one.
   */
  #emitRegion(bytes: Uint8Array, regionStart: number, end: number): boolean {
    if (end - regionStart > this.maxLineBytes) {
      let lineStart = regionStart;
      while (lineStart < end) {
        let lineEnd = bytes.indexOf(LF, lineStart);
        if (lineEnd === -1 || lineEnd > end) lineEnd = end;
        if (lineEnd - lineStart > this.maxLineBytes) return false;
        lineStart = lineEnd + 1;
      }
    }
    let text: string;
    try {
      text = utf8.decode(bytes.subarray(regionStart, end));
    } catch {
      return false;
    }
    let start = 0;
    const length = text.length;
    while (start <= length) {
      let newline = text.indexOf('\n', start);
      if (newline === -1) newline = length;
      let lineEnd = newline;
      if (lineEnd > start && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
      if (lineEnd > start) {
        const line = text.slice(start, lineEnd);
        if (line.charCodeAt(0) > SPACE || line.trim().length > 0) this.#onLine(line);
      }
      start = newline + 1;
    }
    return true;
  }

  #hold(bytes: Uint8Array, start: number, end: number): void {
    if (this.#discarding) return;
    const size = end - start;
    if (this.#pendingBytes + size > this.maxLineBytes) {
      this.#discarding = true;
      this.#tooLong(this.#pendingBytes + size, false);
      return;
    }
    this.#pending.push(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
    this.#pendingBytes += size;
  }

  #complete(bytes: Uint8Array, start: number, end: number): void {
    if (this.#discarding) {
      this.#discarding = false;
      return;
    }
    const size = this.#pendingBytes + (end - start);
    // A CR before the LF is not part of the line, so it does not count towards the limit.
    const lastByte = end > start ? bytes[end - 1] : this.#pending[this.#pending.length - 1]?.at(-1);
    const contentSize = lastByte === CR ? size - 1 : size;
    if (contentSize > this.maxLineBytes) {
      this.#tooLong(size, true);
      return;
    }
    this.#emit(
      this.#pendingBytes === 0 ? bytes.subarray(start, end) : this.#takePending(size, bytes, start, end),
    );
  }

  /** Joins the held pieces (and the final piece, if any) into one line: the only copy a line ever costs. */
  #takePending(size: number, last: Uint8Array | null, start: number, end: number): Uint8Array {
    const pieces = this.#pending;
    let line: Uint8Array;
    if (last === null && pieces.length === 1) {
      line = pieces[0]!;
    } else {
      line = new Uint8Array(last === null ? this.#pendingBytes : size);
      let offset = 0;
      for (const piece of pieces) {
        line.set(piece, offset);
        offset += piece.length;
      }
      if (last !== null) line.set(last.subarray(start, end), offset);
    }
    this.#pending = [];
    this.#pendingBytes = 0;
    return line;
  }

  #emit(line: Uint8Array): void {
    let length = line.length;
    if (length > 0 && line[length - 1] === CR) length--;
    if (length === 0) return;
    let text: string;
    try {
      text = utf8.decode(length === line.length ? line : line.subarray(0, length));
    } catch {
      this.#onError?.(
        new FramingError(
          'invalid-utf8',
          `Invalid line: expected UTF-8 text, received ${length} bytes that are not valid UTF-8 (the line is dropped)`,
        ),
      );
      return;
    }
    // Whitespace-only lines carry no message; skip them like empty ones (checked only when it could apply).
    if (text.charCodeAt(0) <= SPACE && text.trim().length === 0) return;
    this.#onLine(text);
  }

  #tooLong(received: number, complete: boolean): void {
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#onError?.(
      new FramingError(
        'line-too-long',
        `Line too long: expected at most ${this.maxLineBytes} bytes per message, received ${complete ? `${received} bytes` : `${received} bytes and no newline yet`} (the line is dropped up to the next newline)`,
      ),
    );
  }
}
