/** One undici request with the OAuth dance: a 401 is retried once, a 403 a bounded number of times. */
import { ConnectionClosedError, TransportError } from '@mcpwire/core/runtime';
import type { Dispatcher } from 'undici';
import { type HttpAuthProvider, toWebHeaders } from './auth-provider.js';
import { HttpStatusError } from './errors.js';

/** undici's response as is (no copy per request). */
export interface HttpResult {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

/** A URL taken apart once per transport: URL getters cost time on every request that reads them. */
export class RequestTarget {
  readonly origin: string;
  /** Path and query, as undici takes them. */
  readonly path: string;
  /** Origin and path, for messages. */
  readonly label: string;

  constructor(url: URL) {
    this.origin = url.origin;
    this.path = url.pathname + url.search;
    this.label = url.origin + url.pathname;
  }
}

export interface AuthRequest {
  dispatcher: Dispatcher;
  url: RequestTarget;
  method: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  /** Aborts the request when the transport closes (none: the transport destroys its own dispatcher). */
  signal?: AbortSignal;
  /** Whether the transport closed (a request it cut short is then reported as closed, not as failed). */
  isClosed?: () => boolean;
  auth: HttpAuthProvider | undefined;
  /** The MCP method, passed to handleForbidden for step-up bookkeeping. */
  operation?: string;
  maxForbiddenRetries?: number;
}

export function requestWithAuth(req: AuthRequest): Promise<HttpResult> {
  // Without an auth provider there is nothing to retry: the request goes out with no async frame around it.
  if (req.auth === undefined) {
    let sent: Promise<HttpResult>;
    try {
      sent = req.dispatcher.request({
        origin: req.url.origin,
        path: req.url.path,
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
      });
    } catch (error) {
      return Promise.reject(requestFailure(req, error));
    }
    return sent.catch((error: unknown) => {
      throw requestFailure(req, error);
    });
  }
  return requestWithProvider(req, req.auth);
}

/** The request, with the OAuth provider's header, retried as the provider says after a 401 or 403. */
async function requestWithProvider(req: AuthRequest, auth: HttpAuthProvider): Promise<HttpResult> {
  let authorization = await auth.authorizationHeader();
  let unauthorizedRetries = 0;
  let forbiddenRetries = 0;
  for (;;) {
    const headers =
      authorization === undefined ? req.headers : Object.assign({}, req.headers, { authorization });
    let result: Dispatcher.ResponseData;
    try {
      result = await req.dispatcher.request({
        origin: req.url.origin,
        path: req.url.path,
        method: req.method,
        headers,
        body: req.body,
        signal: req.signal,
      });
    } catch (error) {
      throw requestFailure(req, error);
    }
    const status = result.statusCode;
    if (status === 401 && auth.handleUnauthorized !== undefined && unauthorizedRetries === 0) {
      await result.body.dump();
      unauthorizedRetries++;
      authorization = await auth.handleUnauthorized({ headers: toWebHeaders(result.headers) });
      continue;
    }
    if (
      status === 403 &&
      auth.handleForbidden !== undefined &&
      forbiddenRetries < (req.maxForbiddenRetries ?? 2)
    ) {
      const text = await result.body.text();
      forbiddenRetries++;
      const next = await auth.handleForbidden({ headers: toWebHeaders(result.headers) }, req.operation);
      if (next === undefined)
        throw new HttpStatusError(`HTTP ${where(req)} forbidden: expected 2xx, received 403`, 403, text);
      authorization = next;
      continue;
    }
    return result;
  }
}

/** A request that got no response: closed by us (the transport closed) or failed on the way. */
function requestFailure(req: AuthRequest, error: unknown): Error {
  if (req.signal?.aborted || req.isClosed?.())
    return new ConnectionClosedError(`HTTP ${where(req)} aborted: the transport was closed`);
  return new TransportError(
    `HTTP ${where(req)} failed: expected a response, received ${(error as Error).message}`,
    {
      cause: error,
    },
  );
}

function where(req: AuthRequest): string {
  return `${req.method} ${req.url.label}`;
}
