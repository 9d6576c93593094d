/**
 * Token endpoint requests (RFC 6749 §3.2) with client authentication: none, client_secret_basic,
 * client_secret_post and private_key_jwt (RFC 7523, signed with jose). Grants: authorization_code,
 * refresh_token, client_credentials. `resource` (RFC 8707) goes on every request.
 */
import { type CryptoKey, importJWK, importPKCS8, type JWK, SignJWT } from 'jose';
import { AuthError, AuthErrorReason, describeValue } from '../shared/errors.js';
import {
  type AuthorizationServerMetadata,
  type ClientInformation,
  OAuthErrorResponseSchema,
  type TokenResponse,
  TokenResponseSchema,
} from '../shared/schemas.js';
import { guardedFetch, type HttpContext } from './http.js';
import { randomToken } from './pkce.js';

/** How a client authenticates at a token endpoint. */
export type TokenEndpointAuthMethod =
  | 'none'
  | 'client_secret_basic'
  | 'client_secret_post'
  | 'private_key_jwt';

/** A private key for private_key_jwt: a PKCS#8 PEM, a JWK, or a CryptoKey. */
export interface ClientSigningKey {
  key: string | JWK | CryptoKey;
  /** JWS algorithm, e.g. ES256 or RS256. */
  alg: string;
  kid?: string;
}

export interface ClientAuth {
  client: ClientInformation;
  method: TokenEndpointAuthMethod;
  signingKey?: ClientSigningKey;
}

/** Picks the auth method: the one the client was registered with, else the best the AS supports. */
export function chooseAuthMethod(
  client: ClientInformation,
  metadata: AuthorizationServerMetadata,
  signingKey: ClientSigningKey | undefined,
): TokenEndpointAuthMethod {
  const registered = client.token_endpoint_auth_method;
  if (registered === 'none' || registered === 'client_secret_basic' || registered === 'client_secret_post')
    return registered;
  if (registered === 'private_key_jwt') return registered;
  // RFC 8414 §2: the default when the AS lists nothing is client_secret_basic.
  const supported = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  if (signingKey && supported.includes('private_key_jwt')) return 'private_key_jwt';
  if (client.client_secret) {
    if (supported.includes('client_secret_basic')) return 'client_secret_basic';
    if (supported.includes('client_secret_post')) return 'client_secret_post';
  }
  return 'none';
}

async function importSigningKey(signing: ClientSigningKey): Promise<CryptoKey | Uint8Array> {
  if (typeof signing.key === 'string') return importPKCS8(signing.key, signing.alg);
  if ('type' in signing.key && 'algorithm' in signing.key) return signing.key as CryptoKey;
  return importJWK(signing.key as JWK, signing.alg);
}

/** Adds client authentication to the headers/body of a token request. */
async function authenticate(
  auth: ClientAuth,
  audience: string,
  headers: Headers,
  body: URLSearchParams,
): Promise<void> {
  const { client } = auth;
  switch (auth.method) {
    case 'client_secret_basic': {
      if (!client.client_secret)
        throw new AuthError(
          AuthErrorReason.Config,
          'Expected a client_secret for client_secret_basic, received none',
        );
      // RFC 6749 §2.3.1: form-urlencode both parts before base64.
      const pair = `${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`;
      headers.set('authorization', `Basic ${btoa(pair)}`);
      return;
    }
    case 'client_secret_post':
      if (!client.client_secret)
        throw new AuthError(
          AuthErrorReason.Config,
          'Expected a client_secret for client_secret_post, received none',
        );
      body.set('client_id', client.client_id);
      body.set('client_secret', client.client_secret);
      return;
    case 'private_key_jwt': {
      if (!auth.signingKey)
        throw new AuthError(
          AuthErrorReason.Config,
          'Expected a signing key for private_key_jwt, received none',
        );
      const key = await importSigningKey(auth.signingKey);
      const assertion = await new SignJWT({})
        .setProtectedHeader({
          alg: auth.signingKey.alg,
          ...(auth.signingKey.kid ? { kid: auth.signingKey.kid } : {}),
        })
        .setIssuer(client.client_id)
        .setSubject(client.client_id)
        .setAudience(audience)
        .setJti(randomToken(16))
        .setIssuedAt()
        .setExpirationTime('2m')
        .sign(key);
      body.set('client_id', client.client_id);
      body.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      body.set('client_assertion', assertion);
      return;
    }
    case 'none':
      body.set('client_id', client.client_id);
      return;
  }
}

/** POSTs a grant to the token endpoint and validates the answer. */
export async function requestToken(
  ctx: HttpContext,
  metadata: AuthorizationServerMetadata,
  auth: ClientAuth,
  params: Record<string, string | undefined>,
): Promise<TokenResponse> {
  const endpoint = metadata.token_endpoint;
  if (!endpoint) {
    throw new AuthError(
      AuthErrorReason.Discovery,
      `Expected a token_endpoint in the metadata of ${metadata.issuer}, received none`,
    );
  }
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) body.set(k, v);
  const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded' });
  await authenticate(auth, metadata.issuer, headers, body);
  const { status, body: json } = await guardedFetch(ctx, endpoint, {
    method: 'POST',
    headers,
    body,
    reason: AuthErrorReason.TokenRequest,
  });
  if (status !== 200) {
    const err = OAuthErrorResponseSchema.safeParse(json);
    const detail = err.success
      ? `${err.data.error}${err.data.error_description ? `: ${err.data.error_description}` : ''}`
      : describeValue(json);
    throw new AuthError(
      AuthErrorReason.TokenRequest,
      `Expected 200 from the token endpoint (${params['grant_type']}), received ${status} ${detail}`,
    );
  }
  const parsed = TokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new AuthError(
      AuthErrorReason.TokenRequest,
      `Expected a token response with access_token and token_type, received ${describeValue(json)}`,
    );
  }
  if (parsed.data.token_type.toLowerCase() !== 'bearer') {
    throw new AuthError(
      AuthErrorReason.TokenRequest,
      `Expected token_type Bearer, received ${JSON.stringify(parsed.data.token_type)}`,
    );
  }
  return parsed.data;
}
