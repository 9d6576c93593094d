/**
 * What a --url target is, found before any check runs: Streamable HTTP, the 2024-11-05 HTTP+SSE
 * transport (a /sse URL, or a Streamable HTTP initialize answered 400/404/405 and a GET that opens an SSE
 * stream, the back-compat rule of 2025-03-26 basic/transports §Backwards Compatibility), or nothing the
 * runner can judge: refused connections, a 401, an HTML page, a body that is not JSON-RPC. Those are
 * TargetUnavailableErrors with what was received, found in one round trip or two.
 */
import { LATEST_LEGACY_REVISION } from '@mcpwire/core';
import { fetch } from 'undici';
import { CLIENT_INFO } from '../checks/lifecycle.js';
import { TargetUnavailableError } from './target-error.js';

const NETWORK_HINTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is the server running, on this port?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function networkError(url: string, error: unknown, timeoutMs: number): TargetUnavailableError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new TargetUnavailableError('silent', `no HTTP answer from ${url} within ${timeoutMs} ms`, {
      cause: error,
    });
  const hint = typeof code === 'string' ? NETWORK_HINTS[code] : undefined;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new TargetUnavailableError(
    'unreachable',
    `cannot reach ${url}: ${hint ?? detail}${typeof code === 'string' ? ` (${code})` : ''}`,
    { cause: error },
  );
}

function isJsonRpcResponse(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    const one = Array.isArray(value) ? value[0] : value;
    return (
      typeof one === 'object' &&
      one !== null &&
      (one as { jsonrpc?: unknown }).jsonrpc === '2.0' &&
      ('result' in one || 'error' in one)
    );
  } catch {
    return false;
  }
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 120 ? `${flat.slice(0, 120)}…` : flat);
}

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers: Headers | { get(name: string): string | null };
}

/** A GET that tells whether the URL opens an SSE stream; the body is never waited for. */
async function opensSseStream(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Answer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      headers: { ...headers, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const contentType = response.headers.get('content-type') ?? '';
    const body = contentType.startsWith('text/event-stream') ? '' : await response.text().catch(() => '');
    return { status: response.status, contentType, body, headers: response.headers };
  } catch (error) {
    throw networkError(url, error, timeoutMs);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

function unauthorized(url: string, answer: Answer, hasToken: boolean): TargetUnavailableError {
  const challenge = answer.headers.get('www-authenticate');
  return new TargetUnavailableError(
    'unauthorized',
    `${url} requires authorization: HTTP ${answer.status}${challenge ? ` (WWW-Authenticate: ${challenge})` : ''}; ` +
      (hasToken ? 'the --token given was refused' : 'pass an access token with --token'),
  );
}

function notMcp(url: string, what: string): TargetUnavailableError {
  return new TargetUnavailableError('not-mcp', `not an MCP endpoint: ${what} (${url})`);
}

/** Classifies the target; every network wait is bounded by `timeoutMs`. */
export async function probeTransport(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<'http' | 'sse'> {
  const hasToken = 'authorization' in headers;
  if (new URL(url).pathname.endsWith('/sse')) {
    const get = await opensSseStream(url, headers, timeoutMs);
    if (get.status === 401 || get.status === 403) throw unauthorized(url, get, hasToken);
    if (get.status < 300 && get.contentType.startsWith('text/event-stream')) return 'sse';
    throw notMcp(
      url,
      `received ${get.contentType || 'no content type'} (HTTP ${get.status}) for the SSE GET, expected text/event-stream: ${snippet(get.body)}`,
    );
  }
  const post = await postInitialize(url, headers, timeoutMs);
  if (post.status === 401 || post.status === 403) throw unauthorized(url, post, hasToken);
  const isSse = post.contentType.startsWith('text/event-stream');
  const isJson = post.contentType.startsWith('application/json');
  const speaksJsonRpc = isSse || (isJson && isJsonRpcResponse(post.body));
  if (post.status === 400 || post.status === 404 || post.status === 405) {
    // Even an HTML 404 ("Cannot POST /sse") may come from an HTTP+SSE server: the GET decides.
    const get = await opensSseStream(url, headers, timeoutMs);
    if (get.status < 300 && get.contentType.startsWith('text/event-stream')) return 'sse';
    // A JSON-RPC error for our initialize is an MCP answer (e.g. a 2026-07-28-only server).
    if (speaksJsonRpc) return 'http';
    throw notMcp(
      url,
      `received HTTP ${post.status} ${post.contentType || '(no content type)'} for an initialize POST and HTTP ${get.status} ${get.contentType || '(no content type)'} for an SSE GET: ${snippet(post.body)}`,
    );
  }
  if (speaksJsonRpc) return 'http';
  if (post.contentType.startsWith('text/html'))
    throw notMcp(
      url,
      `received text/html (HTTP ${post.status}) for an initialize POST: ${snippet(post.body)}`,
    );
  throw notMcp(
    url,
    `received HTTP ${post.status} ${post.contentType || '(no content type)'} for an initialize POST, expected a JSON-RPC response: ${snippet(post.body)}`,
  );
}

/** POSTs an initialize; any session it opens is deleted again. */
async function postInitialize(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Answer> {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: LATEST_LEGACY_REVISION, capabilities: {}, clientInfo: CLIENT_INFO },
  });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body,
      signal: controller.signal,
    });
    const contentType = response.headers.get('content-type') ?? '';
    // Read the body unless it is a stream, which may stay open.
    const text = contentType.startsWith('text/event-stream') ? '' : await response.text().catch(() => '');
    const session = response.headers.get('mcp-session-id');
    if (session !== null) {
      await fetch(url, {
        method: 'DELETE',
        headers: { ...headers, 'mcp-session-id': session },
        signal: AbortSignal.timeout(Math.min(timeoutMs, 5000)),
      })
        .then((r) => r.text())
        .catch(() => undefined);
    }
    return { status: response.status, contentType, body: text, headers: response.headers };
  } catch (error) {
    throw networkError(url, error, timeoutMs);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
