/**
 * IncomingMessage → the handler's HttpInput, without a web-standard Request: headers are looked up in a
 * map built once from `rawHeaders`, the body is gathered as Buffers and decoded once, and the client
 * leaving is read from the ServerResponse. A Request is built only when a hook asks for one (auth).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyResult } from '../../shared-http/body.js';
import { rememberRemoteAddress } from '../../shared-http/remote-address.js';
import type { HeaderReader, HttpInput } from '../server/http-io.js';
import { bodyAfterStreamEnded, bodyOfParsed } from './parsed-body.js';
import { requestBodyStream } from './request-body.js';

// The same decoding as the web path's readBodyText (replacement characters, a leading BOM dropped).
const decoder = new TextDecoder();

export class NodeInput implements HttpInput, HeaderReader {
  readonly method: string;
  /** The first Host header (as `req.headers.host` gives it), or localhost. */
  readonly host: string;
  private readonly map: Record<string, string> = {};
  private fullUrl: string | undefined;
  private built: Request | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    /** A body a framework already parsed and handed over (undefined: read the stream, or `req.body`). */
    private readonly given?: unknown,
  ) {
    this.method = req.method ?? 'GET';
    // Lower-case name → value, duplicates joined with ", " (what the Fetch Headers API answers). Built here
    // once: every request reads several headers, and Node's own req.headers would be built on top.
    const map = this.map;
    const raw = req.rawHeaders;
    let host: string | undefined;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      const value = raw[i + 1]!;
      const previous: unknown = map[name];
      if (previous === undefined) map[name] = value;
      else if (typeof previous === 'string') map[name] = `${previous}, ${value}`;
      // A name that is also an Object.prototype member (`constructor`, `__proto__`): an own property.
      else Object.defineProperty(map, name, { value, writable: true, enumerable: true, configurable: true });
      if (host === undefined && name === 'host') host = value;
    }
    this.host = host ?? 'localhost';
  }

  /**
   * Normalised as Request.url would be; throws for a URL a Request would refuse too. Express and Connect
   * strip a mount path from `req.url` and keep the whole one in `originalUrl`: the client asked for that.
   */
  get url(): string {
    const req = this.req as IncomingMessage & { originalUrl?: string };
    this.fullUrl ??= new URL(`http://${this.host}${req.originalUrl ?? req.url ?? '/'}`).href;
    return this.fullUrl;
  }

  /** The path as the current router sees it (`req.url` without its query). */
  get path(): string {
    const target = this.req.url ?? '/';
    const query = target.indexOf('?');
    return query === -1 ? target : target.slice(0, query);
  }

  get headers(): HeaderReader {
    return this;
  }

  get remoteAddress(): string | undefined {
    return this.req.socket.remoteAddress;
  }

  get(name: string): string | null {
    const value: unknown = this.map[name.toLowerCase()];
    return typeof value === 'string' ? value : null;
  }

  headerRecord(): Record<string, string> {
    // A copy: the engine hands it to user code, and CORS reads the map after the call.
    return { ...this.map };
  }

  readBody(limit: number): BodyResult | Promise<BodyResult> {
    if (this.given !== undefined) return bodyOfParsed(this.given, limit);
    const declared = this.get('content-length');
    if (declared !== null) {
      const length = Number(declared);
      if (Number.isFinite(length) && length > limit) {
        // Not read: the answer closes the connection (see the adapter), rather than draining the body.
        return { ok: false, tooLarge: true, received: length };
      }
    }
    return readLimited(this.req, limit, this.given);
  }

  onGone(listener: () => void): () => void {
    const res = this.res;
    if (isGone(res)) {
      listener();
      return noop;
    }
    const onClose = (): void => {
      if (!res.writableFinished) listener();
    };
    res.once('close', onClose);
    return () => res.off('close', onClose);
  }

  request(): Request {
    if (this.built !== undefined) return this.built;
    const abort = new AbortController();
    if (isGone(this.res)) abort.abort();
    else this.onGone(() => abort.abort());
    const headers = new Headers();
    const raw = this.req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
    // No body: the handler reads it through readBody, and hooks only look at headers and the URL.
    this.built = new Request(this.url, { method: this.method, headers, signal: abort.signal });
    rememberRemoteAddress(this.built, this.remoteAddress);
    return this.built;
  }

  requestWithBody(): Request {
    const method = this.method;
    if (method === 'GET' || method === 'HEAD') return this.request();
    const bare = this.request();
    const withBody = new Request(bare, {
      body: requestBodyStream(this.req, this.given),
      duplex: 'half',
    } as RequestInit);
    rememberRemoteAddress(withBody, this.remoteAddress);
    return withBody;
  }
}

function noop(): void {}

/** The client closed the connection before the response was complete. */
function isGone(res: ServerResponse): boolean {
  return res.destroyed && !res.writableFinished;
}

/** Gathers the body up to `limit` bytes; beyond it, reading stops. */
function readLimited(req: IncomingMessage, limit: number, given: unknown): BodyResult | Promise<BodyResult> {
  if (req.readableEnded) return bodyAfterStreamEnded(req, given, limit);
  // The parser has seen the whole message, so the body is already in the stream's buffer: take it now
  // instead of waiting for data and end events on later ticks.
  if (req.complete) return takeBuffered(req, limit, given);
  // Still inside the parser's 'request' callback: the body is parsed after this callback's microtasks
  // have run (a microtask later it was never there, even for a body in the headers' packet: measured on
  // Node 20 under load), so wait for its events straight away.
  return readByEvents(req, limit, given);
}

/** Waits for the body's data and end events (a body still arriving). */
function readByEvents(req: IncomingMessage, limit: number, given: unknown): Promise<BodyResult> {
  if (req.readableEnded) return Promise.resolve(bodyAfterStreamEnded(req, given, limit));
  return new Promise<BodyResult>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.byteLength;
      if (total > limit) {
        cleanup();
        // Read no further: the answer closes the connection (see the adapter), rather than draining it.
        req.pause();
        resolve({ ok: false, tooLarge: true, received: total });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      // One copy at the end, not one per chunk.
      const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
      resolve({ ok: true, text: chunks.length === 0 ? '' : decoder.decode(bytes) });
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error(`Request body aborted: expected the whole body, received ${total} bytes`));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
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
