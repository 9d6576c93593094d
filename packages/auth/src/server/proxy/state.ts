/** Options, records and shared helpers of the 2025-03-26 proxy authorization server. */
import { readBodyWithin } from '@mcpwire/core';
import { base64url } from 'jose';
import type { AuthorizationServerMetadata } from '../../shared/schemas.js';
import type { FetchLike } from '../verifier.js';
import { ExpiringMap } from './store.js';

export interface UpstreamOptions {
  /** Issuer of the third-party AS (metadata is discovered from it). */
  issuer: string;
  /** This MCP server's static client at the upstream AS (a confidential client). */
  clientId: string;
  clientSecret?: string;
  /** How to authenticate at the upstream token endpoint. Default client_secret_basic when a secret is set. */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post' | 'none';
  /** Scope requested upstream. */
  scope?: string;
  /** Resource indicator sent upstream (the upstream API), if any. Never this server's own tokens. */
  resource?: string;
}

export interface ProxyAuthorizationServerOptions {
  /** Origin of the MCP server; the AS endpoints live at its root (2025-03-26 "authorization base URL"). */
  baseUrl: string;
  /** The MCP endpoint URL the issued tokens are bound to. */
  resource: string;
  upstream: UpstreamOptions;
  /** Scopes MCP clients may request (and that the issued tokens carry). */
  scopesSupported?: string[];
  /** Path of the upstream redirect URI on this server. Default `/oauth/callback`. */
  callbackPath?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** Display name on the consent page. */
  serverName?: string;
  fetch?: FetchLike;
  /** Caps on stored entries (clients, pending authorizations, codes, tokens). Default 10 000 each. */
  maxEntries?: number;
}

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

export interface UpstreamSession {
  accessToken: string;
  refreshToken?: string;
  /** ms since epoch. */
  expiresAt?: number;
  subject?: string;
}

export interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string[];
  session: string;
}

export interface IssuedToken {
  clientId: string;
  scope: string[];
  session: string;
  /** Refresh-token family: reuse of a rotated refresh token revokes the whole family. */
  family: string;
  expiresAt: number;
}

export interface ProxyState {
  options: ProxyAuthorizationServerOptions;
  issuer: string;
  resource: string;
  callbackUrl: string;
  fetch: FetchLike;
  upstream: () => Promise<AuthorizationServerMetadata>;
  clients: ExpiringMap<RegisteredClient>;
  /** Keyed by pending id (the consent form's transaction). */
  pending: ExpiringMap<PendingRequest>;
  /** Keyed by the upstream `state`: single use. */
  upstreamPending: ExpiringMap<PendingRequest & { upstreamVerifier: string }>;
  /** browser id → client ids the user consented to. */
  consents: ExpiringMap<Set<string>>;
  codes: ExpiringMap<IssuedCode>;
  sessions: ExpiringMap<UpstreamSession>;
  accessTokens: ExpiringMap<IssuedToken>;
  refreshTokens: ExpiringMap<IssuedToken>;
  /** Rotated-out refresh tokens → family, to detect replay. */
  usedRefreshTokens: ExpiringMap<string>;
}

export function createProxyState(
  options: ProxyAuthorizationServerOptions,
  issuer: string,
  resource: string,
  upstream: () => Promise<AuthorizationServerMetadata>,
): ProxyState {
  const max = options.maxEntries ?? 10_000;
  const refreshMs = (options.refreshTokenTtlSeconds ?? 30 * 86_400) * 1000;
  return {
    options,
    issuer,
    resource,
    callbackUrl: new URL(options.callbackPath ?? '/oauth/callback', issuer).href,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    upstream,
    clients: new ExpiringMap(365 * 86_400_000, max),
    pending: new ExpiringMap(10 * 60_000, max),
    upstreamPending: new ExpiringMap(10 * 60_000, max),
    consents: new ExpiringMap(30 * 86_400_000, max),
    codes: new ExpiringMap(60_000, max),
    sessions: new ExpiringMap(refreshMs, max),
    accessTokens: new ExpiringMap((options.accessTokenTtlSeconds ?? 3600) * 1000, max),
    refreshTokens: new ExpiringMap(refreshMs, max),
    usedRefreshTokens: new ExpiringMap(refreshMs, max),
  };
}

export function randomId(bytes = 32): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url.encode(new Uint8Array(digest));
}

/** Constant-time string comparison for secrets. */
export function safeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** RFC 6749 §5.2 JSON error. */
export function oauthError(status: number, error: string, description: string): Response {
  return Response.json(
    { error, error_description: description },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

/** Redirects to the client's (already validated) redirect URI with the given parameters plus iss. */
export function redirectToClient(
  state: ProxyState,
  redirectUri: string,
  params: Record<string, string | undefined>,
): Response {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  url.searchParams.set('iss', state.issuer);
  return new Response(null, { status: 302, headers: { location: url.href, 'cache-control': 'no-store' } });
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Request bodies of the AS endpoints are small forms or JSON: anything larger is refused unread. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Reads a request body up to MAX_BODY_BYTES; undefined when it is larger. */
export async function readSmallBody(request: Request): Promise<string | undefined> {
  const read = await readBodyWithin(request, MAX_BODY_BYTES);
  return read.ok ? read.text : undefined;
}
