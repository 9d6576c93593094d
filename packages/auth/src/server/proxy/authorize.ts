/**
 * The browser-facing half of the proxy AS: /authorize (validate, then ask for consent per client),
 * /consent (CSRF-checked form post, then redirect upstream with our own state + PKCE), and the upstream
 * callback (single-use state, iss check, code exchange, our own code bound to the upstream session).
 */
import { decodeJwt } from 'jose';
import { TokenResponseSchema } from '../../shared/schemas.js';
import type { PendingRequest } from './records.js';
import {
  type ProxyState,
  randomId,
  readCookie,
  readSmallBody,
  redirectToClient,
  s256,
  safeEqual,
} from './state.js';

const BROWSER_COOKIE = 'mcpwire_browser';

function page(status: number, title: string, body: string, headers: Record<string, string> = {}): Response {
  return new Response(
    `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1>${body}`,
    {
      status,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // The consent page must not be framed (clickjacking of the approve button).
        'x-frame-options': 'DENY',
        'content-security-policy': "frame-ancestors 'none'",
        ...headers,
      },
    },
  );
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function browserCookie(state: ProxyState, id: string): string {
  const secure = state.issuer.startsWith('https:') ? '; Secure' : '';
  return `${BROWSER_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000${secure}`;
}

export async function handleAuthorize(state: ProxyState, request: Request): Promise<Response> {
  const q = new URL(request.url).searchParams;
  const client = await state.store.get('client', q.get('client_id') ?? '');
  const redirectUri = q.get('redirect_uri') ?? '';
  // Until client and redirect URI are validated, errors are shown, never redirected (open redirect).
  if (!client) return page(400, 'Unknown client', '<p>Expected a registered client_id.</p>');
  if (!client.redirect_uris.includes(redirectUri)) {
    return page(
      400,
      'Redirect URI mismatch',
      '<p>Expected a redirect_uri registered for this client (exact match).</p>',
    );
  }
  const clientState = q.get('state') ?? undefined;
  const fail = (error: string, description: string) =>
    redirectToClient(state, redirectUri, { error, error_description: description, state: clientState });
  if (q.get('response_type') !== 'code')
    return fail('unsupported_response_type', 'Expected response_type=code');
  const challenge = q.get('code_challenge');
  if (!challenge || q.get('code_challenge_method') !== 'S256') {
    return fail('invalid_request', 'Expected PKCE with code_challenge_method=S256');
  }
  const resource = q.get('resource');
  if (resource !== null && resource !== state.resource) {
    return fail('invalid_target', `Expected resource ${state.resource}`);
  }
  const supported = state.options.scopesSupported;
  const scope = (q.get('scope') ?? '').split(' ').filter(Boolean);
  if (supported && scope.some((s) => !supported.includes(s))) {
    return fail('invalid_scope', `Expected scopes among ${supported.join(' ')}`);
  }
  const browser = readCookie(request, BROWSER_COOKIE) ?? randomId(16);
  const pending: PendingRequest = {
    clientId: client.client_id,
    redirectUri,
    state: clientState,
    codeChallenge: challenge,
    scope: scope.length ? scope : (supported ?? []),
    csrf: randomId(16),
    browser,
  };
  if (await state.store.hasConsent(browser, client.client_id)) return redirectUpstream(state, pending);
  const txn = randomId(16);
  await state.put('pending', txn, pending);
  const name = escapeHtml(client.client_name ?? client.client_id);
  const host = escapeHtml(new URL(redirectUri).host);
  const server = escapeHtml(state.options.serverName ?? state.issuer);
  return page(
    200,
    'Authorize access',
    `<p><strong>${name}</strong> (redirecting to <strong>${host}</strong>) asks to access ${server}` +
      ` with scopes: ${escapeHtml(pending.scope.join(' ') || '(default)')}.</p>` +
      `<form method="post" action="/consent"><input type="hidden" name="txn" value="${txn}">` +
      `<input type="hidden" name="csrf" value="${pending.csrf}">` +
      '<button name="decision" value="approve">Approve</button> <button name="decision" value="deny">Deny</button></form>',
    { 'set-cookie': browserCookie(state, browser) },
  );
}

