/**
 * An SSE connection's body as a web ReadableStream (web-standard handlers: Bun, Deno, Workers, and Node
 * through a plain fetch function). The stream's queue is counted in bytes, and `pull` (called when the
 * reader took from the queue and it has room again) is what lets waiting writers go on: the runtime
 * reads the body only as fast as its client takes it, so a client that stops reading holds writers back.
 */
import type { SseConnection, SseSink } from './sse-stream.js';

const encoder = new TextEncoder();

class WebBodySink implements SseSink {
  private highWater = -1;

  constructor(
    private readonly controller: ReadableStreamDefaultController<Uint8Array>,
    private readonly connection: SseConnection,
  ) {}

  write(text: string): boolean {
    try {
      this.controller.enqueue(encoder.encode(text));
      return true;
    } catch {
      return false;
    }
  }

  end(): void {
    try {
      this.controller.close();
    } catch {
      // Already errored or cancelled by the reader: nothing left to close.
    }
  }

  backlog(): number {
    // desiredSize = highWaterMark - bytes queued; null once the stream errored (nothing is held then).
    const desired = this.controller.desiredSize;
    return desired === null ? 0 : this.connection.limits.highWaterBytes - desired;
  }

  /** A reader waiting for data takes a chunk at once; bytes left queued mean none is waiting. */
  stalled(): boolean {
    return this.backlog() > 0;
  }

  notifyWhenRoom(highWater: number): void {
    this.highWater = highWater;
  }

  /** The stream's pull: the reader took from the queue. */
  pulled(): void {
    if (this.highWater < 0 || this.backlog() >= this.highWater) return;
    this.highWater = -1;
    this.connection.roomAvailable();
  }

  abort(): void {
    try {
      this.controller.error(
        new Error('SSE response ended: the client did not read it (stream buffer limit or stall timeout)'),
      );
    } catch {
      // Already closed or errored.
    }
  }
}

export function webSseBody(connection: SseConnection): ReadableStream<Uint8Array> {
  let sink: WebBodySink | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        sink = new WebBodySink(controller, connection);
        connection.bind(sink);
      },
      pull() {
        sink?.pulled();
      },
      cancel() {
        connection.gone();
      },
    },
    { highWaterMark: connection.limits.highWaterBytes, size: (chunk) => chunk.byteLength },
  );
}
