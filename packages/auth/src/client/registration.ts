/**
 * Obtaining a client id, in the spec's priority order: pre-registered credentials, then a Client ID
 * Metadata Document URL (when the AS advertises `client_id_metadata_document_supported`), then Dynamic
 * Client Registration (RFC 7591, with `application_type`). Credentials are stored per issuer.
 */
import { AuthError, AuthErrorReason, describeValue } from '../shared/errors.js';
import {
  type AuthorizationServerMetadata,
  type ClientInformation,
  ClientInformationSchema,
  type ClientMetadata,
  OAuthErrorResponseSchema,
} from '../shared/schemas.js';
import { guardedFetch, type HttpContext } from './http.js';
import type { OAuthStorage } from './storage.js';

/** Client credentials registered with an authorization server beforehand. */
export interface PreRegisteredClient extends ClientInformation {
  /** Issuer the credentials belong to; when set they are used only with that AS. */
  issuer?: string;
}

export interface RegistrationOptions {
  storage: OAuthStorage;
  preRegistered?: PreRegisteredClient | PreRegisteredClient[];
  /** HTTPS URL of this client's metadata document (CIMD); it becomes the client_id. */
  clientMetadataUrl?: string;
  /** Metadata sent with Dynamic Client Registration. */
  clientMetadata: ClientMetadata;
}

function isLoopbackRedirect(uri: string): boolean {
  try {
    const { hostname } = new URL(uri);
    return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/** Returns the client credentials to use with the AS, registering when needed. */
export async function obtainClient(
  ctx: HttpContext,
  metadata: AuthorizationServerMetadata,
  options: RegistrationOptions,
): Promise<ClientInformation> {
  const issuer = metadata.issuer;
  const pre = [options.preRegistered ?? []].flat();
  const forIssuer = pre.find((c) => c.issuer === issuer) ?? pre.find((c) => c.issuer === undefined);
  if (forIssuer) {
    const { issuer: _bound, ...client } = forIssuer;
    return client;
  }
  if (pre.length > 0 && !options.clientMetadataUrl && !metadata.registration_endpoint) {
    throw new AuthError(
      AuthErrorReason.Registration,
      `Expected pre-registered credentials for ${issuer}, received credentials for ${pre.map((c) => c.issuer).join(', ')} only; not reusing them with another authorization server`,
    );
  }
  const stored = await options.storage.getClient(issuer);
  if (stored) return stored;
  if (metadata.client_id_metadata_document_supported === true && options.clientMetadataUrl) {
    const url = new URL(options.clientMetadataUrl);
    if (url.protocol !== 'https:' || url.pathname === '/' || url.pathname === '') {
      throw new AuthError(
        AuthErrorReason.Config,
        `Expected the client metadata document URL to be https with a path, received ${options.clientMetadataUrl}`,
      );
    }
    // Portable across authorization servers: nothing to store.
    return {
      ...options.clientMetadata,
      client_id: options.clientMetadataUrl,
      token_endpoint_auth_method: 'none',
    };
  }
  if (!metadata.registration_endpoint) {
    throw new AuthError(
      AuthErrorReason.Registration,
      `Expected pre-registered credentials, client_id_metadata_document_supported or a registration_endpoint for ${issuer}, received none of them`,
    );
  }
  const redirects = options.clientMetadata.redirect_uris ?? [];
  const request: ClientMetadata = {
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // OIDC defaults to "web", which forbids the loopback redirects a CLI or desktop client uses.
    application_type: redirects.length > 0 && redirects.every(isLoopbackRedirect) ? 'native' : 'web',
    ...options.clientMetadata,
  };
  const { status, body } = await guardedFetch(ctx, metadata.registration_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
    reason: AuthErrorReason.Registration,
  });
  if (status !== 201 && status !== 200) {
    const err = OAuthErrorResponseSchema.safeParse(body);
    const detail = err.success
      ? `${err.data.error}${err.data.error_description ? `: ${err.data.error_description}` : ''}`
      : describeValue(body);
    throw new AuthError(
      AuthErrorReason.Registration,
      `Expected 201 from ${metadata.registration_endpoint}, received ${status} ${detail}`,
    );
  }
  const parsed = ClientInformationSchema.safeParse(body);
  if (!parsed.success) {
    throw new AuthError(
      AuthErrorReason.Registration,
      `Expected a registration response with client_id, received ${describeValue(body)}`,
    );
  }
  await options.storage.saveClient(issuer, parsed.data);
  return parsed.data;
}

/**
 * The Client ID Metadata Document to publish at `url` (serve it as application/json). Its `client_id` is the
 * URL itself, exactly, as the authorization server will check.
 */
export function buildClientMetadataDocument(
  url: string,
  metadata: ClientMetadata & { client_name: string; redirect_uris: string[] },
): ClientInformation {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' || parsed.pathname === '/') {
    throw new AuthError(
      AuthErrorReason.Config,
      `Expected an https client_id URL with a path, received ${url}`,
    );
  }
  return {
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    ...metadata,
    client_id: url,
  };
}