export async function handleConsent(state: ProxyState, request: Request): Promise<Response> {
  const text = await readSmallBody(request);
  if (text === undefined) return page(413, 'Request too large', '<p>Expected a small consent form.</p>');
  const form = new URLSearchParams(text);
  const pending = await state.store.take('pending', form.get('txn') ?? '');
  if (!pending)
    return page(
      400,
      'Expired request',
      '<p>Expected a pending authorization; start again from the client.</p>',
    );
  const browser = readCookie(request, BROWSER_COOKIE);
  if (!browser || browser !== pending.browser || !safeEqual(form.get('csrf') ?? '', pending.csrf)) {
    return page(403, 'Consent rejected', '<p>Expected the consent form from this browser session.</p>');
  }
  if (form.get('decision') !== 'approve') {
    return redirectToClient(state, pending.redirectUri, { error: 'access_denied', state: pending.state });
  }
  await state.store.addConsent(browser, pending.clientId, state.ttlMs.consent);
  return redirectUpstream(state, pending);
}

async function redirectUpstream(state: ProxyState, pending: PendingRequest): Promise<Response> {
  const upstream = await state.upstream();
  const verifier = randomId(32);
  const upstreamState = randomId(24);
  await state.put('upstreamPending', upstreamState, { ...pending, upstreamVerifier: verifier });
  const url = new URL(upstream.authorization_endpoint!);
  const { options } = state;
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.upstream.clientId);
  url.searchParams.set('redirect_uri', state.callbackUrl);
  url.searchParams.set('state', upstreamState);
  url.searchParams.set('code_challenge', await s256(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (options.upstream.scope) url.searchParams.set('scope', options.upstream.scope);
  if (options.upstream.resource) url.searchParams.set('resource', options.upstream.resource);
  return new Response(null, { status: 302, headers: { location: url.href, 'cache-control': 'no-store' } });
}

export async function handleCallback(state: ProxyState, request: Request): Promise<Response> {
  const q = new URL(request.url).searchParams;
  // Single use: a replayed or forged state finds nothing.
  const pending = await state.store.take('upstreamPending', q.get('state') ?? '');
  if (!pending) return page(400, 'Unknown state', '<p>Expected the state of a pending authorization.</p>');
  const upstream = await state.upstream();
  const iss = q.get('iss');
  if (
    (iss !== null && iss !== upstream.issuer) ||
    (iss === null && upstream.authorization_response_iss_parameter_supported)
  ) {
    return page(
      400,
      'Issuer mismatch',
      '<p>Expected the response of the configured authorization server.</p>',
    );
  }
  const code = q.get('code');
  if (!code)
    return redirectToClient(state, pending.redirectUri, { error: 'access_denied', state: pending.state });
  const session = await exchangeUpstream(state, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: state.callbackUrl,
    code_verifier: pending.upstreamVerifier,
  });
  if (!session) {
    return redirectToClient(state, pending.redirectUri, {
      error: 'server_error',
      error_description: 'The upstream authorization server refused the code',
      state: pending.state,
    });
  }
  const sessionId = randomId(24);
  await state.put('session', sessionId, session);
  const ourCode = randomId(32);
  await state.put('code', ourCode, {
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
    codeChallenge: pending.codeChallenge,
    scope: pending.scope,
    session: sessionId,
  });
  return redirectToClient(state, pending.redirectUri, { code: ourCode, state: pending.state });
}

/** Token request at the upstream AS, as this server's own confidential client. */
export async function exchangeUpstream(
  state: ProxyState,
  params: Record<string, string>,
): Promise<{ accessToken: string; refreshToken?: string; expiresAt?: number; subject?: string } | undefined> {
  const upstream = await state.upstream();
  const { clientId, clientSecret, tokenEndpointAuthMethod } = state.options.upstream;
  const method = tokenEndpointAuthMethod ?? (clientSecret ? 'client_secret_basic' : 'none');
  const body = new URLSearchParams(params);
  if (state.options.upstream.resource) body.set('resource', state.options.upstream.resource);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (method === 'client_secret_basic') {
    headers['authorization'] =
      `Basic ${btoa(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret ?? '')}`)}`;
  } else {
    body.set('client_id', clientId);
    if (method === 'client_secret_post' && clientSecret) body.set('client_secret', clientSecret);
  }
  let response: Response;
  try {
    response = await state.fetch(upstream.token_endpoint!, { method: 'POST', headers, body });
  } catch {
    return undefined;
  }
  if (!response.ok) return undefined;
  const parsed = TokenResponseSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return undefined;
  const t = parsed.data;
  let subject: string | undefined;
  for (const jwt of [t.id_token, t.access_token]) {
    if (subject || !jwt) continue;
    try {
      // Received directly from the upstream token endpoint over TLS: used only as a label, not as proof.
      subject = decodeJwt(jwt).sub;
    } catch {
      subject = undefined;
    }
  }
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: t.expires_in !== undefined ? Date.now() + t.expires_in * 1000 : undefined,
    subject,
  };
}
