/**
 * An IncomingMessage's body as a web ReadableStream, for a plain fetch handler served on Node (a router's
 * user routes, `toNodeListener` of a handler without a light form). A body a framework already parsed is
 * served from that parsed value instead of the used-up stream.
 */
import type { IncomingMessage } from 'node:http';
import { bodyAfterStreamEnded } from './parsed-body.js';

const encoder = new TextEncoder();

export function requestBodyStream(req: IncomingMessage, given: unknown): ReadableStream<Uint8Array> {
  if (given !== undefined || req.readableEnded || (req.readableDidRead && req.readableLength === 0)) {
    return parsedBodyStream(req, given);
  }
  // After a cancel (a body over the limit) reading stops (the answer closes the connection), and the stream
  // must not be touched again: enqueue/close on a cancelled stream throw, outside any promise, and would
  // crash the process.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (!cancelled) controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      });
      req.on('end', () => {
        if (!cancelled) controller.close();
      });
      req.on('error', (error) => {
        if (!cancelled) controller.error(error);
      });
    },
    cancel() {
      cancelled = true;
      req.pause();
    },
  });
}

/** The parsed body as bytes, or a stream that fails with the plain reason when there is none. */
function parsedBodyStream(req: IncomingMessage, given: unknown): ReadableStream<Uint8Array> {
  const body = bodyAfterStreamEnded(req, given, Number.POSITIVE_INFINITY);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (!body.ok) {
        controller.error(new Error(body.tooLarge ? 'Request body too large' : body.message));
        return;
      }
      // A fetch handler reads bytes: a value a framework parsed goes back to JSON text.
      const text = body.value === undefined ? body.text : (JSON.stringify(body.value) ?? '');
      if (text !== '') controller.enqueue(encoder.encode(text));
      controller.close();
    },
  });
}
