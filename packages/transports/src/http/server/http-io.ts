/**
 * The small HTTP interface the Streamable HTTP logic runs on, so that it does not depend on web-standard
 * Request/Response objects. On Node 20, undici's Request, Headers and Response cost more per call than
 * the MCP work itself; the Node adapter (../node) therefore feeds IncomingMessage/ServerResponse straight
 * into this interface, and the public web-standard handler adapts Request/Response to it (Bun, Deno,
 * Workers). No Node imports here.
 */
import { type BodyResult, readBodyText } from '../../shared-http/body.js';
import type { SseConnection } from './sse-stream.js';

/** Case-insensitive header lookup (a `Headers` object satisfies it). */
export interface HeaderReader {
  get(name: string): string | null;
}

/** One incoming HTTP request, as the handler logic needs it. */
export interface HttpInput {
  readonly method: string;
  /** Absolute URL, as `Request.url` gives it. */
  readonly url: string;
  /** The URL's path, without query or fragment (what a router matches; cheap to read). */
  readonly path: string;
  readonly headers: HeaderReader;
  /** Every header, lower-case name → value (duplicates joined with ", "), as `Object.fromEntries(headers)`. */
  headerRecord(): Record<string, string>;
  /** Reads the body as text, refusing more than `limit` bytes. Read once. */
  readBody(limit: number): BodyResult | Promise<BodyResult>;
  /**
   * Optional form of readBody that makes no promise: the body when it is here already, else undefined,
   * and `waiter` is called once it has arrived (the Node adapter, where a promise per request shows).
   */
  readBodyInto?(limit: number, waiter: BodyWaiter): BodyResult | undefined;
  /**
   * Calls `listener` once if the client goes away before the response is complete (at once when it is
   * already gone). Returns a function that stops listening.
   */
  onGone(listener: () => void): () => void;
  /** A web-standard Request for hooks whose public types take one (auth, ConnectInfo); built on demand. */
  request(): Request;
  /** The client's address when the runtime tells it (the Node socket's), for per-client session limits. */
  readonly remoteAddress?: string | undefined;
  /**
   * A web-standard Request that carries the body too, for a plain fetch handler mounted beside fast ones
   * (a router's user routes). Its body is the one `readBody` would read: use one or the other.
   */
  requestWithBody(): Request;
}

/** Who waits for a body read with HttpInput.readBodyInto: called once, with the body or why it failed. */
export interface BodyWaiter {
  bodyRead(body: BodyResult): void;
  bodyFailed(error: unknown): void;
}

/** A finished answer: status, headers and a text body (or none). */
export interface TextOutput {
  kind: 'text';
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** An SSE answer: the connection is bound to the real response body by the adapter that writes it. */
export interface SseOutput {
  kind: 'sse';
  status: number;
  headers: Record<string, string>;
  connection: SseConnection;
}

/** A Response produced by a user hook (auth, PRM route): passed through as is. */
export interface WebOutput {
  kind: 'web';
  response: Response;
}

export type HttpOutput = TextOutput | SseOutput | WebOutput;

/** The logic behind a handler, reachable by adapters that can skip Request/Response (see ../node). */
export type LightHandler = (input: HttpInput) => Promise<HttpOutput>;

/**
 * A web-standard handler: what Bun.serve, Deno.serve, Workers and Next.js route handlers call. `platform`
 * is what the runtime passes second (Bun's Server, Deno's info, Workers' env): see ./platform.ts.
 */
export type FetchHandler = (request: Request, platform?: unknown) => Response | Promise<Response>;

/** Key under which a handler carries its light form. Global so dual ESM/CJS builds agree. */
export const LIGHT_HANDLER: unique symbol = Symbol.for('mcpwire.http.lightHandler') as never;

/**
 * A web-standard handler that also carries its light form under LIGHT_HANDLER: the Node adapter
 * (`listen`, `toNodeListener`, the framework helpers) calls that instead and builds no Request or Response.
 * It is part of the type on purpose: handlers that compose others (`createRouter`) take and return this
 * type, so the fast path survives composition where a hand-written `(request) => Response` wrapper would
 * silently drop it.
 */
export interface FastHandler {
  (request: Request, platform?: unknown): Promise<Response>;
  readonly [LIGHT_HANDLER]: LightHandler;
}

export function lightHandlerOf(handler: object): LightHandler | undefined {
  return (handler as Partial<FastHandler>)[LIGHT_HANDLER];
}

/** A handler's light form; a plain fetch handler gets one that builds a Request (with its body) per call. */
export function lightFormOf(handler: FetchHandler | FastHandler): LightHandler {
  return lightHandlerOf(handler) ?? (async (input) => webOutput(await handler(input.requestWithBody())));
}

/** The path of an absolute URL, without building a URL object (routers read it on every request). */
export function pathOfUrl(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start === -1) return '/';
  let end = url.length;
  const query = url.indexOf('?', start);
  if (query !== -1) end = query;
  const hash = url.indexOf('#', start);
  if (hash !== -1 && hash < end) end = hash;
  return url.slice(start, end);
}

export function textOutput(status: number, body: string | null, headers: Record<string, string>): TextOutput {
  return { kind: 'text', status, headers, body };
}

export function webOutput(response: Response): WebOutput {
  return { kind: 'web', response };
}

/** Adds headers to an answer (CORS); later names win, as `Headers.set` would. */
export function addHeaders(output: HttpOutput, extra: Record<string, string>): HttpOutput {
  if (output.kind === 'web') {
    for (const name in extra) output.response.headers.set(name, extra[name]!);
    return output;
  }
  // Object.assign rather than `{ ...output.headers, ...extra }` on a spread output: V8 would give each such
  // object a hidden class of its own (see DEVELOPING.md).
  const headers = Object.assign({}, output.headers, extra);
  return output.kind === 'text'
    ? textOutput(output.status, output.body, headers)
    : { kind: 'sse', status: output.status, headers, connection: output.connection };
}

/** Web-standard request → HttpInput (a thin view: nothing is copied). */
export class WebInput implements HttpInput {
  constructor(private readonly source: Request) {}

  get method(): string {
    return this.source.method;
  }

  get url(): string {
    return this.source.url;
  }

  get path(): string {
    return pathOfUrl(this.source.url);
  }

  get headers(): HeaderReader {
    return this.source.headers;
  }

  headerRecord(): Record<string, string> {
    return Object.fromEntries(this.source.headers);
  }

  readBody(limit: number): Promise<BodyResult> {
    return readBodyText(this.source, limit);
  }

  onGone(listener: () => void): () => void {
    const signal = this.source.signal;
    if (signal.aborted) {
      listener();
      return noop;
    }
    signal.addEventListener('abort', listener, { once: true });
    return () => signal.removeEventListener('abort', listener);
  }

  request(): Request {
    return this.source;
  }

  requestWithBody(): Request {
    return this.source;
  }
}

function noop(): void {}

/** HttpOutput → web-standard Response. */
export function toWebResponse(output: HttpOutput): Response {
  switch (output.kind) {
    case 'web':
      return output.response;
    case 'text':
      return new Response(output.body, { status: output.status, headers: output.headers });
    case 'sse':
      return new Response(output.connection.body, { status: output.status, headers: output.headers });
  }
}
