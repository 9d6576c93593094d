/**
 * Writes the handler's answer to a ServerResponse: a text answer with one `writeHead` + `end` (with a
 * Content-Length, so keep-alive clients need no chunked decoding), an SSE answer with one `write` per event,
 * and a web Response (from an auth hook, or a plain fetch handler) by reading its body.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpOutput } from '../server/http-io.js';
import type { SseConnection, SseSink } from '../server/sse-stream.js';

export function writeOutput(output: HttpOutput, res: ServerResponse): void | Promise<void> {
  switch (output.kind) {
    case 'text': {
      const body = output.body;
      if (body === null) {
        res.writeHead(output.status, output.headers);
        res.end();
        return;
      }
      // The output is built for this one answer, so its headers may be completed in place.
      output.headers['content-length'] = String(Buffer.byteLength(body));
      res.writeHead(output.status, output.headers);
      res.end(body);
      return;
    }
    case 'sse':
      res.writeHead(output.status, output.headers);
      bindSse(output.connection, res);
      return;
    case 'web':
      return writeResponse(output.response, res);
  }
}

/**
 * SSE bytes → the response. Writes made in one turn of the event loop (headers, the events of a quick
 * answer and the end) are held in the corked socket and leave in one system call on the next turn, rather
 * than one call each; a stream that waits still gets its headers on that next turn.
 */
class ResponseSink implements SseSink {
  private corked: Socket | undefined;

  constructor(private readonly res: ServerResponse) {
    this.hold();
    res.flushHeaders();
  }

  write(bytes: Uint8Array): boolean {
    const res = this.res;
    if (res.destroyed || res.writableEnded) return false;
    this.hold();
    // Node buffers past the high-water mark; the web path's stream queue did the same.
    res.write(bytes);
    return true;
  }

  end(): void {
    if (this.res.writableEnded) return;
    this.hold();
    this.res.end();
  }

  /** Corks the socket itself (not the response, which detaches from it on finish) until the next turn. */
  private hold(): void {
    if (this.corked !== undefined) return;
    const socket = this.res.socket;
    if (socket === null) return;
    socket.cork();
    this.corked = socket;
    setImmediate(release, this);
  }

  release(): void {
    const socket = this.corked;
    this.corked = undefined;
    socket?.uncork();
  }
}

function release(sink: ResponseSink): void {
  sink.release();
}

function bindSse(connection: SseConnection, res: ServerResponse): void {
  // Gone while the answer was being prepared: its close event has already fired.
  if (res.destroyed) {
    connection.gone();
    return;
  }
  res.once('close', () => connection.gone());
  connection.bind(new ResponseSink(res));
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
