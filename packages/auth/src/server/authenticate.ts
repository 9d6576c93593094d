/**
 * Bearer authentication for a web-standard HTTP handler: `authenticate(request)` resolves to the caller's
 * AuthInfo, or to the 401/403 Response to send (RFC 6750 §3 challenge with RFC 9728 `resource_metadata`).
 * The token is read from the Authorization header only: MCP forbids tokens in the query string.
 */
import { type AuthInfo, ErrorCode, StoreUnavailableError } from '@mcpwire/core';
import { AuthError } from '../shared/errors.js';
import { formatBearerChallenge } from '../shared/www-authenticate.js';
import { expandScopes, type ScopeHierarchy } from './scopes.js';
import type { TokenVerifier } from './verifier.js';

/** Options of {@link createBearerAuthenticator}. */
export interface BearerAuthOptions {
  verifier: TokenVerifier;
  /** URL of the PRM document, put in every challenge (omit only for a 2025-03-26-only server). */
  resourceMetadataUrl?: string;
  /** Scopes any request needs; announced in the 401 challenge and enforced (403 when missing). */
  requiredScopes?: string[];
  /** Broader scopes that imply narrower ones, applied when checking requiredScopes. */
  scopeHierarchy?: ScopeHierarchy;
}

/**
 * Checks bearer tokens on requests and builds the 401 and 403 answers with their `WWW-Authenticate`
 * challenges.
 */
export interface BearerAuthenticator {
  /** The AuthInfo of a valid token, or the Response to send instead. */
  authenticate(request: Request): Promise<AuthInfo | Response>;
  /** 401 with the challenge (no error code when no token was sent, `invalid_token` otherwise). */
  unauthorized(error?: { code: 'invalid_token' | 'invalid_request'; description: string }): Response;
  /** 403 `insufficient_scope` naming every scope the operation needs (all at once, not incrementally). */
  insufficientScope(required: string[], description?: string): Response;
}

/**
 * A {@link BearerAuthenticator} that verifies the request's bearer token with a {@link TokenVerifier} and
 * checks the required scopes.
 */
export function createBearerAuthenticator(options: BearerAuthOptions): BearerAuthenticator {
  const required = options.requiredScopes ?? [];
  const scopeParam = required.length > 0 ? required.join(' ') : undefined;
  const covers = (granted: string[]): boolean => {
    const all = expandScopes(granted, options.scopeHierarchy);
    return required.every((s) => all.has(s));
  };
  const challengeHeaders = (extra: Record<string, string | undefined>) => ({
    'www-authenticate': formatBearerChallenge({
      resource_metadata: options.resourceMetadataUrl,
      ...extra,
    }),
    'content-type': 'application/json',
    // Clients in browsers must be able to read the challenge.
    'access-control-expose-headers': 'WWW-Authenticate',
  });
  const unauthorized: BearerAuthenticator['unauthorized'] = (error) =>
    new Response(
      JSON.stringify(
        error ? { error: error.code, error_description: error.description } : { error: 'unauthorized' },
      ),
      {
        status: 401,
        headers: challengeHeaders({
          scope: scopeParam,
          error: error?.code,
          error_description: error?.description,
        }),
      },
    );
  const insufficientScope: BearerAuthenticator['insufficientScope'] = (scopes, description) => {
    const text = description ?? `This operation needs the scopes: ${scopes.join(' ')}`;
    return new Response(JSON.stringify({ error: 'insufficient_scope', error_description: text }), {
      status: 403,
      headers: challengeHeaders({
        error: 'insufficient_scope',
        scope: scopes.join(' '),
        error_description: text,
      }),
    });
  };
  return {
    unauthorized,
    insufficientScope,
    async authenticate(request) {
      const header = request.headers.get('authorization');
      if (!header) return unauthorized();
      const space = header.indexOf(' ');
      const scheme = space > 0 ? header.slice(0, space) : header;
      if (scheme.toLowerCase() !== 'bearer') return unauthorized();
      const token = space > 0 ? header.slice(space + 1).trim() : '';
      if (!token || token.includes(' ')) {
        return unauthorized({
          code: 'invalid_request',
          description: 'Expected "Bearer <token>", received a malformed header',
        });
      }
      let info: AuthInfo;
      try {
        info = await options.verifier.verify(token);
      } catch (error) {
        // The token may be fine: the store that knows it is away. Not a 401, or the client would drop it.
        if (error instanceof StoreUnavailableError) return storeUnavailable(error);
        const description =
          error instanceof AuthError ? error.message : 'The access token could not be verified';
        return unauthorized({ code: 'invalid_token', description });
      }
      if (required.length > 0 && !covers(info.scopes)) return insufficientScope(required);
      return info;
    },
  };
}

/** 503 with a JSON-RPC error naming the cause; the client may retry after a second. */
function storeUnavailable(error: StoreUnavailableError): Response {
  const body = {
    jsonrpc: '2.0',
    id: null,
    error: { code: ErrorCode.InternalError, message: `Service Unavailable: ${error.message}` },
  };
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '1' },
  });
}
