/**
 * The slice of an OAuth client that HTTP client transports need (packages/auth implements it fully).
 * Before each request the transport asks for the Authorization header; on 401 it calls
 * `handleUnauthorized` and retries once; on 403 (insufficient_scope) it calls `handleForbidden` and
 * retries a bounded number of times while a new header comes back.
 */
export interface HttpAuthProvider {
  /** The Authorization header value (e.g. `Bearer abc`), or undefined to send none. */
  authorizationHeader(): Promise<string | undefined> | string | undefined;
  /** Called with a 401 response; resolves with the header to retry with. */
  handleUnauthorized?(response: Pick<Response, 'headers'>): Promise<string>;
  /** Called with a 403 response; resolves with a header to retry with, or undefined to give up. */
  handleForbidden?(response: Pick<Response, 'headers'>, operation?: string): Promise<string | undefined>;
}

/** Converts undici's header record into web Headers (for auth providers and errors). */
export function toWebHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

export function headerOf(
  raw: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = raw[name];
  return Array.isArray(value) ? value[0] : value;
}
