/** Options, records and shared helpers of the 2025-03-26 proxy authorization server. */
import { readBodyWithin } from '@mcpwire/core';
import { base64url } from 'jose';
import type { AuthorizationServerMetadata } from '../../shared/schemas.js';
import type { FetchLike } from '../verifier.js';
import { MemoryProxyAuthStore } from './memory-store.js';
import type { ProxyAuthStore, ProxyRecordKind, ProxyRecords } from './records.js';

/** The third-party authorization server the proxy delegates logins to. */
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

/** Options of {@link createProxyAuthorizationServer}. */
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
  /** Caps on stored entries of the default memory store (clients, pending authorizations, codes, tokens). Default 10 000 each. */
  maxEntries?: number;
  /**
   * Where clients, consents, pending authorizations, codes, upstream sessions and tokens are kept. Default:
   * process memory. A shared store (e.g. `redisStore(...).proxyAuth` from `@mcpwire/redis`) lets several
   * server processes behind one load balancer serve the same authorizations.
   */
  store?: ProxyAuthStore;
}

export interface ProxyState {
  options: ProxyAuthorizationServerOptions;
  issuer: string;
  resource: string;
  callbackUrl: string;
  fetch: FetchLike;
  upstream: () => Promise<AuthorizationServerMetadata>;
  store: ProxyAuthStore;
  /** How long each kind of record lives, in ms. */
  ttlMs: Readonly<Record<ProxyRecordKind | 'consent', number>>;
  /** Stores a record for the lifetime of its kind (tokens pass their own). */
  put<K extends ProxyRecordKind>(kind: K, key: string, value: ProxyRecords[K], ttlMs?: number): Promise<void>;
}

export function createProxyState(
  options: ProxyAuthorizationServerOptions,
  issuer: string,
  resource: string,
  upstream: () => Promise<AuthorizationServerMetadata>,
): ProxyState {
  const refreshMs = (options.refreshTokenTtlSeconds ?? 30 * 86_400) * 1000;
  const store = options.store ?? new MemoryProxyAuthStore(options.maxEntries ?? 10_000);
  const ttlMs = {
    client: 365 * 86_400_000,
    pending: 10 * 60_000,
    upstreamPending: 10 * 60_000,
    consent: 30 * 86_400_000,
    code: 60_000,
    session: refreshMs,
    accessToken: (options.accessTokenTtlSeconds ?? 3600) * 1000,
    refreshToken: refreshMs,
    usedRefreshToken: refreshMs,
  };
  return {
    options,
    issuer,
    resource,
    callbackUrl: new URL(options.callbackPath ?? '/oauth/callback', issuer).href,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    upstream,
    store,
    ttlMs,
    put: (kind, key, value, ttl) => store.put(kind, key, value, ttl ?? ttlMs[kind]),
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
