/**
 * OAuthClientProvider: what an HTTP client transport calls. It owns discovery, registration, the
 * authorization code flow (or client_credentials), refresh with rotation and step-up, and hands back the
 * Authorization header value to (re)try a request with. The transport glue is:
 *   header = await provider.authorizationHeader()            // before every request (never a query param)
 *   on 401: header = await provider.handleUnauthorized(res)  // then retry once
 *   on 403: header = await provider.handleForbidden(res)     // insufficient_scope → step-up, else undefined
 */
import { AuthError, AuthErrorReason } from '../shared/errors.js';
import type {
  AuthorizationServerMetadata,
  ClientInformation,
  ClientMetadata,
  TokenResponse,
} from '../shared/schemas.js';
import { canonicalResourceUri } from '../shared/urls.js';
import { parseBearerChallenge } from '../shared/www-authenticate.js';
import { assertPkceS256, buildAuthorizationUrl, readAuthorizationResponse } from './authorization.js';
import {
  discoverAuthorizationServer,
  discoverLegacyAuthorizationServer,
  discoverProtectedResource,
} from './discovery.js';
import type { FetchLike, HttpContext } from './http.js';
import { nodeResolver } from './node-resolver.js';
import { createPkce, randomToken } from './pkce.js';
import { obtainClient, type PreRegisteredClient } from './registration.js';
import { InMemoryOAuthStorage, type OAuthStorage, type StoredTokens } from './storage.js';
import { type ClientSigningKey, chooseAuthMethod, requestToken } from './token-endpoint.js';
import type { UrlPolicy } from './url-policy.js';
import type { Authorizer } from './user-agent.js';

/**
 * Options of {@link OAuthClientProvider}: the MCP server, how to get the user's consent (or client
 * credentials), how the client is registered, and where tokens are kept.
 */
export interface OAuthClientProviderOptions {
  /** The MCP endpoint URL. */
  serverUrl: string;
  /** `authorization_code` (default, on behalf of a user) or `client_credentials` (on its own behalf). */
  grantType?: 'authorization_code' | 'client_credentials';
  /** Redirect URI registered with the AS (required for authorization_code). */
  redirectUri?: string;
  /** Sends the user to the authorization URL; resolves to the redirect URL they came back with. */
  authorize?: Authorizer;
  /** Client metadata for registration (client_name, ...); redirect_uris defaults to [redirectUri]. */
  clientMetadata?: ClientMetadata;
  /** HTTPS URL of this client's Client ID Metadata Document, used when the AS supports CIMD. */
  clientMetadataUrl?: string;
  /** Pre-registered credentials (preferred over CIMD and DCR). */
  preRegistered?: PreRegisteredClient | PreRegisteredClient[];
  /** Key for private_key_jwt client authentication. */
  signingKey?: ClientSigningKey;
  storage?: OAuthStorage;
  fetch?: FetchLike;
  /** SSRF policy; default: https only, public addresses only, hostnames resolved with node:dns. */
  urlPolicy?: UrlPolicy;
  /** MCP-Protocol-Version sent during discovery. */
  protocolVersion?: string;
  /** Step-up re-authorizations allowed per operation before giving up. Default 2. */
  maxStepUpAttempts?: number;
  timeoutMs?: number;
  maxBodyBytes?: number;
}

interface AuthContext {
  metadata: AuthorizationServerMetadata;
  client: ClientInformation;
  resource: string;
  scopesSupported?: string[];
  /** No PRM: the 2025-03-26 model (AS at the server origin). */
  legacy: boolean;
}

const EXPIRY_MARGIN_MS = 30_000;

/**
 * The OAuth client of an MCP client: discovers the authorization server from a 401, registers (client ID
 * metadata document, dynamic registration or pre-registered credentials), gets and refreshes tokens with
 * PKCE, and steps up scopes on 403. Pass it as an HTTP client transport's `authProvider`.
 */
export class OAuthClientProvider {
  readonly #options: OAuthClientProviderOptions;
  readonly #http: HttpContext;
  readonly #storage: OAuthStorage;
  readonly #serverResource: string;
  readonly #requestedScopes = new Set<string>();
  readonly #stepUps = new Map<string, number>();
  #context: AuthContext | undefined;
  /** One flow at a time: concurrent 401s share it instead of starting several authorizations. */
  #inFlight: Promise<string> | undefined;

