/**
 * A Node request's body, read as the handler's HttpInput promises it: decoded once, at most `limit` bytes
 * (beyond, reading stops and the answer closes the connection, see the adapter).
 */
import type { IncomingMessage } from 'node:http';
import type { BodyResult } from '../../shared-http/body.js';
import type { BodyWaiter } from '../server/http-io.js';
import { bodyAfterStreamEnded } from './parsed-body.js';

// The same decoding as the web path's readBodyText (replacement characters, a leading BOM dropped).
const decoder = new TextDecoder();

/**
 * The body up to `limit` bytes if the stream has all of it: read to its end already, or seen whole by the
 * parser (then it is in the stream's buffer: taken now rather than on later data and end events).
 * Undefined while it is still arriving: inside the parser's 'request' callback the body is parsed only
 * after this callback's microtasks have run (a microtask later it was never there, even for a body in the
 * headers' packet: measured on Node 20 under load), so gatherBody then waits for its events.
 */
export function bodyInBuffer(req: IncomingMessage, limit: number, given: unknown): BodyResult | undefined {
  if (req.readableEnded) return bodyAfterStreamEnded(req, given, limit);
  if (req.complete) return takeBuffered(req, limit, given);
  return undefined;
}

/** Gathers a body still arriving (see bodyInBuffer), up to `limit` bytes, for `waiter`. */
export function gatherBody(req: IncomingMessage, limit: number, waiter: BodyWaiter): void {
  (req as Gathered)[GATHERING] = new Gathering(limit, waiter);
  req.on('data', onBodyData);
  req.on('end', onBodyEnd);
  req.on('error', onBodyError);
  req.on('close', onBodyClose);
}

/** gatherBody as a promise, for readBody. */
export function gatheredBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise<BodyResult>((resolve, reject) =>
    gatherBody(req, limit, new PromiseWaiter(resolve, reject)),
  );
}

class PromiseWaiter implements BodyWaiter {
  constructor(
    readonly bodyRead: (body: BodyResult) => void,
    readonly bodyFailed: (error: unknown) => void,
  ) {}
}

/**
 * A body being gathered, kept on its request so that the listeners are shared functions (`this` is the
 * request) rather than five closures per request. They stay attached once it settles (the request object
 * ends with its exchange), so `settled` makes them no-ops.
 */
class Gathering {
  settled = false;
  total = 0;
  first: Buffer | undefined = undefined;
  more: Buffer[] | undefined = undefined;

  constructor(
    readonly limit: number,
    readonly waiter: BodyWaiter,
  ) {}
}

const GATHERING = Symbol('mcpwire.gathering');
type Gathered = IncomingMessage & { [GATHERING]?: Gathering };

function onBodyData(this: Gathered, chunk: Buffer): void {
  const gathering = this[GATHERING]!;
  if (gathering.settled) return;
  gathering.total += chunk.byteLength;
  if (gathering.total > gathering.limit) {
    gathering.settled = true;
    // Read no further: the answer closes the connection (see the adapter), rather than draining it.
    this.pause();
    gathering.waiter.bodyRead({ ok: false, tooLarge: true, received: gathering.total });
    return;
  }
  if (gathering.first === undefined) gathering.first = chunk;
  else if (gathering.more === undefined) gathering.more = [gathering.first, chunk];
  else gathering.more.push(chunk);
}

function onBodyEnd(this: Gathered): void {
  const gathering = this[GATHERING]!;
  if (gathering.settled) return;
  gathering.settled = true;
  // One copy at the end, not one per chunk.
  const { first, more } = gathering;
  const bytes = more === undefined ? first : Buffer.concat(more, gathering.total);
  gathering.waiter.bodyRead({ ok: true, text: bytes === undefined ? '' : decoder.decode(bytes) });
}

function onBodyError(this: Gathered, error: Error): void {
  const gathering = this[GATHERING]!;
  if (gathering.settled) return;
  gathering.settled = true;
  gathering.waiter.bodyFailed(error);
}

function onBodyClose(this: Gathered): void {
  const gathering = this[GATHERING]!;
  if (gathering.settled) return;
  gathering.settled = true;
  gathering.waiter.bodyFailed(
    new Error(`Request body aborted: expected the whole body, received ${gathering.total} bytes`),
  );
}

function takeBuffered(req: IncomingMessage, limit: number, given: unknown): BodyResult {
  // Nothing buffered: an empty body, or one a parser already read (its 'end' still to come).
  if (req.readableLength === 0)
    return req.readableDidRead ? bodyAfterStreamEnded(req, given, limit) : { ok: true, text: '' };
  const bytes = req.read() as Buffer | null;
  if (bytes === null) return { ok: true, text: '' };
  if (bytes.byteLength > limit) return { ok: false, tooLarge: true, received: bytes.byteLength };
  return { ok: true, text: decoder.decode(bytes) };
}
