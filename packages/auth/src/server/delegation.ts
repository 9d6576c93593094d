/**
 * Delegation to a third-party authorization server (Auth0-style IdP): the configuration is the issuer URL
 * and the audience (this server's resource URI). The AS metadata and JWKS are discovered once; tokens are
 * verified locally against the JWKS. The client's token is never forwarded anywhere.
 */
import { discoverAuthorizationServerMetadata } from '../shared/as-discovery.js';
import { AuthError, AuthErrorReason } from '../shared/errors.js';
import type { AuthorizationServerMetadata } from '../shared/schemas.js';
import { type BearerAuthenticator, createBearerAuthenticator } from './authenticate.js';
import { createProtectedResourceMetadataRoute, protectedResourceMetadataUrl } from './metadata.js';
import type { ScopeHierarchy } from './scopes.js';
import { createJwtVerifier, type FetchLike, type TokenVerifier } from './verifier.js';

/** Options of {@link createDelegatedAuth}. */
export interface DelegatedAuthOptions {
  /** Issuer identifier of the third-party AS, e.g. https://tenant.auth0.com/ (compared exactly). */
  issuer: string;
  /** This MCP server's resource URI (the audience its tokens must carry). */
  audience: string;
  /** Scopes every request needs (announced in 401 challenges). */
  requiredScopes?: string[];
  scopesSupported?: string[];
  scopeHierarchy?: ScopeHierarchy;
  fetch?: FetchLike;
}

/**
 * Everything a resource server needs to accept a third-party authorization server's tokens: its metadata, a
 * verifier, an authenticator and the Protected Resource Metadata route.
 */
export interface DelegatedAuth {
  metadata: AuthorizationServerMetadata;
  verifier: TokenVerifier;
  authenticator: BearerAuthenticator;
  /** Serves the PRM at its well-known paths; undefined for other requests. */
  metadataRoute: (request: Request) => Response | undefined;
  resourceMetadataUrl: string;
}

/**
 * Discovers a third-party authorization server (metadata and JWKS) and builds the resource-server side for
 * it; pass the result as an HTTP handler's `auth` option.
 */
export async function createDelegatedAuth(options: DelegatedAuthOptions): Promise<DelegatedAuth> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const metadata = await discoverAuthorizationServerMetadata(options.issuer, async (url) => {
    const response = await fetchImpl(url, { headers: { accept: 'application/json' } });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  });
  if (!metadata) {
    throw new AuthError(
      AuthErrorReason.Discovery,
      `Expected authorization server metadata for ${options.issuer}, received 4xx from every well-known URL`,
    );
  }
  if (!metadata.jwks_uri) {
    throw new AuthError(
      AuthErrorReason.Discovery,
      `Expected a jwks_uri in the metadata of ${options.issuer}, received none`,
    );
  }
  const verifier = createJwtVerifier({
    issuer: metadata.issuer,
    audience: options.audience,
    jwksUri: metadata.jwks_uri,
    fetch: fetchImpl,
  });
  const resourceMetadataUrl = protectedResourceMetadataUrl(options.audience);
  return {
    metadata,
    verifier,
    resourceMetadataUrl,
    authenticator: createBearerAuthenticator({
      verifier,
      resourceMetadataUrl,
      requiredScopes: options.requiredScopes,
      scopeHierarchy: options.scopeHierarchy,
    }),
    metadataRoute: createProtectedResourceMetadataRoute({
      resource: options.audience,
      authorizationServers: [metadata.issuer],
      scopesSupported: options.scopesSupported ?? options.requiredScopes,
    }),
  };
}
