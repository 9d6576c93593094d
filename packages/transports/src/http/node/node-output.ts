/**
 * Writes the handler's answer to a ServerResponse: a text answer with one `writeHead` + `end` (with a
 * Content-Length, so keep-alive clients need no chunked decoding), an SSE answer as text gathered and
 * written once per burst of work, and a web Response (from an auth hook, or a plain fetch handler) by
 * reading its body.
 */
import type { ServerResponse } from 'node:http';
import type { HttpOutput, SseOutput } from '../server/http-io.js';
import type { SseSink } from '../server/sse-stream.js';

export function writeOutput(output: HttpOutput, res: ServerResponse): void | Promise<void> {
  switch (output.kind) {
    case 'text': {
      const body = output.body;
      if (body === null) {
        res.writeHead(output.status, output.headers);
        res.end();
        return;
      }
      writeWhole(res, output.status, output.headers, body);
      return;
    }
    case 'sse':
      bindSse(output, res);
      return;
    case 'web':
      return writeResponse(output.response, res);
  }
}

/**
 * A body known in full: one write, framed by its Content-Length (keep-alive clients need no chunked
 * decoding). The headers object is built for this one answer, so it is completed in place.
 */
function writeWhole(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  res.end(body);
}

/**
 * SSE text → the response. Nothing is written at once: text gathered while the current callback and its
 * promise chains run leaves in one write when they are done (a nextTick, which runs after the microtasks
 * they queued), headers included, so a stream's events are not one system call each. A stream that ends
 * before that write (a quick answer: its events and its end arrive together) goes out as one plain body
 * with a Content-Length, with no chunked framing and no close listener.
 */
class ResponseSink implements SseSink {
  private buffered = '';
  private headSent = false;
  private ended = false;
  private scheduled = false;
  /** A writer waits for the backlog to fall below this (-1: nobody waits). */
  private highWater = -1;
  private drainListened = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly output: SseOutput,
  ) {}

  write(text: string): boolean {
    if (this.res.destroyed || this.ended) return false;
    this.buffered += text;
    this.schedule();
    return true;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.headSent) {
      this.flush();
      return;
    }
    this.schedule();
  }

  backlog(): number {
    // Gathered this tick, plus what Node holds for the socket (the kernel's buffer is already full then).
    return this.buffered.length + this.res.writableLength;
  }

  notifyWhenRoom(highWater: number): void {
    this.highWater = highWater;
    // Gathered text leaves on the next flush, which checks again; otherwise wait for the socket.
    if (this.buffered === '') this.checkRoom();
  }

  abort(): void {
    this.ended = true;
    this.buffered = '';
    this.res.destroy();
  }

  /** Tells a waiting writer when there is room: now, or when the socket drains. */
  private checkRoom(): void {
    if (this.highWater < 0) return;
    const res = this.res;
    // Without a pending drain event, Node's buffer is below its own mark: there is room however we count.
    if (this.backlog() < this.highWater || !res.writableNeedDrain || res.destroyed) {
      this.highWater = -1;
      this.output.connection.roomAvailable();
      return;
    }
    if (this.drainListened) return;
    this.drainListened = true;
    res.once('drain', () => {
      this.drainListened = false;
      this.checkRoom();
    });
  }

  /** Makes sure the headers and the gathered text leave once the current work is done. */
  schedule(): void {
    if (this.scheduled || this.res.writableEnded) return;
    this.scheduled = true;
    process.nextTick(flushSink, this);
  }

  flush(): void {
    this.scheduled = false;
    const res = this.res;
    if (res.writableEnded) return;
    if (res.destroyed) {
      this.output.connection.gone();
      return;
    }
    const text = this.buffered;
    this.buffered = '';
    if (!this.headSent) {
      this.headSent = true;
      const headers = this.output.headers;
      if (this.ended) {
        writeWhole(res, this.output.status, headers, text);
        return;
      }
      res.writeHead(this.output.status, headers);
      // Without text yet, the headers alone go out so the client sees the stream open.
      if (text === '') res.flushHeaders();
      // From now on the stream stays open: a client that leaves is the connection going away.
      const connection = this.output.connection;
      res.once('close', () => connection.gone());
    }
    // Node buffers past its high-water mark; writers that await their sends wait in checkRoom.
    if (text !== '') res.write(text);
    if (this.ended) res.end();
    else this.checkRoom();
  }
}

function flushSink(sink: ResponseSink): void {
  sink.flush();
}

function bindSse(output: SseOutput, res: ServerResponse): void {
  const connection = output.connection;
  // Gone while the answer was being prepared: its close event has already fired.
  if (res.destroyed) {
    connection.gone();
    return;
  }
  const sink = new ResponseSink(res, output);
  connection.bind(sink);
  // Still open after what was gathered: the headers go out soon even if nothing else does.
  sink.schedule();
}

export async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  const body = response.body;
  if (body === null) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    // A finite body: one write with a Content-Length, so keep-alive clients need no chunked decoding.
    const bytes = new Uint8Array(await response.arrayBuffer());
    headers['content-length'] = String(bytes.byteLength);
    res.writeHead(response.status, headers);
    res.end(bytes);
    return;
  }
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const reader = body.getReader();
  const onClose = (): void => {
    void reader.cancel().catch(() => {});
  };
  res.on('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', onClose);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
