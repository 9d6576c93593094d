/**
 * DNS-rebinding protection and CORS for the HTTP handlers.
 * A browser page on evil.example that rebinds its name to 127.0.0.1 sends `Host: evil.example:port` and
 * `Origin: http://evil.example:port`; checking both against allow-lists stops it (403).
 */
import { type HeaderReader, type TextOutput, textOutput, toWebResponse } from './http-io.js';

/** What these checks read from a request (a web-standard Request or the handler's HttpInput). */
export interface RequestHeadersView {
  readonly headers: HeaderReader;
  readonly url: string;
}

/** DNS-rebinding protection: the Host and Origin values accepted. */
export interface DnsRebindingOptions {
  /**
   * Accepted Host header values (host or host:port). Default: when the request's host is a loopback name,
   * only loopback names are accepted; otherwise any host (put your public names here to restrict it).
   */
  allowedHosts?: readonly string[];
  /**
   * Accepted Origin header values (e.g. `https://app.example`). A request without Origin is accepted.
   * Default: loopback origins, and the origin of the request URL itself.
   */
  allowedOrigins?: readonly string[];
}

/** CORS for browser clients on other origins. */
export interface CorsOptions {
  /** Origins allowed to call from a browser; `*` for any. */
  origin: '*' | readonly string[];
  /** Extra request headers to allow besides the MCP ones. */
  allowHeaders?: readonly string[];
  /** Preflight cache lifetime, in seconds. */
  maxAge?: number;
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Host name of a Host header value or URL host, without port, lower-cased. */
function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']');
    return end === -1 ? lower : lower.slice(0, end + 1);
  }
  const colon = lower.indexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

/** The loopback names as clients send them, for the check below that allocates nothing. */
const LOOPBACK_PREFIXES = ['127.0.0.1', 'localhost', '[::1]'] as const;

export function isLoopbackHost(host: string): boolean {
  // `127.0.0.1:port` and `localhost:port` first, without the lower-cased copy and slice of hostName: this
  // runs up to twice per request (listen()'s guard, the handler's). A miss still takes the full check.
  for (const name of LOOPBACK_PREFIXES) {
    if (host.startsWith(name) && (host.length === name.length || host.charCodeAt(name.length) === COLON)) {
      return true;
    }
  }
  return LOOPBACK_HOSTS.has(hostName(host));
}

const COLON = 58;

/** Whether a Host header value is in an allow-list of names (`example.com`) or name:port values. */
export function isAllowedHost(host: string, allowedHosts: readonly string[]): boolean {
  const lower = host.toLowerCase();
  const name = hostName(host);
  return allowedHosts.some((allowed) => allowed.toLowerCase() === lower || allowed.toLowerCase() === name);
}

/** Returns why the request must be refused (403), or undefined when it may proceed. */
export function checkDnsRebinding(
  request: RequestHeadersView,
  options: DnsRebindingOptions,
  bindIsLoopback: boolean,
): string | undefined {
  const host = request.headers.get('host') ?? new URL(request.url).host;
  if (options.allowedHosts !== undefined) {
    if (!isAllowedHost(host, options.allowedHosts)) {
      return `Forbidden: expected a Host header in the allow-list, received ${JSON.stringify(host)}`;
    }
  } else if (bindIsLoopback && !isLoopbackHost(host)) {
    return `Forbidden: expected a loopback Host header for a server bound to loopback, received ${JSON.stringify(host)}`;
  }
  const origin = request.headers.get('origin');
  if (origin === null) return undefined;
  if (options.allowedOrigins !== undefined) {
    if (options.allowedOrigins.includes(origin)) return undefined;
    return `Forbidden: expected an Origin in the allow-list, received ${JSON.stringify(origin)}`;
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `Forbidden: expected a valid Origin header, received ${JSON.stringify(origin)}`;
  }
  if (isLoopbackHost(originHost) || originHost.toLowerCase() === host.toLowerCase()) return undefined;
  return `Forbidden: expected a loopback or same-host Origin, received ${JSON.stringify(origin)}`;
}

const MCP_REQUEST_HEADERS =
  'content-type, accept, authorization, mcp-session-id, mcp-protocol-version, last-event-id, mcp-method, mcp-name';
const EXPOSED_HEADERS = 'mcp-session-id, mcp-protocol-version, www-authenticate';

/** CORS headers for an actual request; empty when the origin is not allowed. */
export function corsHeaders(
  request: RequestHeadersView,
  cors: CorsOptions | undefined,
): Record<string, string> {
  if (cors === undefined) return {};
  const origin = request.headers.get('origin');
  if (origin === null) return {};
  if (cors.origin !== '*' && !cors.origin.includes(origin)) return {};
  return {
    'access-control-allow-origin': cors.origin === '*' ? '*' : origin,
    'access-control-expose-headers': EXPOSED_HEADERS,
    ...(cors.origin === '*' ? {} : { vary: 'Origin' }),
  };
}

/** Answers a CORS preflight (OPTIONS). */
export function preflight(request: RequestHeadersView, cors: CorsOptions | undefined): Response {
  return toWebResponse(preflightOutput(request, cors));
}

export function preflightOutput(request: RequestHeadersView, cors: CorsOptions | undefined): TextOutput {
  const base = corsHeaders(request, cors);
  if (cors === undefined || base['access-control-allow-origin'] === undefined) {
    return textOutput(204, null, { allow: 'GET, POST, DELETE, OPTIONS' });
  }
  // Mcp-Param-* names depend on the tool, so echo what the browser asks for on top of the MCP headers.
  const requested = request.headers.get('access-control-request-headers');
  const extra = cors.allowHeaders?.join(', ');
  const allowHeaders = [MCP_REQUEST_HEADERS, extra, requested].filter((v) => v).join(', ');
  return textOutput(204, null, {
    ...base,
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-allow-headers': allowHeaders,
    'access-control-max-age': String(cors.maxAge ?? 600),
  });
}