  /**
   * A provider for one MCP server; refuses at once options that cannot work (e.g. authorization code without
   * `redirectUri` and `authorize`).
   */
  constructor(options: OAuthClientProviderOptions) {
    const grant = options.grantType ?? 'authorization_code';
    if (grant === 'authorization_code' && (!options.redirectUri || !options.authorize)) {
      throw new AuthError(
        AuthErrorReason.Config,
        'Expected redirectUri and authorize for the authorization_code grant, received neither or one',
      );
    }
    this.#options = options;
    this.#serverResource = canonicalResourceUri(options.serverUrl);
    this.#storage = options.storage ?? new InMemoryOAuthStorage();
    this.#http = {
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      policy: options.urlPolicy ?? { resolve: nodeResolver },
      protocolVersion: options.protocolVersion,
      maxBodyBytes: options.maxBodyBytes ?? 1_000_000,
      timeoutMs: options.timeoutMs ?? 15_000,
    };
  }

  /** The stored tokens for this server, if any. */
  tokens(): Promise<StoredTokens | undefined> {
    return this.#storage.getTokens(this.#serverResource);
  }

  /** `Bearer <token>` for the next request, refreshing an expired token first; undefined when none. */
  async authorizationHeader(): Promise<string | undefined> {
    const tokens = await this.tokens();
    if (!tokens) return undefined;
    if (
      tokens.expiresAt !== undefined &&
      tokens.expiresAt - EXPIRY_MARGIN_MS <= Date.now() &&
      tokens.refreshToken
    ) {
      try {
        // Shared: concurrent requests must not each redeem the (rotating) refresh token.
        return await this.#single(() => this.refresh());
      } catch {
        return undefined;
      }
    }
    return `Bearer ${tokens.accessToken}`;
  }

  /** A 401 arrived: refresh if possible, else discover, register and authorize. Returns the header to retry with. */
  handleUnauthorized(response: Pick<Response, 'headers'>): Promise<string> {
    const challenge = parseBearerChallenge(response.headers.get('www-authenticate'));
    return this.#single(async () => {
      // Discovery first: if the server now names another AS, the old tokens are dropped and not refreshed.
      const context = await this.#discover(challenge?.resourceMetadata);
      const tokens = await this.tokens();
      if (tokens?.refreshToken && context.metadata.issuer === tokens.issuer) {
        try {
          return await this.refresh();
        } catch {
          // The refresh token is gone or revoked: fall through to a full authorization.
        }
      }
      const scope = challenge?.scope ?? context.scopesSupported?.join(' ');
      return this.#obtain(context, scope);
    });
  }

  /**
   * A 403 arrived. For `insufficient_scope`, re-authorizes with the union of the scopes requested so far and
   * the challenge's scopes, at most `maxStepUpAttempts` times per operation; otherwise returns undefined.
   */
  handleForbidden(response: Pick<Response, 'headers'>, operation?: string): Promise<string | undefined> {
    const challenge = parseBearerChallenge(response.headers.get('www-authenticate'));
    if (challenge?.error !== 'insufficient_scope') return Promise.resolve(undefined);
    const key = operation ?? challenge.scope ?? '';
    const attempts = (this.#stepUps.get(key) ?? 0) + 1;
    const max = this.#options.maxStepUpAttempts ?? 2;
    if (attempts > max) {
      return Promise.reject(
        new AuthError(
          AuthErrorReason.StepUpLimit,
          `Expected scopes ${JSON.stringify(challenge.scope ?? '')} to be granted within ${max} step-up attempts, the server still answers insufficient_scope`,
        ),
      );
    }
    this.#stepUps.set(key, attempts);
    return this.#single(async () => {
      const context = this.#context ?? (await this.#discover(challenge.resourceMetadata));
      const scopes = new Set(this.#requestedScopes);
      for (const s of challenge.scope?.split(' ') ?? []) if (s) scopes.add(s);
      return this.#obtain(context, [...scopes].join(' ') || undefined);
    });
  }

  /** Forget the step-up count of an operation once it succeeded. */
  resetStepUp(operation: string): void {
    this.#stepUps.delete(operation);
  }

  /** Runs discovery and authorization now (e.g. `mcpwire login`), without waiting for a 401. */
  authorize(scope?: string): Promise<string> {
    return this.#single(async () => {
      const context = await this.#discover(undefined);
      return this.#obtain(context, scope ?? context.scopesSupported?.join(' '));
    });
  }

  /** Refresh-token grant with rotation: a new refresh token replaces the old one. */
  async refresh(): Promise<string> {
    const tokens = await this.tokens();
    if (!tokens?.refreshToken) {
      throw new AuthError(AuthErrorReason.TokenRequest, 'Expected a stored refresh token, received none');
    }
    const context = this.#context ?? (await this.#discover(undefined));
    if (context.metadata.issuer !== tokens.issuer) {
      await this.#storage.deleteTokens(this.#serverResource);
      throw new AuthError(
        AuthErrorReason.TokenRequest,
        `Expected the tokens' issuer ${tokens.issuer}, the server now uses ${context.metadata.issuer}`,
      );
    }
    try {
      const response = await requestToken(this.#http, context.metadata, this.#clientAuth(context), {
        grant_type: 'refresh_token',
        refresh_token: tokens.refreshToken,
        resource: context.resource,
      });
      return await this.#save(context, response, tokens.scope, tokens.refreshToken);
    } catch (error) {
      await this.#storage.deleteTokens(this.#serverResource);
      throw error;
    }
  }

  #single(run: () => Promise<string>): Promise<string> {
    if (this.#inFlight) return this.#inFlight;
    const flow = run().finally(() => {
      this.#inFlight = undefined;
    });
    this.#inFlight = flow;
    return flow;
  }

  async #discover(resourceMetadataUrl: string | undefined): Promise<AuthContext> {
    const { serverUrl } = this.#options;
    const prm = await discoverProtectedResource(this.#http, serverUrl, resourceMetadataUrl);
    let metadata: AuthorizationServerMetadata;
    let resource: string;
    if (prm) {
      const issuer = prm.metadata.authorization_servers?.[0];
      if (!issuer) {
        throw new AuthError(
          AuthErrorReason.Discovery,
          `Expected at least one authorization_servers entry in ${prm.url}, received none`,
        );
      }
      metadata = await discoverAuthorizationServer(this.#http, issuer);
      resource = canonicalResourceUri(prm.metadata.resource);
    } else {
      metadata = (await discoverLegacyAuthorizationServer(this.#http, serverUrl)).metadata;
      resource = this.#serverResource;
    }
    if ((this.#options.grantType ?? 'authorization_code') === 'authorization_code') assertPkceS256(metadata);
    const previous = this.#context?.metadata.issuer ?? (await this.tokens())?.issuer;
    if (previous !== undefined && previous !== metadata.issuer) {
      // The server moved to another AS: tokens from the old one must not be sent any more.
      await this.#storage.deleteTokens(this.#serverResource);
    }
    const redirectUris = this.#options.redirectUri ? [this.#options.redirectUri] : undefined;
    const grantTypes =
      (this.#options.grantType ?? 'authorization_code') === 'client_credentials'
        ? ['client_credentials']
        : ['authorization_code', 'refresh_token'];
    const client = await obtainClient(this.#http, metadata, {
      storage: this.#storage,
      preRegistered: this.#options.preRegistered,
      clientMetadataUrl: this.#options.clientMetadataUrl,
      clientMetadata: {
        client_name: 'mcpwire',
        grant_types: grantTypes,
        ...(redirectUris ? { redirect_uris: redirectUris } : {}),
        ...(this.#options.signingKey ? { token_endpoint_auth_method: 'private_key_jwt' } : {}),
        ...this.#options.clientMetadata,
      },
    });
    this.#context = {
      metadata,
      client,
      resource,
      scopesSupported: prm?.metadata.scopes_supported,
      legacy: !prm,
    };
    return this.#context;
  }

  #clientAuth(context: AuthContext) {
    return {
      client: context.client,
      method: chooseAuthMethod(context.client, context.metadata, this.#options.signingKey),
      signingKey: this.#options.signingKey,
    };
  }

  async #obtain(context: AuthContext, scope: string | undefined): Promise<string> {
    const clientCredentials = (this.#options.grantType ?? 'authorization_code') === 'client_credentials';
    let requested = scope;
    // offline_access only when the AS lists it: refresh tokens are the AS's business, not the resource's.
    if (!clientCredentials && requested && context.metadata.scopes_supported?.includes('offline_access')) {
      if (!requested.split(' ').includes('offline_access')) requested = `${requested} offline_access`;
    }
    for (const s of scope?.split(' ') ?? []) if (s) this.#requestedScopes.add(s);
    const auth = this.#clientAuth(context);
    if (clientCredentials) {
      const response = await requestToken(this.#http, context.metadata, auth, {
        grant_type: 'client_credentials',
        scope: requested,
        resource: context.resource,
      });
      return this.#save(context, response, requested);
    }
    const redirectUri = this.#options.redirectUri!;
    const pkce = await createPkce();
    const pending = {
      state: randomToken(16),
      codeVerifier: pkce.verifier,
      issuer: context.metadata.issuer,
      issParameterSupported: context.metadata.authorization_response_iss_parameter_supported === true,
      redirectUri,
    };
    const url = buildAuthorizationUrl(context.metadata, {
      clientId: context.client.client_id,
      redirectUri,
      codeChallenge: pkce.challenge,
      state: pending.state,
      resource: context.resource,
      scope: requested,
    });
    const callback = await this.#options.authorize!(url, redirectUri);
    const code = readAuthorizationResponse(callback, pending);
    const response = await requestToken(this.#http, context.metadata, auth, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: pending.codeVerifier,
      resource: context.resource,
    });
    return this.#save(context, response, requested);
  }

  async #save(
    context: AuthContext,
    response: TokenResponse,
    requested: string | undefined,
    previousRefresh?: string,
  ) {
    const tokens: StoredTokens = {
      accessToken: response.access_token,
      tokenType: 'Bearer',
      refreshToken: response.refresh_token ?? previousRefresh,
      expiresAt: response.expires_in !== undefined ? Date.now() + response.expires_in * 1000 : undefined,
      scope: response.scope ?? requested,
      issuer: context.metadata.issuer,
      resource: context.resource,
    };
    await this.#storage.saveTokens(this.#serverResource, tokens);
    return `Bearer ${tokens.accessToken}`;
  }
}
