/** The records the 2025-03-26 proxy authorization server keeps, and the store interface that holds them. */

export interface RegisteredClient {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  token_endpoint_auth_method: 'none' | 'client_secret_basic' | 'client_secret_post';
  client_name?: string;
  grant_types: string[];
}

/** An MCP client's authorization request, waiting for consent and then for the upstream round trip. */
export interface PendingRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge: string;
  scope: string[];
  /** Anti-CSRF token of the consent form. */
  csrf: string;
  /** Browser that saw the consent page (cookie), so consent cannot be replayed from elsewhere. */
  browser: string;
}

/** A pending request sent upstream, with the PKCE verifier of our own upstream authorization request. */
export interface UpstreamPendingRequest extends PendingRequest {
  upstreamVerifier: string;
}

/** The upstream authorization server's tokens for the user behind a proxy-issued token. */
export interface UpstreamSession {
  accessToken: string;
  refreshToken?: string;
  /** ms since epoch. */
  expiresAt?: number;
  subject?: string;
}

/** An authorization code the proxy issued, waiting to be redeemed. */
export interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string[];
  session: string;
}

/** An access or refresh token the proxy issued. */
export interface IssuedToken {
  clientId: string;
  scope: string[];
  session: string;
  /** Refresh-token family: reuse of a rotated refresh token revokes the whole family. */
  family: string;
  expiresAt: number;
}

/** Each kind of record and its value. Values are plain JSON data, so any store can serialise them. */
export interface ProxyRecords {
  /** Keyed by client_id. */
  client: RegisteredClient;
  /** Keyed by pending id (the consent form's transaction). */
  pending: PendingRequest;
  /** Keyed by the upstream `state`: single use. */
  upstreamPending: UpstreamPendingRequest;
  /** Our authorization codes: single use. */
  code: IssuedCode;
  /** Upstream sessions, keyed by our session id. */
  session: UpstreamSession;
  accessToken: IssuedToken;
  refreshToken: IssuedToken;
  /** Rotated-out refresh tokens → their family, to detect replay. */
  usedRefreshToken: string;
}

/** The kinds of records a {@link ProxyAuthStore} keeps. */
export type ProxyRecordKind = keyof ProxyRecords;

/**
 * Where the proxy authorization server keeps its state. The default keeps it in process memory; a shared
 * store (e.g. `@mcpwire/redis`) lets several server processes behind one load balancer serve the same
 * clients: a client registered on one, consent given on another, the code redeemed on a third.
 *
 * Every record expires after the `ttlMs` it was stored with. `take` must be atomic: of two concurrent
 * takes of one key, exactly one receives the value (codes and upstream states are single use).
 */
export interface ProxyAuthStore {
  /** The record of a kind under a key, if present and not expired. */
  get<K extends ProxyRecordKind>(kind: K, key: string): Promise<ProxyRecords[K] | undefined>;
  /** Stores a record for `ttlMs`. */
  put<K extends ProxyRecordKind>(kind: K, key: string, value: ProxyRecords[K], ttlMs: number): Promise<void>;
  /** Reads and removes in one step. */
  take<K extends ProxyRecordKind>(kind: K, key: string): Promise<ProxyRecords[K] | undefined>;
  /** Deletes a record. */
  delete(kind: ProxyRecordKind, key: string): Promise<void>;
  /** Records that the user of `browser` consented to `clientId`; the browser's consents live `ttlMs`. */
  addConsent(browser: string, clientId: string, ttlMs: number): Promise<void>;
  /** Whether the user of this browser already consented to this client. */
  hasConsent(browser: string, clientId: string): Promise<boolean>;
  /** Deletes every access and refresh token of the family (a rotated refresh token was replayed). */
  revokeFamily(family: string): Promise<void>;
}
