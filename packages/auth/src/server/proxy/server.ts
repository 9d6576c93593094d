/**
 * 2025-03-26 "server as authorization server", implemented with that revision's third-party
 * authorization flow: this MCP server is an AS to MCP clients (metadata, /register, /authorize, /token
 * at its origin) and an OAuth client of a third-party AS. Tokens it issues are opaque, bound to the
 * upstream session, and checked against it; the upstream token never reaches MCP clients, and MCP
 * clients' tokens never go upstream.
 */
import { type AuthInfo, StoreUnavailableError } from '@mcpwire/core';
import { discoverAuthorizationServerMetadata } from '../../shared/as-discovery.js';
import { AuthError, AuthErrorReason } from '../../shared/errors.js';
import type { AuthorizationServerMetadata } from '../../shared/schemas.js';
import { canonicalResourceUri } from '../../shared/urls.js';
import type { TokenVerifier } from '../verifier.js';
import { exchangeUpstream, handleAuthorize, handleCallback, handleConsent } from './authorize.js';
import type { UpstreamSession } from './records.js';
import { createProxyState, type ProxyAuthorizationServerOptions } from './state.js';
import { handleRegister, handleToken } from './token.js';

/** The proxy authorization server: its routes, and a verifier of the tokens it issues. */
export interface ProxyAuthorizationServer {
  /** Issuer (= the server origin). */
  issuer: string;
  metadata: AuthorizationServerMetadata;
  /** Handles the AS routes; undefined for any other request (fall through to the MCP handler). */
  handle(request: Request): Promise<Response | undefined>;
  /** Verifies tokens this server issued, and that their upstream session is still valid. */
  verifier: TokenVerifier;
  /** The upstream session behind a verified token, for calls to the upstream API on the user's behalf. */
  upstreamSession(authInfo: AuthInfo): Promise<UpstreamSession | undefined>;
}

/**
 * An authorization server at the MCP server's origin for 2025-03-26 clients, which delegates the user's login
 * to a third-party authorization server and issues its own tokens.
 */
export function createProxyAuthorizationServer(
  options: ProxyAuthorizationServerOptions,
): ProxyAuthorizationServer {
  const issuer = new URL(options.baseUrl).origin;
  const resource = canonicalResourceUri(options.resource);
  let upstreamMetadata: Promise<AuthorizationServerMetadata> | undefined;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const upstream = () => {
    upstreamMetadata ??= discoverAuthorizationServerMetadata(options.upstream.issuer, async (url) => {
      const response = await fetchImpl(url, { headers: { accept: 'application/json' } });
      return { status: response.status, body: await response.json().catch(() => undefined) };
    }).then((m) => {
      if (!m?.authorization_endpoint || !m.token_endpoint) {
        throw new AuthError(
          AuthErrorReason.Discovery,
          `Expected upstream metadata with authorization and token endpoints for ${options.upstream.issuer}, received none`,
        );
      }
      return m;
    });
    // A failed discovery is retried on the next request rather than cached forever.
    upstreamMetadata.catch(() => {
      upstreamMetadata = undefined;
    });
    return upstreamMetadata;
  };
  const state = createProxyState(options, issuer, resource, upstream);
  const callbackPath = new URL(state.callbackUrl).pathname;
  const metadata: AuthorizationServerMetadata = {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/register`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    authorization_response_iss_parameter_supported: true,
    ...(options.scopesSupported ? { scopes_supported: options.scopesSupported } : {}),
  };
  const metadataBody = JSON.stringify(metadata);
  const routes: Record<string, { method: string; run: (r: Request) => Promise<Response> }> = {
    '/authorize': { method: 'GET', run: (r) => handleAuthorize(state, r) },
    '/consent': { method: 'POST', run: (r) => handleConsent(state, r) },
    [callbackPath]: { method: 'GET', run: (r) => handleCallback(state, r) },
    '/register': { method: 'POST', run: (r) => handleRegister(state, r) },
    '/token': { method: 'POST', run: (r) => handleToken(state, r) },
  };

  return {
    issuer,
    metadata,
    async handle(request) {
      const { pathname } = new URL(request.url);
      if (pathname === '/.well-known/oauth-authorization-server') {
        return new Response(metadataBody, {
          headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
        });
      }
      const route = routes[pathname];
      if (!route) return undefined;
      if (request.method !== route.method) {
        return new Response(null, { status: 405, headers: { allow: route.method } });
      }
      try {
        return await route.run(request);
      } catch (error) {
        if (error instanceof StoreUnavailableError) {
          return Response.json(
            { error: 'temporarily_unavailable', error_description: error.message },
            { status: 503, headers: { 'retry-after': '1', 'cache-control': 'no-store' } },
          );
        }
        // Upstream unreachable or misconfigured: a clear 502, never a crash or a leaked stack.
        return Response.json(
          {
            error: 'temporarily_unavailable',
            error_description: 'The upstream authorization server could not be reached',
          },
          { status: 502 },
        );
      }
    },
    verifier: {
      async verify(token) {
        const record = await state.store.get('accessToken', token);
        if (!record)
          throw new AuthError(
            AuthErrorReason.InvalidToken,
            'Expected a token issued by this server, received an unknown or expired one',
          );
        let session = await state.store.get('session', record.session);
        if (!session) {
          throw new AuthError(
            AuthErrorReason.InvalidToken,
            'Expected a live upstream session behind the token, it has ended',
          );
        }
        if (session.expiresAt !== undefined && session.expiresAt <= Date.now()) {
          // The upstream grant lapsed: renew it if we can, else the MCP token is no longer honoured.
          const refreshToken = session.refreshToken;
          const renewed = refreshToken
            ? await exchangeUpstream(state, {
                grant_type: 'refresh_token',
                refresh_token: refreshToken,
              }).catch(() => undefined)
            : undefined;
          if (!renewed) {
            await state.store.delete('session', record.session);
            throw new AuthError(
              AuthErrorReason.InvalidToken,
              'Expected a live upstream session behind the token, it expired and cannot be renewed',
            );
          }
          session = { ...renewed, refreshToken: renewed.refreshToken ?? refreshToken };
          await state.put('session', record.session, session);
        }
        return {
          token,
          clientId: record.clientId,
          scopes: record.scope,
          expiresAt: Math.floor(record.expiresAt / 1000),
          resource,
          subject: session.subject,
          extra: { upstreamIssuer: options.upstream.issuer },
        };
      },
    },
    async upstreamSession(authInfo) {
      const record = await state.store.get('accessToken', authInfo.token);
      return record ? state.store.get('session', record.session) : undefined;
    },
  };
}
