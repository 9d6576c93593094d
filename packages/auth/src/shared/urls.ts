/** URL helpers shared by both sides: canonical resource URIs and well-known locations. */
import { AuthError, AuthErrorReason } from './errors.js';

/**
 * The canonical URI of an MCP server (RFC 8707 §2 as profiled by MCP): lower-case scheme and host (the URL
 * parser does that), no fragment, no query, and no trailing slash unless the path is more than "/".
 */
export function canonicalResourceUri(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AuthError(AuthErrorReason.Config, `Expected an absolute server URL, received ${String(url)}`);
  }
  parsed.hash = '';
  parsed.search = '';
  const text = parsed.href;
  return parsed.pathname === '/' ? text.slice(0, -1) : text;
}

/**
 * Whether a PRM `resource` designates the server at `serverUrl`. RFC 9728 §3.3 asks for an exact match with
 * the URL the metadata was derived from; we compare canonical forms, and also accept a resource that is a
 * path prefix of the server URL (a PRM served for the origin covering `/mcp`), as RFC 8707 allows.
 */
export function resourceMatches(resource: string, serverUrl: string | URL): boolean {
  let a: string;
  let b: string;
  try {
    a = canonicalResourceUri(resource);
    b = canonicalResourceUri(serverUrl);
  } catch {
    return false;
  }
  if (a === b) return true;
  const ua = new URL(a);
  const ub = new URL(b);
  if (ua.origin !== ub.origin) return false;
  const prefix = ua.pathname.endsWith('/') ? ua.pathname : `${ua.pathname}/`;
  return ub.pathname.startsWith(prefix);
}

/** RFC 8414 §3.1 / RFC 9728 §3.1 path insertion: `https://h/.well-known/<suffix><path>`. */
export function wellKnownUrl(base: string | URL, suffix: string, keepPath = true): URL {
  const u = new URL(base);
  const path = keepPath && u.pathname !== '/' ? u.pathname.replace(/\/$/, '') : '';
  return new URL(`/.well-known/${suffix}${path}`, u.origin);
}
