/**
 * The 2025-03-26 model end to end: our client in 2025-03-26 mode (no PRM; AS metadata at the server
 * origin) against our server-as-AS, which delegates the user's login to oidc-provider (third-party flow).
 * A suite, so that it runs against one server-as-AS in memory (proxy-flow.test.ts) and against several
 * sharing one store, each request going to the next one (@mcpwire/redis).
 */
import { AuthErrorReason, createHeadlessAuthorizer, OAuthClientProvider } from '@mcpwire/auth/client';
import {
  createBearerAuthenticator,
  type ProxyAuthorizationServer,
  type ProxyAuthorizationServerOptions,
} from '@mcpwire/auth/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAuthorizationServer, type TestAuthorizationServer } from './oidc.js';
import { callTool } from './resource-server.js';
import { serveWeb, type WebServer } from './web-server.js';

/** Makes the server-as-AS instances that share the work: each HTTP request and verification goes to the next. */
export type ProxyReplicas = (options: ProxyAuthorizationServerOptions) => ProxyAuthorizationServer[];

export function proxyFlowSuite(name: string, replicas: ProxyReplicas): void {
  const REDIRECT = 'http://127.0.0.1:1/callback';
  let upstream: TestAuthorizationServer;
  let rs: WebServer;
  let proxies: ProxyAuthorizationServer[] = [];
  let turn = 0;
  /** The next instance, round robin. */
  const proxy = (): ProxyAuthorizationServer => proxies[turn++ % proxies.length]!;
  let mcpUrl: string;

  beforeAll(async () => {
    let ready = false;
    rs = await serveWeb(async (request) => {
      if (!ready) return new Response('not ready', { status: 503 });
      const handled = await proxy().handle(request);
      if (handled) return handled;
      const result = await authenticator.authenticate(request);
      if (result instanceof Response) return result;
      return Response.json({
        jsonrpc: '2.0',
        id: 1,
        result: { subject: result.subject, scopes: result.scopes },
      });
    });
    mcpUrl = `${rs.url}/mcp`;
    upstream = await startAuthorizationServer({
      resources: {},
      clients: [
        {
          client_id: 'mcp-proxy',
          client_secret: 'proxy-secret-0123456789abcdef',
          redirect_uris: [`${rs.url}/oauth/callback`],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
    });
    proxies = replicas({
      baseUrl: rs.url,
      resource: mcpUrl,
      scopesSupported: ['mcp'],
      upstream: {
        issuer: upstream.issuer,
        clientId: 'mcp-proxy',
        clientSecret: 'proxy-secret-0123456789abcdef',
        scope: 'openid',
      },
    });
    const authenticator = createBearerAuthenticator({
      verifier: { verify: (token) => proxy().verifier.verify(token) },
    });
    ready = true;
  });

  afterAll(async () => {
    await rs?.close();
    await upstream?.close();
  });

  /** A user agent that approves the proxy's consent page, then lets the redirects run (logging each hop). */
  function consentingBrowser(hops: string[], cookieJar = new Map<string, string>()) {
    const loggingFetch: typeof fetch = async (input, init) => {
      hops.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const headless = createHeadlessAuthorizer({ fetch: loggingFetch });
    return async (url: URL, redirectUri: string) => {
      hops.push(url.href);
      const cookie = [...cookieJar].map(([k, v]) => `${k}=${v}`).join('; ');
      const first = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
      for (const c of first.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const [k, v] = pair!.split('=');
        cookieJar.set(k!, v!);
      }
      let next: URL;
      if (first.status === 200) {
        hops.push('consent-page');
        const html = await first.text();
        const txn = /name="txn" value="([^"]+)"/.exec(html)?.[1] ?? '';
        const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
        const consent = await fetch(new URL('/consent', url), {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: [...cookieJar].map(([k, v]) => `${k}=${v}`).join('; '),
          },
          body: new URLSearchParams({ txn, csrf, decision: 'approve' }),
        });
        expect(consent.status).toBe(302);
        next = new URL(consent.headers.get('location')!);
      } else {
        expect(first.status).toBe(302);
        next = new URL(first.headers.get('location')!, url);
      }
      return headless(next, redirectUri);
    };
  }

  function legacyClient(hops: string[] = [], jar?: Map<string, string>) {
    return new OAuthClientProvider({
      serverUrl: mcpUrl,
      protocolVersion: '2025-03-26',
      redirectUri: REDIRECT,
      authorize: consentingBrowser(hops, jar),
      urlPolicy: { allowInsecureLoopback: true },
    });
  }

  describe(`2025-03-26 proxy authorization (third-party flow through oidc-provider), ${name}`, () => {
    it('runs discovery at the origin, DCR, consent, the upstream login and our own bound token', async () => {
      const hops: string[] = [];
      const client = legacyClient(hops);
      const result = await callTool(client, mcpUrl, 'anything');
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ result: { subject: 'user-1', scopes: ['mcp'] } });
      // The user went through the upstream AS and came back to our callback.
      expect(hops.some((h) => h.startsWith(upstream.issuer))).toBe(true);
      expect(hops.some((h) => h.startsWith(`${rs.url}/oauth/callback`))).toBe(true);
      // Our token is ours: not the upstream token, which stays on the server.
      const tokens = await client.tokens();
      const info = await proxy().verifier.verify(tokens!.accessToken);
      const session = await proxy().upstreamSession(info);
      expect(session?.accessToken).toBeTruthy();
      expect(session?.accessToken).not.toBe(tokens!.accessToken);
      expect(info.resource).toBe(mcpUrl);
    });

    it('asks for consent once per client in a browser, not again for the same client', async () => {
      const hops: string[] = [];
      const client = legacyClient(hops, new Map());
      await client.authorize();
      expect(await client.authorize()).toMatch(/^Bearer /);
      expect(hops.filter((h) => h === 'consent-page')).toHaveLength(1);
      // A new browser (no cookie) asking for the same client sees the consent page again.
      const other = legacyClient(hops, new Map());
      await other.authorize();
      expect(hops.filter((h) => h === 'consent-page')).toHaveLength(2);
    });

    it('renews the upstream session when it lapses before honouring the MCP token', async () => {
      const client = legacyClient();
      await client.authorize();
      const token = (await client.tokens())!.accessToken;
      const before = (await proxy().upstreamSession(await proxy().verifier.verify(token)))!;
      expect(before.refreshToken).toBeTruthy();
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        // Past the upstream access token's 300 s lifetime, within ours (3600 s) and the refresh token's.
        vi.setSystemTime(Date.now() + 10 * 60_000);
        const info = await proxy().verifier.verify(token);
        const after = (await proxy().upstreamSession(info))!;
        expect(after.accessToken).not.toBe(before.accessToken);
        expect(after.expiresAt).toBeGreaterThan(Date.now());
      } finally {
        vi.useRealTimers();
      }
    });

    it('rotates refresh tokens and revokes the family when a rotated token is replayed', async () => {
      const hops: string[] = [];
      const client = legacyClient(hops);
      await client.authorize();
      const first = await client.tokens();
      await client.refresh();
      const second = await client.tokens();
      expect(second!.refreshToken).not.toBe(first!.refreshToken);
      expect(await proxy().verifier.verify(second!.accessToken)).toMatchObject({ scopes: ['mcp'] });

      const registration = await fetch(`${rs.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: first!.refreshToken!,
          client_id: new URL(hops[0]!).searchParams.get('client_id')!,
        }),
      });
      expect(registration.status).toBe(400);
      expect(await registration.json()).toMatchObject({ error: 'invalid_grant' });
      await expect(proxy().verifier.verify(second!.accessToken)).rejects.toMatchObject({
        reason: AuthErrorReason.InvalidToken,
      });
    });
  });

  describe(`the proxy refuses confused-deputy and replay attempts, ${name}`, () => {
    async function register(redirect = REDIRECT): Promise<Response> {
      return fetch(`${rs.url}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          redirect_uris: [redirect],
          token_endpoint_auth_method: 'none',
          client_name: 'test',
        }),
      });
    }

    function authorizeUrl(clientId: string, redirect = REDIRECT): URL {
      const url = new URL(`${rs.url}/authorize`);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirect,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        state: 'client-state',
      }).toString();
      return url;
    }

    it('registers only https or loopback redirect URIs', async () => {
      expect((await register('http://evil.example/cb')).status).toBe(400);
      expect((await register('https://ok.example/cb#frag')).status).toBe(400);
      const ok = await register();
      expect(ok.status).toBe(201);
      expect(await ok.json()).toMatchObject({
        redirect_uris: [REDIRECT],
        token_endpoint_auth_method: 'none',
      });
    });

    it('answers malformed and oversized requests with OAuth errors, not crashes', async () => {
      const post = (path: string, body: string, type: string) =>
        fetch(`${rs.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
      expect((await post('/register', '{not json', 'application/json')).status).toBe(400);
      expect(
        (
          await post(
            '/register',
            JSON.stringify({ redirect_uris: ['x'.repeat(100_000)] }),
            'application/json',
          )
        ).status,
      ).toBe(413);
      const noClient = await post(
        '/token',
        'grant_type=authorization_code&code=x',
        'application/x-www-form-urlencoded',
      );
      expect(noClient.status).toBe(401);
      expect(await noClient.json()).toMatchObject({ error: 'invalid_client' });
      const badBasic = await fetch(`${rs.url}/token`, {
        method: 'POST',
        headers: { authorization: 'Basic %%%' },
        body: '',
      });
      expect(badBasic.status).toBe(401);
      expect((await fetch(`${rs.url}/token`)).status).toBe(405);
    });

    it('never redirects to a redirect URI that does not exactly match the registration', async () => {
      const { client_id } = (await (await register()).json()) as { client_id: string };
      for (const redirect of [`${REDIRECT}/x`, 'http://127.0.0.1:2/callback', 'https://evil.example/cb']) {
        const response = await fetch(authorizeUrl(client_id, redirect), { redirect: 'manual' });
        expect(response.status).toBe(400);
        expect(response.headers.get('location')).toBeNull();
      }
    });

    it('requires PKCE S256 before anything else happens', async () => {
      const { client_id } = (await (await register()).json()) as { client_id: string };
      const url = authorizeUrl(client_id);
      url.searchParams.set('code_challenge_method', 'plain');
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    });

    it('refuses a consent post without the browser cookie and CSRF token of the consent page', async () => {
      const { client_id } = (await (await register()).json()) as { client_id: string };
      const page = await fetch(authorizeUrl(client_id), { redirect: 'manual' });
      expect(page.status).toBe(200);
      const txn = /name="txn" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      const forged = await fetch(`${rs.url}/consent`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ txn, csrf: 'guess', decision: 'approve' }),
      });
      expect(forged.status).toBe(403);
      expect(forged.headers.get('location')).toBeNull();
    });

    it('accepts an upstream state once only, and rejects codes reused or redeemed without the verifier', async () => {
      const hops: string[] = [];
      const client = legacyClient(hops);
      await client.authorize();
      const callback = hops.find((h) => h.startsWith(`${rs.url}/oauth/callback`))!;
      const replay = await fetch(callback, { redirect: 'manual' });
      expect(replay.status).toBe(400);
      expect(replay.headers.get('location')).toBeNull();

      const unknown = await fetch(`${rs.url}/oauth/callback?state=forged&code=x`, { redirect: 'manual' });
      expect(unknown.status).toBe(400);
    });

    it('rejects a code redeemed with the wrong verifier, and burns it', async () => {
      const { client_id } = (await (await register()).json()) as { client_id: string };
      const back = new URL(await consentingBrowser([])(authorizeUrl(client_id), REDIRECT));
      expect(back.searchParams.get('state')).toBe('client-state');
      expect(back.searchParams.get('iss')).toBe(rs.url);
      const redeem = (verifier: string) =>
        fetch(`${rs.url}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code: back.searchParams.get('code')!,
            redirect_uri: REDIRECT,
            code_verifier: verifier,
            client_id,
          }),
        });
      const wrong = await redeem('x'.repeat(43));
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
      // RFC 7636 appendix B verifier of the challenge used above: correct, but the code is already spent.
      const late = await redeem('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
      expect(late.status).toBe(400);
    });

    it('issues tokens for the right verifier, once', async () => {
      const { client_id } = (await (await register()).json()) as { client_id: string };
      const back = new URL(await consentingBrowser([])(authorizeUrl(client_id), REDIRECT));
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code: back.searchParams.get('code')!,
        redirect_uri: REDIRECT,
        code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
        client_id,
      });
      const post = () =>
        fetch(`${rs.url}/token`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      const first = await post();
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ token_type: 'Bearer', scope: 'mcp' });
      expect((await post()).status).toBe(400);
    });
  });
}
