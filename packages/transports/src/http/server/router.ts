/**
 * `createRouter`: several handlers on one listener (`/mcp`, the legacy `/sse` + `/messages`, a health
 * check...), matched by path. It is itself a FastHandler: on Node the request reaches a route's light
 * form with no Request/Response built on the way, and only routes that are plain fetch handlers get a
 * Request (with its body). Everywhere else (Bun, Deno, Workers) it is an ordinary `(Request) => Response`.
 */
import {
  type FastHandler,
  type FetchHandler,
  type HttpInput,
  type HttpOutput,
  LIGHT_HANDLER,
  type LightHandler,
  lightFormOf,
  pathOfUrl,
  textOutput,
  toWebResponse,
} from './http-io.js';

/**
 * Path → handler. A path matches exactly (`/mcp`), or ends in `/*` to match everything below it
 * (`/assets/*` matches `/assets/a.css`, not `/assets` itself). Exact paths win over prefixes, and longer
 * prefixes over shorter ones.
 */
export type Routes = Record<string, FetchHandler | FastHandler>;

/** Options of {@link createRouter}. */
export interface RouterOptions {
  /** Requests no route matches. Default: 404 with a text body naming the routes. */
  notFound?: FetchHandler | FastHandler;
}

/** A FastHandler over several routes; `close()` closes every route handler that has a `close`. */
export interface Router extends FastHandler {
  /** Closes every route handler that has a `close`. */
  close(): Promise<void>;
}

type Closable = { close?: () => Promise<void> | void };

interface Prefix<T> {
  prefix: string;
  target: T;
}

/**
 * Path → target, one table per form (light handlers for the Node adapter, fetch handlers for the web
 * form): exact paths first, then prefixes, longest first. `match` gives undefined for no route.
 */
export class RouteTable<T> {
  private readonly exact = new Map<string, T>();
  private readonly prefixes: Prefix<T>[] = [];

  constructor(routes: Routes, form: (handler: FetchHandler | FastHandler) => T, who = 'createRouter') {
    for (const path of Object.keys(routes)) {
      if (!path.startsWith('/')) {
        throw new TypeError(
          `${who}: expected route paths to start with "/", received ${JSON.stringify(path)}`,
        );
      }
      const target = form(routes[path]!);
      if (path.endsWith('/*')) this.prefixes.push({ prefix: path.slice(0, -1), target });
      else this.exact.set(path, target);
    }
    this.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  match(path: string): T | undefined {
    const exact = this.exact.get(path);
    if (exact !== undefined) return exact;
    for (const { prefix, target } of this.prefixes) if (path.startsWith(prefix)) return target;
    return undefined;
  }
}

/** Closes every distinct handler that has a `close` (undefined entries are skipped). */
export function closeAll(handlers: Iterable<unknown>): Promise<void> {
  const distinct = new Set(handlers as Iterable<Closable>);
  return Promise.all([...distinct].map((handler) => handler?.close?.())).then(() => undefined);
}

/**
 * A handler that routes by path (exact, or a prefix for paths ending in `/*`) and keeps the Node fast path of
 * the routes that have one.
 */
export function createRouter(routes: Routes, options: RouterOptions = {}): Router {
  const names = Object.keys(routes);
  const missing = (path: string): HttpOutput =>
    textOutput(404, `Not Found: expected one of ${names.join(', ')}, received ${JSON.stringify(path)}`, {
      'content-type': 'text/plain; charset=utf-8',
    });
  const notFound = options.notFound;
  const lightFallback: LightHandler =
    notFound === undefined
      ? (input: HttpInput) => Promise.resolve(missing(input.path))
      : lightFormOf(notFound);
  const webFallback: FetchHandler =
    notFound ?? ((request: Request) => toWebResponse(missing(pathOfUrl(request.url))));

  const lightTable = new RouteTable<LightHandler>(routes, lightFormOf);
  const webTable = new RouteTable<FetchHandler>(routes, (handler) => handler);

  const light: LightHandler = (input) => (lightTable.match(input.path) ?? lightFallback)(input);
  const fetch = async (request: Request, platform?: unknown): Promise<Response> =>
    (webTable.match(pathOfUrl(request.url)) ?? webFallback)(request, platform);
  const close = (): Promise<void> => closeAll([...Object.values(routes), notFound]);
  return Object.defineProperties(fetch, {
    [LIGHT_HANDLER]: { value: light, enumerable: true },
    close: { value: close, enumerable: true },
  }) as Router;
}
