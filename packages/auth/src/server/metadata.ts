/**
 * RFC 9728 Protected Resource Metadata: the document, its well-known locations (path-suffixed and root),
 * and a web-standard route that serves it.
 */
import type { ProtectedResourceMetadata } from '../shared/schemas.js';
import { canonicalResourceUri, wellKnownUrl } from '../shared/urls.js';

/** What this server's Protected Resource Metadata (RFC 9728) says. */
export interface ProtectedResourceOptions {
  /** The MCP endpoint URL; its canonical form is the `resource` and the audience tokens must carry. */
  resource: string;
  /** Issuer identifiers of the authorization servers (at least one, RFC 9728 §2 / MCP). */
  authorizationServers: string[];
  /** Minimal scopes for basic use; step-up asks for more. Do not list `offline_access`. */
  scopesSupported?: string[];
  resourceName?: string;
  resourceDocumentation?: string;
  /** Extra members copied into the document. */
  extra?: Record<string, unknown>;
}

/** Builds the PRM document. */
export function protectedResourceMetadata(options: ProtectedResourceOptions): ProtectedResourceMetadata {
  if (options.authorizationServers.length === 0) {
    throw new TypeError('Expected at least one authorization server in authorizationServers, received none');
  }
  return {
    ...options.extra,
    resource: canonicalResourceUri(options.resource),
    authorization_servers: [...options.authorizationServers],
    bearer_methods_supported: ['header'],
    ...(options.scopesSupported ? { scopes_supported: [...options.scopesSupported] } : {}),
    ...(options.resourceName ? { resource_name: options.resourceName } : {}),
    ...(options.resourceDocumentation ? { resource_documentation: options.resourceDocumentation } : {}),
  };
}

/** The path-suffixed well-known URL (`/.well-known/oauth-protected-resource/<path>`), used in challenges. */
export function protectedResourceMetadataUrl(resource: string): string {
  return wellKnownUrl(canonicalResourceUri(resource), 'oauth-protected-resource').href;
}

/** Both well-known paths the document is served at: path-suffixed first, then root. */
export function protectedResourceMetadataPaths(resource: string): string[] {
  const suffixed = new URL(protectedResourceMetadataUrl(resource)).pathname;
  const root = '/.well-known/oauth-protected-resource';
  return suffixed === root ? [root] : [suffixed, root];
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, OPTIONS',
  'access-control-allow-headers': 'mcp-protocol-version',
} as const;

/** A 200 JSON response carrying the document (CORS open: browser clients read it cross-origin). */
export function protectedResourceMetadataResponse(options: ProtectedResourceOptions): Response {
  return Response.json(protectedResourceMetadata(options), {
    headers: { ...corsHeaders, 'cache-control': 'max-age=3600' },
  });
}

/**
 * A route for the well-known paths: returns the response for GET/HEAD/OPTIONS on them, `undefined` for any
 * other request so the caller can fall through to its MCP handler. The document is built once.
 */
export function createProtectedResourceMetadataRoute(
  options: ProtectedResourceOptions,
): (request: Request) => Response | undefined {
  const body = JSON.stringify(protectedResourceMetadata(options));
  const paths = new Set(protectedResourceMetadataPaths(options.resource));
  return (request) => {
    const { pathname } = new URL(request.url);
    if (!paths.has(pathname)) return undefined;
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: corsHeaders });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { ...corsHeaders, allow: 'GET, HEAD, OPTIONS' } });
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      headers: { ...corsHeaders, 'content-type': 'application/json', 'cache-control': 'max-age=3600' },
    });
  };
}
