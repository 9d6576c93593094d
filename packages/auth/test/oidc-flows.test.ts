/**
 * End to end against a real authorization server (oidc-provider): our client provider, our resource-server
 * functions, nothing mocked. Discovery starts from a 401; the AS only serves OpenID discovery, so the
 * client's RFC 8414 → OIDC order is exercised too.
 */
import {
  AuthError,
  AuthErrorReason,
  createHeadlessAuthorizer,
  OAuthClientProvider,
} from '@mcpwire/auth/client';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationServer, type TestAuthorizationServer } from './helpers/oidc.js';
import { callTool, startResourceServer, type TestResourceServer } from './helpers/resource-server.js';

const REDIRECT = 'http://127.0.0.1:1/callback';
const OTHER_RESOURCE = 'https://other.example/mcp';

let as: TestAuthorizationServer;
let rs: TestResourceServer;

beforeAll(async () => {
  rs = await startResourceServer({
    default: ['mcp:read'],
    tools: { 'write-thing': ['mcp:write'], 'admin-thing': ['mcp:admin'] },
  });
  as = await startAuthorizationServer({
    resources: { [rs.mcpUrl]: 'mcp:read mcp:write', [OTHER_RESOURCE]: 'mcp:read' },
    clients: [
      {
        client_id: 'service',
        client_secret: 'service-secret-0123456789',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
  });
  await rs.delegateTo(as.issuer);
});

afterAll(async () => {
  await rs?.close();
  await as?.close();
});

function recordingFetch(log: string[]): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    log.push(`${init?.method ?? 'GET'} ${url}`);
    return fetch(input, init);
  };
}

function codeFlowProvider(log: string[] = [], authorizeLog: URL[] = []) {
  const headless = createHeadlessAuthorizer();
  return new OAuthClientProvider({
    serverUrl: rs.mcpUrl,
    redirectUri: REDIRECT,
    authorize: async (url, redirectUri) => {
      authorizeLog.push(url);
      return headless(url, redirectUri);
    },
    fetch: recordingFetch(log),
    urlPolicy: { allowInsecureLoopback: true },
  });
}

describe('authorization code flow against oidc-provider', () => {
  it('runs discovery from a 401, DCR, PKCE + resource authorization, token, and a bearer retry', async () => {
    const log: string[] = [];
    const authorizeLog: URL[] = [];
    const provider = codeFlowProvider(log, authorizeLog);
    const result = await callTool(provider, rs.mcpUrl, 'read-thing');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ result: { subject: 'user-1', scopes: ['mcp:read'] } });

    // PRM from the challenge's resource_metadata, then RFC 8414 metadata first, then DCR and the token.
    expect(log[0]).toBe(`GET ${rs.url}/.well-known/oauth-protected-resource/mcp`);
    expect(log[1]).toBe(`GET ${as.issuer}/.well-known/oauth-authorization-server`);
    expect(log[2]).toBe(`POST ${as.issuer}/reg`);
    expect(log[3]).toBe(`POST ${as.issuer}/token`);
    expect(log).toHaveLength(4);

    const authUrl = authorizeLog[0]!;
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('resource')).toBe(rs.mcpUrl);
    expect(authUrl.searchParams.get('scope')).toBe('mcp:read');
    expect(authUrl.searchParams.get('state')).toBeTruthy();

    // Every MCP request carried the token in the header, never in the query string.
    const mcpRequests = rs.seen.filter((r) => r.path.startsWith('/mcp'));
    expect(mcpRequests.every((r) => !r.path.includes('access_token'))).toBe(true);
    expect(mcpRequests.at(-1)?.authorization).toMatch(/^Bearer /);
  });

  it('refreshes with rotation: a new refresh token replaces the old one, which stops working', async () => {
    const provider = codeFlowProvider();
    await callTool(provider, rs.mcpUrl, 'read-thing');
    const first = await provider.tokens();
    expect(first?.refreshToken).toBeTruthy();
    const header = await provider.refresh();
    const second = await provider.tokens();
    expect(second?.refreshToken).toBeTruthy();
    expect(second?.refreshToken).not.toBe(first?.refreshToken);
    expect(header).toBe(`Bearer ${second?.accessToken}`);
    expect((await callTool(provider, rs.mcpUrl, 'read-thing')).status).toBe(200);

    // Replaying the rotated-out refresh token is refused by the AS.
    const meta = (await (await fetch(`${as.issuer}/.well-known/openid-configuration`)).json()) as {
      token_endpoint: string;
    };
    const replay = await fetch(meta.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: first!.refreshToken!,
        client_id: 'x',
      }),
    });
    expect(replay.status).toBeGreaterThanOrEqual(400);
  });

  it('steps up on a tool that needs a wider scope, keeping the scopes granted before', async () => {
    const authorizeLog: URL[] = [];
    const provider = codeFlowProvider([], authorizeLog);
    expect((await callTool(provider, rs.mcpUrl, 'read-thing')).status).toBe(200);
    const result = await callTool(provider, rs.mcpUrl, 'write-thing');
    expect(result.status).toBe(200);
    expect(authorizeLog).toHaveLength(2);
    expect(authorizeLog[1]!.searchParams.get('scope')?.split(' ').sort()).toEqual(['mcp:read', 'mcp:write']);
    expect((result.body as { result: { scopes: string[] } }).result.scopes.sort()).toEqual([
      'mcp:read',
      'mcp:write',
    ]);
  });

  it('gives up step-up after the bounded number of attempts when the scope is never granted', async () => {
    const authorizeLog: URL[] = [];
    const provider = codeFlowProvider([], authorizeLog);
    const error = await callTool(provider, rs.mcpUrl, 'admin-thing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).reason).toBe(AuthErrorReason.StepUpLimit);
    // The first authorization plus two step-ups, then a clear refusal instead of a loop.
    expect(authorizeLog).toHaveLength(3);
  });

  it('obtains a token with client_credentials and pre-registered client_secret_basic credentials', async () => {
    const provider = new OAuthClientProvider({
      serverUrl: rs.mcpUrl,
      grantType: 'client_credentials',
      preRegistered: { client_id: 'service', client_secret: 'service-secret-0123456789' },
      urlPolicy: { allowInsecureLoopback: true },
    });
    const result = await callTool(provider, rs.mcpUrl, 'read-thing');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ result: { clientId: 'service', scopes: ['mcp:read'] } });
  });
});

