/**
 * "Send the user to this URL" implementations. An Authorizer receives the authorization URL and resolves
 * to the URL the user agent was redirected back to (or a code the user pasted).
 * `createHeadlessAuthorizer` is for tests and the conformance client: it fetches the URL with
 * `redirect: 'manual'` and follows Location headers (carrying cookies, so interactive-looking ASes that
 * auto-approve work) until one points at the redirect URI.
 */
import { AuthError, AuthErrorReason } from '../shared/errors.js';
import type { FetchLike } from './http.js';

/**
 * Sends the user to the authorization URL (a browser, a printed link) and resolves with the redirect URL that
 * came back (with code and state).
 */
export type Authorizer = (authorizationUrl: URL, redirectUri: string) => Promise<string | URL>;

/** Options of {@link createHeadlessAuthorizer}. */
export interface HeadlessAuthorizerOptions {
  fetch?: FetchLike;
  /** Hops to follow before giving up. Default 10. */
  maxRedirects?: number;
  timeoutMs?: number;
}

function cookiePairs(headers: Headers): string[] {
  return headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0]!)
    .filter((c) => c.includes('='));
}

/**
 * An {@link Authorizer} that follows the authorization server's redirects itself, without a browser (for
 * authorization servers that approve without user interaction, e.g. in tests).
 */
export function createHeadlessAuthorizer(options: HeadlessAuthorizerOptions = {}): Authorizer {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const maxRedirects = options.maxRedirects ?? 10;
  return async (authorizationUrl, redirectUri) => {
    const target = new URL(redirectUri);
    const jar = new Map<string, Map<string, string>>(); // origin → name → value
    let url = authorizationUrl;
    for (let hop = 0; hop <= maxRedirects; hop++) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new AuthError(
          AuthErrorReason.UnsafeUrl,
          `Expected an http(s) URL while following the authorization redirects, received ${url.protocol}`,
        );
      }
      if (url.origin === target.origin && url.pathname === target.pathname) return url;
      const cookies = jar.get(url.origin);
      const response = await fetchImpl(url, {
        redirect: 'manual',
        headers: cookies ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      for (const pair of cookiePairs(response.headers)) {
        const eq = pair.indexOf('=');
        let originJar = jar.get(url.origin);
        if (!originJar) {
          originJar = new Map();
          jar.set(url.origin, originJar);
        }
        originJar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new AuthError(
          AuthErrorReason.AuthorizationResponse,
          `Expected a redirect from ${url.origin}${url.pathname}, received ${response.status} (the authorization server wants user interaction)`,
        );
      }
      url = new URL(location, url);
    }
    throw new AuthError(
      AuthErrorReason.AuthorizationResponse,
      `Expected to reach ${redirectUri} within ${maxRedirects} redirects, received more`,
    );
  };
}
