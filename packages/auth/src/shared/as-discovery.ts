/**
 * Authorization server metadata discovery (RFC 8414 §3.1 + OpenID Connect Discovery), in MCP's order, with
 * the exact-issuer check of RFC 8414 §3.3 / 2026-07-28 authorization-server-discovery. Shared by the client
 * (through its SSRF-guarded fetch) and by the resource server when it delegates to a third-party AS.
 */
import { AuthError, AuthErrorReason } from './errors.js';
import { type AuthorizationServerMetadata, AuthorizationServerMetadataSchema } from './schemas.js';

export type JsonGetter = (url: URL) => Promise<{ status: number; body: unknown }>;

/**
 * The well-known URLs to try for an issuer, in priority order:
 * with a path: OAuth path insertion, OIDC path insertion, OIDC path appending; without: OAuth, OIDC.
 */
export function authorizationServerMetadataUrls(issuer: string): URL[] {
  const u = new URL(issuer);
  const path = u.pathname === '/' ? '' : u.pathname.endsWith('/') ? u.pathname.slice(0, -1) : u.pathname;
  if (!path) {
    return [
      new URL('/.well-known/oauth-authorization-server', u.origin),
      new URL('/.well-known/openid-configuration', u.origin),
    ];
  }
  return [
    new URL(`/.well-known/oauth-authorization-server${path}`, u.origin),
    new URL(`/.well-known/openid-configuration${path}`, u.origin),
    new URL(`${path}/.well-known/openid-configuration`, u.origin),
  ];
}

/**
 * Fetches and validates the metadata of `issuer`. Returns undefined when no candidate URL has a document
 * (every one answered 4xx); throws on a document whose issuer is not exactly `issuer`.
 */
export async function discoverAuthorizationServerMetadata(
  issuer: string,
  getJson: JsonGetter,
): Promise<AuthorizationServerMetadata | undefined> {
  for (const url of authorizationServerMetadataUrls(issuer)) {
    const { status, body } = await getJson(url);
    if (status >= 400 && status < 500) continue;
    if (status !== 200) {
      throw new AuthError(
        AuthErrorReason.Discovery,
        `Expected 200 or 404 from ${url.href}, received ${status}`,
      );
    }
    const parsed = AuthorizationServerMetadataSchema.safeParse(body);
    if (!parsed.success) {
      throw new AuthError(
        AuthErrorReason.Discovery,
        `Expected authorization server metadata at ${url.href}, received a document that does not validate: ${parsed.error.issues[0]?.message}`,
      );
    }
    // Simple string comparison: no normalisation, per RFC 8414 §3.3.
    if (parsed.data.issuer !== issuer) {
      throw new AuthError(
        AuthErrorReason.IssuerMismatch,
        `Expected metadata issuer ${JSON.stringify(issuer)} (the issuer the well-known URL was built from), received ${JSON.stringify(parsed.data.issuer)}`,
      );
    }
    return parsed.data;
  }
  return undefined;
}
