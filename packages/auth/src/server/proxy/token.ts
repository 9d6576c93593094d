/**
 * The client-facing endpoints of the proxy AS: RFC 7591 registration and the token endpoint
 * (authorization_code with PKCE S256 and exact redirect URI; refresh_token with rotation and replay
 * detection that revokes the whole token family).
 */
import { ClientMetadataSchema } from '../../shared/schemas.js';
import { exchangeUpstream } from './authorize.js';
import type { IssuedToken, RegisteredClient } from './records.js';
import {
  MAX_BODY_BYTES,
  oauthError,
  type ProxyState,
  randomId,
  readSmallBody,
  s256,
  safeEqual,
} from './state.js';

const AUTH_METHODS = new Set(['none', 'client_secret_basic', 'client_secret_post']);

/** Redirect URIs must be https, or http on a loopback host (2025-03-26 §Security Considerations 5). */
function redirectUriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `expected an absolute URI, received ${JSON.stringify(uri)}`;
  }
  if (url.hash) return `expected no fragment in ${uri}`;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
    return undefined;
  return `expected https or a loopback http redirect URI, received ${uri}`;
}

export async function handleRegister(state: ProxyState, request: Request): Promise<Response> {
  const text = await readSmallBody(request);
  if (text === undefined)
    return oauthError(413, 'invalid_client_metadata', `Expected at most ${MAX_BODY_BYTES} bytes of metadata`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = ClientMetadataSchema.safeParse(body);
  if (!parsed.success)
    return oauthError(400, 'invalid_client_metadata', 'Expected a JSON object of client metadata');
  const meta = parsed.data;
  const redirects = meta.redirect_uris ?? [];
  if (redirects.length === 0 || redirects.length > 10) {
    return oauthError(
      400,
      'invalid_redirect_uri',
      `Expected 1 to 10 redirect_uris, received ${redirects.length}`,
    );
  }
  for (const uri of redirects) {
    const problem = redirectUriProblem(uri);
    if (problem) return oauthError(400, 'invalid_redirect_uri', problem);
  }
  const method = meta.token_endpoint_auth_method ?? 'client_secret_basic';
  if (!AUTH_METHODS.has(method)) {
    return oauthError(
      400,
      'invalid_client_metadata',
      `Expected token_endpoint_auth_method none, client_secret_basic or client_secret_post, received ${method}`,
    );
  }
  const client: RegisteredClient = {
    client_id: randomId(16),
    redirect_uris: redirects,
    token_endpoint_auth_method: method as RegisteredClient['token_endpoint_auth_method'],
    grant_types: ['authorization_code', 'refresh_token'],
    ...(meta.client_name ? { client_name: meta.client_name.slice(0, 100) } : {}),
    ...(method === 'none' ? {} : { client_secret: randomId(32) }),
  };
  await state.put('client', client.client_id, client);
  return Response.json(
    {
      ...client,
      response_types: ['code'],
      client_id_issued_at: Math.floor(Date.now() / 1000),
      client_secret_expires_at: 0,
    },
    { status: 201, headers: { 'cache-control': 'no-store' } },
  );
}

async function authenticateClient(
  state: ProxyState,
  request: Request,
  form: URLSearchParams,
): Promise<RegisteredClient | Response> {
  const header = request.headers.get('authorization');
  let id = form.get('client_id') ?? undefined;
  let secret = form.get('client_secret') ?? undefined;
  let method: string = secret ? 'client_secret_post' : 'none';
  if (header?.toLowerCase().startsWith('basic ')) {
    let decoded: string;
    try {
      decoded = atob(header.slice(6).trim());
    } catch {
      return oauthError(401, 'invalid_client', 'Expected base64 client credentials');
    }
    const colon = decoded.indexOf(':');
    try {
      id = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    } catch {
      return oauthError(401, 'invalid_client', 'Expected form-encoded client credentials');
    }
    method = 'client_secret_basic';
  }
  const client = id ? await state.store.get('client', id) : undefined;
  if (!client) return oauthError(401, 'invalid_client', 'Expected a registered client_id');
  if (client.token_endpoint_auth_method !== method) {
    return oauthError(
      401,
      'invalid_client',
      `Expected ${client.token_endpoint_auth_method} client authentication, received ${method}`,
    );
  }
  if (method !== 'none' && !safeEqual(secret ?? '', client.client_secret ?? '')) {
    return oauthError(401, 'invalid_client', 'Expected the client secret issued at registration');
  }
  return client;
}

async function issueTokens(state: ProxyState, record: Omit<IssuedToken, 'expiresAt'>): Promise<Response> {
  const accessTtl = state.options.accessTokenTtlSeconds ?? 3600;
  const refreshTtl = state.options.refreshTokenTtlSeconds ?? 30 * 86_400;
  const accessToken = randomId(32);
  const refreshToken = randomId(32);
  await Promise.all([
    state.put('accessToken', accessToken, { ...record, expiresAt: Date.now() + accessTtl * 1000 }),
    state.put('refreshToken', refreshToken, { ...record, expiresAt: Date.now() + refreshTtl * 1000 }),
  ]);
  return Response.json(
    {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: accessTtl,
      refresh_token: refreshToken,
      ...(record.scope.length ? { scope: record.scope.join(' ') } : {}),
    },
    { headers: { 'cache-control': 'no-store', pragma: 'no-cache' } },
  );
}

export async function handleToken(state: ProxyState, request: Request): Promise<Response> {
  const text = await readSmallBody(request);
  if (text === undefined)
    return oauthError(413, 'invalid_request', `Expected a form body of at most ${MAX_BODY_BYTES} bytes`);
  const form = new URLSearchParams(text);
  const client = await authenticateClient(state, request, form);
  if (client instanceof Response) return client;
  const resource = form.get('resource');
  if (resource !== null && resource !== state.resource) {
    return oauthError(400, 'invalid_target', `Expected resource ${state.resource}, received ${resource}`);
  }
  const grant = form.get('grant_type');
  if (grant === 'authorization_code') {
    const code = await state.store.take('code', form.get('code') ?? '');
    if (!code || code.clientId !== client.client_id) {
      return oauthError(
        400,
        'invalid_grant',
        'Expected a valid, unused authorization code issued to this client',
      );
    }
    if (form.get('redirect_uri') !== code.redirectUri) {
      return oauthError(
        400,
        'invalid_grant',
        'Expected the redirect_uri of the authorization request (exact match)',
      );
    }
    const verifier = form.get('code_verifier') ?? '';
    if (
      verifier.length < 43 ||
      verifier.length > 128 ||
      !safeEqual(await s256(verifier), code.codeChallenge)
    ) {
      return oauthError(400, 'invalid_grant', 'Expected a code_verifier matching the S256 code_challenge');
    }
    return issueTokens(state, {
      clientId: client.client_id,
      scope: code.scope,
      session: code.session,
      family: randomId(16),
    });
  }
  if (grant === 'refresh_token') {
    const presented = form.get('refresh_token') ?? '';
    const replayedFamily = await state.store.get('usedRefreshToken', presented);
    if (replayedFamily) {
      // A rotated-out refresh token came back: it leaked. Revoke everything descended from it.
      await state.store.revokeFamily(replayedFamily);
      return oauthError(
        400,
        'invalid_grant',
        'Expected a current refresh token, received one already rotated (family revoked)',
      );
    }
    const record = await state.store.take('refreshToken', presented);
    if (!record || record.clientId !== client.client_id) {
      return oauthError(400, 'invalid_grant', 'Expected a valid refresh token issued to this client');
    }
    await state.put('usedRefreshToken', presented, record.family);
    const session = await state.store.get('session', record.session);
    if (!session) return oauthError(400, 'invalid_grant', 'Expected a live upstream session, it has ended');
    if (session.expiresAt !== undefined && session.expiresAt <= Date.now()) {
      const renewed = session.refreshToken
        ? await exchangeUpstream(state, { grant_type: 'refresh_token', refresh_token: session.refreshToken })
        : undefined;
      if (!renewed)
        return oauthError(400, 'invalid_grant', 'Expected the upstream session to be renewable, it is not');
      await state.put('session', record.session, {
        ...renewed,
        refreshToken: renewed.refreshToken ?? session.refreshToken,
      });
    }
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (requested.some((s) => !record.scope.includes(s))) {
      return oauthError(400, 'invalid_scope', 'Expected scopes within the original grant');
    }
    return issueTokens(state, { ...record, scope: requested.length ? requested : record.scope });
  }
  return oauthError(
    400,
    'unsupported_grant_type',
    `Expected authorization_code or refresh_token, received ${grant}`,
  );
}
