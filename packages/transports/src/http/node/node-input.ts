/**
 * IncomingMessage → the handler's HttpInput, without a web-standard Request: headers are looked up in
 * Node's own `req.headers` (or, when a name repeats, a map built once from `rawHeaders`), the body is gathered as Buffers and decoded once, and the client
 * leaving is read from the ServerResponse. A Request is built only when a hook asks for one (auth).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyResult } from '../../shared-http/body.js';
import { rememberRemoteAddress } from '../../shared-http/remote-address.js';
import type { BodyWaiter, HeaderReader, HttpInput } from '../server/http-io.js';
import { bodyInBuffer, gatherBody, gatheredBody } from './body-gathering.js';
import { bodyOfParsed } from './parsed-body.js';
import { requestBodyStream } from './request-body.js';

export class NodeInput implements HttpInput, HeaderReader {
  readonly method: string;
  /** The first Host header (as `req.headers.host` gives it), or localhost. */
  readonly host: string;
  /** Lower-case name → value, duplicates joined with ", " (what the Fetch Headers API answers). */
  private readonly map: Record<string, string | undefined>;
  private fullUrl: string | undefined;
  private built: Request | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    /** A body a framework already parsed and handed over (undefined: read the stream, or `req.body`). */
    private readonly given?: unknown,
  ) {
    this.method = req.method ?? 'GET';
    const map = reusableHeaders(req);
    if (map !== undefined) {
      this.map = map;
      this.host = map.host ?? 'localhost';
      return;
    }
    this.map = {};
    this.host = fillHeaderMap(this.map, req.rawHeaders) ?? 'localhost';
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
    // Callers mostly pass lower-case names: tried as given first, as toLowerCase allocates a copy.
    let value: unknown = this.map[name];
    if (value === undefined) value = this.map[name.toLowerCase()];
    return typeof value === 'string' ? value : null;
  }

  headerRecord(): Record<string, string> {
    // A copy: the engine hands it to user code, and CORS reads the map after the call (and it may be Node's
    // own req.headers). Every value in it is a string: the map holds no undefined members.
    return { ...this.map } as Record<string, string>;
  }

  readBody(limit: number): BodyResult | Promise<BodyResult> {
    return this.bodyNow(limit) ?? gatheredBody(this.req, limit);
  }

  /** See HttpInput.readBodyInto: a body still arriving is handed to `waiter`, with no promise made. */
  readBodyInto(limit: number, waiter: BodyWaiter): BodyResult | undefined {
    const now = this.bodyNow(limit);
    if (now === undefined) gatherBody(this.req, limit, waiter);
    return now;
  }

  /** The body when it can be had now (handed over, refused by its length, or all here); else undefined. */
  private bodyNow(limit: number): BodyResult | undefined {
    if (this.given !== undefined) return bodyOfParsed(this.given, limit);
    const declared = this.get('content-length');
    if (declared !== null) {
      const length = Number(declared);
      if (Number.isFinite(length) && length > limit) {
        // Not read: the answer closes the connection (see the adapter), rather than draining the body.
        return { ok: false, tooLarge: true, received: length };
      }
    }
    return bodyInBuffer(this.req, limit, this.given);
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

/**
 * `req.headers` when it answers what the Fetch Headers API would: one value per name, each the raw value.
 * Node builds it for every request anyway (its server reads `expect`), so a second map would be pure cost.
 * A name sent twice is where the two differ (Node keeps the first Host or Content-Type, joins Cookie with
 * "; ", makes Set-Cookie an array); so is a value a middleware replaced. Node adds the names in the order
 * of `rawHeaders`, which the walk below relies on: any difference means undefined, and the map is built.
 */
function reusableHeaders(req: IncomingMessage): Record<string, string | undefined> | undefined {
  const headers = req.headers as Record<string, unknown>;
  const raw = req.rawHeaders;
  let i = 1;
  for (const name in headers) {
    if (headers[name] !== raw[i]) return undefined;
    i += 2;
  }
  return i === raw.length + 1 ? (headers as Record<string, string | undefined>) : undefined;
}

/** Fills `map` from `rawHeaders` (lower-case names, duplicates joined); answers the first Host value. */
function fillHeaderMap(map: Record<string, string | undefined>, raw: readonly string[]): string | undefined {
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
  return host;
}

function noop(): void {}

/** The client closed the connection before the response was complete. */
function isGone(res: ServerResponse): boolean {
  return res.destroyed && !res.writableFinished;
}
