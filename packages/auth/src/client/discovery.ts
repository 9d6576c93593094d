/**
 * Client-side discovery: the Protected Resource Metadata (from the challenge's `resource_metadata` or the
 * well-known URIs, path-suffixed then root), then the authorization server metadata; and the 2025-03-26
 * model (AS metadata at the server origin, else `/authorize`, `/token`, `/register` there).
 */
import { discoverAuthorizationServerMetadata } from '../shared/as-discovery.js';
import { AuthError, AuthErrorReason, describeValue } from '../shared/errors.js';
import {
  type AuthorizationServerMetadata,
  AuthorizationServerMetadataSchema,
  type ProtectedResourceMetadata,
  ProtectedResourceMetadataSchema,
} from '../shared/schemas.js';
import { resourceMatches, wellKnownUrl } from '../shared/urls.js';
import { guardedFetch, type HttpContext } from './http.js';

export interface DiscoveredResource {
  metadata: ProtectedResourceMetadata;
  /** Where the document was found. */
  url: string;
}

/** Candidate PRM URLs in the spec's order. */
export function protectedResourceMetadataCandidates(serverUrl: string, fromChallenge?: string): URL[] {
  if (fromChallenge) return [new URL(fromChallenge, serverUrl)];
  const suffixed = wellKnownUrl(serverUrl, 'oauth-protected-resource');
  const root = wellKnownUrl(serverUrl, 'oauth-protected-resource', false);
  return suffixed.href === root.href ? [root] : [suffixed, root];
}

/**
 * Finds the PRM of `serverUrl`. Returns undefined when none is served (a pre-2025-06-18 server).
 * Throws when a document is found but its `resource` is not this server: the client must not go on.
 */
export async function discoverProtectedResource(
  ctx: HttpContext,
  serverUrl: string,
  resourceMetadataUrl?: string,
): Promise<DiscoveredResource | undefined> {
  for (const url of protectedResourceMetadataCandidates(serverUrl, resourceMetadataUrl)) {
    const { status, body } = await guardedFetch(ctx, url);
    if (status >= 400 && status < 500) continue;
    if (status !== 200) {
      throw new AuthError(
        AuthErrorReason.Discovery,
        `Expected 200 for protected resource metadata at ${url.href}, received ${status}`,
      );
    }
    const parsed = ProtectedResourceMetadataSchema.safeParse(body);
    if (!parsed.success) {
      throw new AuthError(
        AuthErrorReason.Discovery,
        `Expected protected resource metadata (RFC 9728) at ${url.href}, received ${describeValue(body)}`,
      );
    }
    if (!resourceMatches(parsed.data.resource, serverUrl)) {
      throw new AuthError(
        AuthErrorReason.ResourceMismatch,
        `Expected protected resource metadata for ${serverUrl}, received resource ${JSON.stringify(parsed.data.resource)}; refusing to authorize for another resource`,
      );
    }
    return { metadata: parsed.data, url: url.href };
  }
  return undefined;
}

/** Discovers and validates the metadata of one authorization server issuer. */
export async function discoverAuthorizationServer(
  ctx: HttpContext,
  issuer: string,
): Promise<AuthorizationServerMetadata> {
  const metadata = await discoverAuthorizationServerMetadata(issuer, (url) => guardedFetch(ctx, url));
  if (!metadata) {
    throw new AuthError(
      AuthErrorReason.Discovery,
      `Expected authorization server metadata for ${issuer} (RFC 8414 or OpenID Connect discovery), received 4xx from every well-known URL`,
    );
  }
  return metadata;
}

/**
 * 2025-03-26: the authorization base URL is the server URL without its path. Metadata is looked up at
 * `/.well-known/oauth-authorization-server` there; on 404 the default endpoints are used.
 */
export async function discoverLegacyAuthorizationServer(
  ctx: HttpContext,
  serverUrl: string,
): Promise<{ metadata: AuthorizationServerMetadata; fallback: boolean }> {
  const origin = new URL(serverUrl).origin;
  const url = new URL('/.well-known/oauth-authorization-server', origin);
  const { status, body } = await guardedFetch(ctx, url);
  if (status === 200) {
    const parsed = AuthorizationServerMetadataSchema.safeParse(body);
    if (!parsed.success) {
      throw new AuthError(
        AuthErrorReason.Discovery,
        `Expected authorization server metadata at ${url.href}, received ${describeValue(body)}`,
      );
    }
    return { metadata: parsed.data, fallback: false };
  }
  if (status >= 400 && status < 500) {
    return {
      fallback: true,
      metadata: {
        issuer: origin,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        registration_endpoint: `${origin}/register`,
        // 2025-03-26 makes PKCE mandatory for every server, so S256 is implied when there is no metadata.
        code_challenge_methods_supported: ['S256'],
      },
    };
  }
  throw new AuthError(AuthErrorReason.Discovery, `Expected 200 or 404 from ${url.href}, received ${status}`);
}
