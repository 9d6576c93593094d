/**
 * The authorization request (PKCE S256, state, resource, scope) and validation of the authorization
 * response: RFC 9207 `iss` first (before acting on any error), then `state`, then the code.
 */
import { AuthError, AuthErrorReason } from '../shared/errors.js';
import type { AuthorizationServerMetadata } from '../shared/schemas.js';

/**
 * What the client remembers between sending the user to the authorization endpoint and reading the redirect
 * back: state, PKCE verifier, the expected issuer and redirect URI.
 */
export interface PendingAuthorization {
  state: string;
  codeVerifier: string;
  /** Issuer recorded from validated metadata before redirecting (RFC 9207). */
  issuer: string;
  issParameterSupported: boolean;
  redirectUri: string;
}

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string;
  resource: string;
  scope?: string;
}

/** Refuses an AS that does not advertise S256 (the client must verify PKCE support before going on). */
export function assertPkceS256(metadata: AuthorizationServerMetadata): void {
  const methods = metadata.code_challenge_methods_supported;
  if (!methods?.includes('S256')) {
    throw new AuthError(
      AuthErrorReason.PkceUnsupported,
      `Expected code_challenge_methods_supported to include S256 at ${metadata.issuer}, received ${JSON.stringify(methods ?? null)}; refusing to authorize without PKCE`,
    );
  }
}

/**
 * The authorization endpoint URL for a request: response_type=code, PKCE S256 challenge, state, the resource
 * indicator and scope.
 */
export function buildAuthorizationUrl(
  metadata: AuthorizationServerMetadata,
  request: AuthorizationRequest,
): URL {
  const endpoint = metadata.authorization_endpoint;
  if (!endpoint) {
    throw new AuthError(
      AuthErrorReason.Discovery,
      `Expected an authorization_endpoint for ${metadata.issuer}, received none`,
    );
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new AuthError(
      AuthErrorReason.UnsafeUrl,
      `Expected an absolute authorization endpoint URL, received ${endpoint}`,
    );
  }
  // The URL is handed to a browser: anything but http(s) (javascript:, file:, custom schemes) is refused.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AuthError(
      AuthErrorReason.UnsafeUrl,
      `Expected an http(s) authorization endpoint, received scheme ${url.protocol}`,
    );
  }
  const q = url.searchParams;
  q.set('response_type', 'code');
  q.set('client_id', request.clientId);
  q.set('redirect_uri', request.redirectUri);
  q.set('code_challenge', request.codeChallenge);
  q.set('code_challenge_method', 'S256');
  q.set('state', request.state);
  q.set('resource', request.resource);
  if (request.scope) q.set('scope', request.scope);
  return url;
}

function reject(message: string): AuthError {
  return new AuthError(AuthErrorReason.AuthorizationResponse, message);
}

/**
 * Validates the redirect the user agent came back with and returns the authorization code.
 * `response` is the full callback URL, or (when the user pasted it) a bare code.
 */
export function readAuthorizationResponse(response: string | URL, pending: PendingAuthorization): string {
  let url: URL | undefined;
  try {
    url = new URL(response);
  } catch {
    url = undefined;
  }
  if (!url) {
    // A bare code carries neither state nor iss: acceptable only when the AS does not promise iss.
    if (pending.issParameterSupported) {
      throw reject(
        `Expected the full redirect URL with iss (the AS advertises RFC 9207), received a bare code`,
      );
    }
    const code = String(response).trim();
    if (!code) throw reject('Expected an authorization code, received an empty string');
    return code;
  }
  const expectedRedirect = new URL(pending.redirectUri);
  if (url.origin !== expectedRedirect.origin || url.pathname !== expectedRedirect.pathname) {
    throw reject(`Expected a redirect to ${pending.redirectUri}, received ${url.origin}${url.pathname}`);
  }
  const params = url.searchParams;
  const iss = params.get('iss');
  if (iss !== null) {
    // Exact comparison: no case folding, default-port elision or trailing-slash normalisation.
    if (iss !== pending.issuer) {
      throw reject(
        `Expected iss ${JSON.stringify(pending.issuer)} in the authorization response, received ${JSON.stringify(iss)} (possible mix-up attack)`,
      );
    }
  } else if (pending.issParameterSupported) {
    throw reject(
      `Expected iss ${JSON.stringify(pending.issuer)} in the authorization response (the AS advertises it), received none`,
    );
  }
  const state = params.get('state');
  if (state !== pending.state) {
    throw reject(`Expected state ${JSON.stringify(pending.state)}, received ${JSON.stringify(state)}`);
  }
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    throw reject(
      `Expected an authorization code, the authorization server answered ${error}${description ? `: ${description}` : ''}`,
    );
  }
  const code = params.get('code');
  if (!code) throw reject('Expected a code parameter in the authorization response, received none');
  return code;
}
