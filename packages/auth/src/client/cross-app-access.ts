/**
 * Cross-app access (SEP-990, "Enterprise-Managed Authorization"): the user's enterprise IdP vouches for
 * them, so no browser is involved. On a 401 the client
 *   1. discovers the MCP server's authorization server (PRM → AS metadata),
 *   2. exchanges its IdP ID token at the IdP for an Identity Assertion JWT Authorization Grant (ID-JAG;
 *      RFC 8693 token exchange, audience = the AS issuer, resource = the MCP server),
 *   3. redeems the ID-JAG at the AS with the RFC 7523 JWT-bearer grant, authenticating as its client there.
 * It implements the transports' auth-provider shape (authorizationHeader / handleUnauthorized).
 */
import { AuthError, AuthErrorReason } from '../shared/errors.js';
import type { AuthorizationServerMetadata } from '../shared/schemas.js';
import { canonicalResourceUri } from '../shared/urls.js';
import { parseBearerChallenge } from '../shared/www-authenticate.js';
import { discoverAuthorizationServer, discoverProtectedResource } from './discovery.js';
import { type FetchLike, guardedFetch, type HttpContext } from './http.js';
import { nodeResolver } from './node-resolver.js';
import { requestToken, type TokenEndpointAuthMethod } from './token-endpoint.js';
import type { UrlPolicy } from './url-policy.js';

/** OAuth grant type of RFC 8693 token exchange (ID token → ID-JAG at the IdP). */
export const GRANT_TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
/** OAuth grant type of RFC 7523 JWT bearer assertions (ID-JAG → access token at the authorization server). */
export const GRANT_JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** RFC 8693 token type of an OpenID Connect ID token. */
export const TOKEN_TYPE_ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';
/** Token type of an Identity Assertion JWT Authorization Grant (ID-JAG). */
export const TOKEN_TYPE_ID_JAG = 'urn:ietf:params:oauth:token-type:id-jag';

/** Options of {@link CrossAppAccessProvider}: the MCP server, the enterprise IdP and our client at each. */
export interface CrossAppAccessOptions {
  /** The MCP endpoint URL. */
  serverUrl: string;
  /** The IdP's token endpoint (where the ID token is exchanged for an ID-JAG). */
  idpTokenEndpoint: string;
  /** Our client id at the IdP. */
  idpClientId: string;
  /** Our client secret at the IdP, when it authenticates clients (client_secret_post). */
  idpClientSecret?: string;
  /** The user's ID token from the IdP (or a function that fetches a fresh one). */
  idToken: string | (() => Promise<string>);
  /** Our client at the MCP server's authorization server. */
  clientId: string;
  clientSecret?: string;
  /** How we authenticate at the AS's token endpoint. Default client_secret_basic with a secret, else none. */
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod;
  scope?: string;
  fetch?: FetchLike;
  /** SSRF policy; default: https only, public addresses only. */
  urlPolicy?: UrlPolicy;
  timeoutMs?: number;
}

/**
 * Cross-app access (enterprise-managed authorization): gets access tokens for an MCP server from the user's
 * IdP ID token, without a browser. Pass it as an HTTP client transport's `authProvider`.
 */
export class CrossAppAccessProvider {
  readonly #options: CrossAppAccessOptions;
  readonly #http: HttpContext;
  #header: string | undefined;
  #inFlight: Promise<string> | undefined;

  /** A provider for one MCP server, with the IdP and client settings of `options`. */
  constructor(options: CrossAppAccessOptions) {
    this.#options = options;
    this.#http = {
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      policy: options.urlPolicy ?? { resolve: nodeResolver },
      maxBodyBytes: 1_000_000,
      timeoutMs: options.timeoutMs ?? 15_000,
    };
  }

  /** The Authorization header to send (`Bearer …`), or undefined before the first token. */
  authorizationHeader(): string | undefined {
    return this.#header;
  }

  /** A 401: run the whole exchange (concurrent 401s share one run). */
  handleUnauthorized(response: Pick<Response, 'headers'>): Promise<string> {
    const challenge = parseBearerChallenge(response.headers.get('www-authenticate'));
    this.#inFlight ??= this.#run(challenge?.resourceMetadata, challenge?.scope).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #run(resourceMetadataUrl: string | undefined, challengeScope: string | undefined): Promise<string> {
    const { serverUrl } = this.#options;
    const prm = await discoverProtectedResource(this.#http, serverUrl, resourceMetadataUrl);
    const issuer = prm?.metadata.authorization_servers?.[0];
    if (!prm || !issuer) {
      throw new AuthError(
        AuthErrorReason.Discovery,
        `Expected protected resource metadata naming an authorization server for ${serverUrl}, received ${prm ? 'none in authorization_servers' : 'no document'}`,
      );
    }
    const metadata = await discoverAuthorizationServer(this.#http, issuer);
    const resource = canonicalResourceUri(prm.metadata.resource);
    const scope = this.#options.scope ?? challengeScope;
    const assertion = await this.#exchangeIdToken(metadata, resource, scope);
    const secret = this.#options.clientSecret;
    const tokens = await requestToken(
      this.#http,
      metadata,
      {
        client: { client_id: this.#options.clientId, ...(secret ? { client_secret: secret } : {}) },
        method: this.#options.tokenEndpointAuthMethod ?? (secret ? 'client_secret_basic' : 'none'),
      },
      { grant_type: GRANT_JWT_BEARER, assertion, scope, resource },
    );
    this.#header = `Bearer ${tokens.access_token}`;
    return this.#header;
  }

  /** RFC 8693 at the IdP: ID token in, ID-JAG out. */
  async #exchangeIdToken(
    metadata: AuthorizationServerMetadata,
    resource: string,
    scope: string | undefined,
  ): Promise<string> {
    const idToken =
      typeof this.#options.idToken === 'string' ? this.#options.idToken : await this.#options.idToken();
    const body = new URLSearchParams({
      grant_type: GRANT_TOKEN_EXCHANGE,
      requested_token_type: TOKEN_TYPE_ID_JAG,
      subject_token: idToken,
      subject_token_type: TOKEN_TYPE_ID_TOKEN,
      audience: metadata.issuer,
      resource,
      client_id: this.#options.idpClientId,
    });
    if (scope) body.set('scope', scope);
    if (this.#options.idpClientSecret) body.set('client_secret', this.#options.idpClientSecret);
    const { status, body: json } = await guardedFetch(this.#http, this.#options.idpTokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      reason: AuthErrorReason.TokenRequest,
    });
    const answer = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    if (status !== 200 || typeof answer['access_token'] !== 'string') {
      throw new AuthError(
        AuthErrorReason.TokenRequest,
        `Expected 200 with an ID-JAG from the IdP token exchange, received ${status} ${JSON.stringify(json).slice(0, 200)}`,
      );
    }
    if (answer['issued_token_type'] !== TOKEN_TYPE_ID_JAG) {
      throw new AuthError(
        AuthErrorReason.TokenRequest,
        `Expected issued_token_type ${TOKEN_TYPE_ID_JAG} from the IdP, received ${JSON.stringify(answer['issued_token_type'])}`,
      );
    }
    return answer['access_token'];
  }
}
