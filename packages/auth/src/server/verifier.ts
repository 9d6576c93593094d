/**
 * Pluggable access-token verification. Two verifiers ship: JWT against the AS's JWKS (jose) and RFC 7662
 * introspection. Both insist that the token was issued for this server (audience = canonical resource URI).
 */
import type { AuthInfo } from '@mcpwire/core';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors,
  type JSONWebKeySet,
  jwtVerify,
} from 'jose';
import { AuthError, AuthErrorReason } from '../shared/errors.js';
import { IntrospectionResponseSchema } from '../shared/schemas.js';
import { canonicalResourceUri } from '../shared/urls.js';

/** Verifies a bearer token; rejects with AuthError (reason `invalid_token`) when it must not be accepted. */
export interface TokenVerifier {
  /** The caller's AuthInfo for a valid token; rejects for an invalid or expired one. */
  verify(token: string): Promise<AuthInfo>;
}

/** A `fetch` function (the global one by default), for tests and custom HTTP stacks. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Options of {@link createJwtVerifier}. */
export interface JwtVerifierOptions {
  /** Expected `iss`, compared exactly. */
  issuer: string;
  /** This server's resource URI; the token's `aud` must contain its canonical form. */
  audience: string;
  /** Where the AS publishes its keys. One of jwksUri / jwks is required. */
  jwksUri?: string;
  /** A fixed key set (tests, or keys distributed out of band). */
  jwks?: JSONWebKeySet;
  /** Accepted signature algorithms; `none` and HMAC are never accepted with a public key set. */
  algorithms?: string[];
  /** Seconds of clock skew tolerated on exp/nbf. Default 30. */
  clockToleranceSeconds?: number;
  fetch?: FetchLike;
}

const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA', 'RS384', 'RS512', 'PS384', 'PS512'];

function invalid(message: string, cause?: unknown): AuthError {
  return new AuthError(AuthErrorReason.InvalidToken, message, { cause });
}

function scopesOf(claims: Record<string, unknown>): string[] {
  const { scope, scp } = claims;
  if (typeof scope === 'string') return scope.split(' ').filter(Boolean);
  if (Array.isArray(scp)) return scp.filter((s): s is string => typeof s === 'string');
  if (typeof scp === 'string') return scp.split(' ').filter(Boolean);
  return [];
}

/**
 * A {@link TokenVerifier} of JWT access tokens: signature against the issuer's JWKS, issuer, audience,
 * expiry.
 */
export function createJwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const audience = canonicalResourceUri(options.audience);
  let keys: ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;
  if (options.jwks) keys = createLocalJWKSet(options.jwks);
  else if (options.jwksUri) {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    keys = createRemoteJWKSet(new URL(options.jwksUri), {
      [customFetch]: (url, init) => fetchImpl(url, init),
    });
  } else
    throw new AuthError(
      AuthErrorReason.Config,
      'Expected jwksUri or jwks for the JWT verifier, received neither',
    );
  const verifyOptions = {
    issuer: options.issuer,
    audience,
    algorithms: options.algorithms ?? DEFAULT_ALGORITHMS,
    clockTolerance: options.clockToleranceSeconds ?? 30,
    requiredClaims: ['exp'],
  };
  return {
    async verify(token) {
      if (token.split('.').length !== 3) {
        throw invalid('Expected a JWT access token (three dot-separated parts), received something else');
      }
      try {
        const { payload } = await jwtVerify(token, keys, verifyOptions);
        return {
          token,
          scopes: scopesOf(payload),
          clientId:
            typeof payload['client_id'] === 'string'
              ? payload['client_id']
              : (payload['azp'] as string | undefined),
          expiresAt: payload.exp,
          resource: audience,
          subject: payload.sub,
          extra: { issuer: payload.iss },
        };
      } catch (error) {
        throw invalid(`Access token rejected: ${describeJoseError(error, options.issuer, audience)}`, error);
      }
    },
  };
}

function describeJoseError(error: unknown, issuer: string, audience: string): string {
  if (error instanceof errors.JWTExpired) return 'expected an unexpired token, received one past its exp';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss')
      return `expected issuer ${issuer}, received ${JSON.stringify(error.payload.iss)}`;
    if (error.claim === 'aud') {
      return `expected audience ${audience}, received ${JSON.stringify(error.payload.aud)} (token not issued for this server)`;
    }
    return `claim ${error.claim} failed: ${error.reason}`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'signature does not verify with the issuer keys';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the issuer matches the token header';
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Options of {@link createIntrospectionVerifier}. */
export interface IntrospectionVerifierOptions {
  introspectionEndpoint: string;
  /** Credentials of this resource server at the AS (client_secret_basic). */
  clientId: string;
  clientSecret: string;
  /** This server's resource URI: the introspected `aud` must contain it. */
  audience: string;
  /** When set, the introspected `iss` (if present) must equal it. */
  issuer?: string;
  fetch?: FetchLike;
}

/** RFC 7662 introspection. Inactive tokens, tokens for other audiences and expired tokens are refused. */
export function createIntrospectionVerifier(options: IntrospectionVerifierOptions): TokenVerifier {
  const audience = canonicalResourceUri(options.audience);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const basic = `Basic ${btoa(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`)}`;
  return {
    async verify(token) {
      let response: Response;
      try {
        response = await fetchImpl(options.introspectionEndpoint, {
          method: 'POST',
          headers: {
            authorization: basic,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
        });
      } catch (error) {
        throw invalid(`Expected the introspection endpoint to answer, it failed: ${String(error)}`, error);
      }
      if (!response.ok) throw invalid(`Expected introspection status 200, received ${response.status}`);
      const parsed = IntrospectionResponseSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success)
        throw invalid('Expected an RFC 7662 introspection response, received an invalid body');
      const info = parsed.data;
      if (!info.active)
        throw invalid('Expected an active token, the authorization server says it is inactive');
      const audiences = info.aud === undefined ? [] : Array.isArray(info.aud) ? info.aud : [info.aud];
      if (!audiences.some((a) => safeCanonical(a) === audience)) {
        throw invalid(
          `Expected audience ${audience}, received ${JSON.stringify(info.aud)} (token not issued for this server)`,
        );
      }
      if (options.issuer && info.iss !== undefined && info.iss !== options.issuer) {
        throw invalid(`Expected issuer ${options.issuer}, received ${JSON.stringify(info.iss)}`);
      }
      const now = Math.floor(Date.now() / 1000);
      if (info.exp !== undefined && info.exp <= now)
        throw invalid('Expected an unexpired token, received one past its exp');
      return {
        token,
        scopes: info.scope ? info.scope.split(' ').filter(Boolean) : [],
        clientId: info.client_id,
        expiresAt: info.exp,
        resource: audience,
        subject: info.sub,
      };
    },
  };
}

function safeCanonical(value: string): string | undefined {
  try {
    return canonicalResourceUri(value);
  } catch {
    return undefined;
  }
}
