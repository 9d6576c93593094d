/**
 * Incremental Server-Sent Events decoder (WHATWG "event stream interpretation").
 * Bytes go in as they arrive; whole events come out through a callback. Partial lines are kept as one
 * string remainder (no per-chunk byte concatenation): TextDecoder in streaming mode handles UTF-8
 * sequences split across chunks.
 */

export interface SseEvent {
  /** Event type; `message` when the event had no `event:` field. */
  event: string;
  /** The data lines joined by `\n` (may be empty, e.g. a priming event). */
  data: string;
  /** The last event id as of this event (SSE ids persist across events). */
  id: string | undefined;
  /** Reconnection delay in ms, when this event carried a valid `retry:` field. */
  retry: number | undefined;
}

/** Options of {@link SseDecoder}. */
export interface SseDecoderOptions {
  /** Largest event (or line) accepted, in UTF-16 code units; guards memory against a hostile peer. */
  maxEventLength?: number;
  /** The last event id of an earlier connection to the same stream (a resumed stream starts from it). */
  lastEventId?: string;
}

const LF = 10;
const CR = 13;
const DEFAULT_MAX_EVENT_LENGTH = 16 * 1024 * 1024;

/** Decodes a Server-Sent Events stream into events, chunk by chunk, with a bound on event size. */
export class SseDecoder {
  private readonly text = new TextDecoder();
  private readonly maxEventLength: number;
  private remainder = '';
  private skipLeadingLf = false;
  private first = true;
  private data = '';
  private hasData = false;
  private eventType = '';
  private retry: number | undefined;
  /** The `id` field seen last, dispatched or not ("last event ID buffer" in the SSE standard). */
  private idBuffer: string | undefined;
  /**
   * The id of the last event dispatched, kept across events ("last event ID string"): what a client
   * resumes from. An `id:` line whose event never completed (the connection broke before its blank line)
   * does not count, or that event, whose data never arrived, would be skipped on resumption.
   */
  lastEventId: string | undefined;

  /** A decoder that calls `onEvent` with each complete event. */
  constructor(
    private readonly onEvent: (event: SseEvent) => void,
    options: SseDecoderOptions = {},
  ) {
    this.maxEventLength = options.maxEventLength ?? DEFAULT_MAX_EVENT_LENGTH;
    this.lastEventId = options.lastEventId;
    this.idBuffer = options.lastEventId;
  }

  /** Feeds bytes (or already decoded text). Throws a RangeError when an event exceeds the size limit. */
  push(chunk: Uint8Array | string): void {
    let text = typeof chunk === 'string' ? chunk : this.text.decode(chunk, { stream: true });
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const buffer = this.remainder.length > 0 ? this.remainder + text : text;
    let start = 0;
    const length = buffer.length;
    if (this.skipLeadingLf && length > 0) {
      this.skipLeadingLf = false;
      if (buffer.charCodeAt(0) === LF) start = 1;
    }
    for (let i = start; i < length; i++) {
      const c = buffer.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      this.line(buffer, start, i);
      if (c === CR) {
        if (i + 1 < length) {
          if (buffer.charCodeAt(i + 1) === LF) i++;
        } else {
          this.skipLeadingLf = true;
        }
      }
      start = i + 1;
    }
    this.remainder = start < length ? buffer.slice(start) : '';
    if (this.remainder.length + this.data.length > this.maxEventLength) {
      this.remainder = '';
      this.data = '';
      throw new RangeError(
        `SSE event too large: expected at most ${this.maxEventLength} characters, received more`,
      );
    }
  }

  /**
   * Ends the stream: a trailing event without its blank line is discarded, as the SSE spec says, and its
   * id (if any) is forgotten.
   */
  end(): void {
    this.text.decode();
    this.remainder = '';
    this.idBuffer = this.lastEventId;
    this.resetEvent();
  }

  private line(buffer: string, start: number, end: number): void {
    if (start === end) {
      this.dispatch();
      return;
    }
    if (buffer.charCodeAt(start) === 58 /* ':' comment */) return;
    const colon = buffer.indexOf(':', start);
    let field: string;
    let value: string;
    if (colon === -1 || colon >= end) {
      field = buffer.slice(start, end);
      value = '';
    } else {
      field = buffer.slice(start, colon);
      let valueStart = colon + 1;
      if (valueStart < end && buffer.charCodeAt(valueStart) === 32) valueStart++;
      value = buffer.slice(valueStart, end);
    }
    switch (field) {
      case 'data':
        this.data = this.hasData ? this.data + '\n' + value : value;
        this.hasData = true;
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.idBuffer = value;
        break;
      case 'retry':
        if (value.length > 0 && isDigits(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
  }

  private dispatch(): void {
    this.lastEventId = this.idBuffer;
    if (!this.hasData) {
      // An event without data is not dispatched, but a `retry` it carried still counts.
      if (this.retry !== undefined) {
        this.onEvent({ event: '', data: '', id: this.lastEventId, retry: this.retry });
      }
      this.resetEvent();
      return;
    }
    const event: SseEvent = {
      event: this.eventType || 'message',
      data: this.data,
      id: this.lastEventId,
      retry: this.retry,
    };
    this.resetEvent();
    this.onEvent(event);
  }

  private resetEvent(): void {
    this.data = '';
    this.hasData = false;
    this.eventType = '';
    this.retry = undefined;
  }
}

function isDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