describe('the resource server refuses tokens it must not accept', () => {
  async function tokenFor(resource: string): Promise<string> {
    const meta = (await (await fetch(`${as.issuer}/.well-known/openid-configuration`)).json()) as {
      token_endpoint: string;
    };
    const response = await fetch(meta.token_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${btoa('service:service-secret-0123456789')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'mcp:read' }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function present(token: string): Promise<Response> {
    return fetch(rs.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'read-thing' } }),
    });
  }

  async function mint(
    claims: Record<string, unknown>,
    key = as.privateJwk,
    kid = 'test-key',
  ): Promise<string> {
    const signingKey = await importJWK(key, 'RS256');
    return new SignJWT({ scope: 'mcp:read', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
      .sign(signingKey);
  }

  it('accepts a token the AS issued for this server (control)', async () => {
    expect((await present(await tokenFor(rs.mcpUrl))).status).toBe(200);
  });

  it('rejects a token the same AS issued for another audience', async () => {
    const response = await present(await tokenFor(OTHER_RESOURCE));
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('error="invalid_token"');
    expect(challenge).toContain('resource_metadata=');
    expect(challenge).toContain('audience');
  });

  it('rejects an expired token signed by the AS key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await mint({
      iss: as.issuer,
      aud: rs.mcpUrl,
      iat: now - 600,
      exp: now - 300,
      sub: 'user-1',
    });
    const response = await present(token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('past its exp');
  });

  it('rejects a token from another issuer, even when signed by the right key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await mint({ iss: 'https://evil.example', aud: rs.mcpUrl, exp: now + 300 });
    const response = await present(token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('expected issuer');
  });

  it('rejects forged and malformed tokens', async () => {
    const { generateKeyPair, exportJWK } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const now = Math.floor(Date.now() / 1000);
    const forged = await mint(
      { iss: as.issuer, aud: rs.mcpUrl, exp: now + 300 },
      await exportJWK(privateKey),
    );
    for (const token of [forged, 'not-a-jwt', 'a.b.c', `${forged.split('.').slice(0, 2).join('.')}.`]) {
      const response = await present(token);
      expect(response.status, token).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
    const noToken = await fetch(rs.mcpUrl, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toMatch(
      /^Bearer resource_metadata="[^"]+\/\.well-known\/oauth-protected-resource\/mcp", scope="mcp:read"$/,
    );
  });
});
