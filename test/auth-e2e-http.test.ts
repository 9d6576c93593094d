/**
 * OAuth end to end, nothing mocked: our Client + our HTTP client transports + OAuthClientProvider →
 * our McpServer behind our Streamable HTTP (both eras) and legacy SSE handlers, protected by
 * @mcpwire/auth/server delegating to a real oidc-provider. Covers the authorization code flow from a 401,
 * ctx.authInfo in tool handlers, step-up on a tool that needs a wider scope, refresh with rotation, and a
 * token for another audience refused.
 */
import { createHeadlessAuthorizer, InMemoryOAuthStorage, OAuthClientProvider } from '@mcpwire/auth/client';
import { Client } from '@mcpwire/client';
import type { Revision } from '@mcpwire/core';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { SseClientTransport } from '@mcpwire/transports/sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_RESOURCE, type ProtectedMcp, SERVICE_CLIENT, startProtectedMcp } from './auth-e2e-helpers.js';

const REDIRECT = 'http://127.0.0.1:1/callback';
let mcp: ProtectedMcp;

beforeAll(async () => {
  mcp = await startProtectedMcp();
});
afterAll(async () => {
  await mcp?.close();
});

function provider(serverUrl: string, storage = new InMemoryOAuthStorage()) {
  const authorizations: URL[] = [];
  const headless = createHeadlessAuthorizer();
  const oauth = new OAuthClientProvider({
    serverUrl,
    redirectUri: REDIRECT,
    authorize: (url, redirectUri) => {
      authorizations.push(url);
      return headless(url, redirectUri);
    },
    storage,
    urlPolicy: { allowInsecureLoopback: true },
  });
  return { oauth, authorizations, storage };
}

function textOf(result: { content: unknown }): { tool: string; subject?: string; scopes: string[] | null } {
  return JSON.parse((result.content as Array<{ text: string }>)[0]!.text);
}

async function exercise(client: Client, authorizations: URL[]) {
  // The first request got a 401: discovery, DCR, code flow with PKCE and resource, then the retry.
  expect(authorizations).toHaveLength(1);
  const first = authorizations[0]!;
  expect(first.searchParams.get('code_challenge_method')).toBe('S256');
  expect(first.searchParams.get('scope')).toBe('mcp:read');
  const who = textOf(await client.callTool('whoami', {}));
  expect(who).toMatchObject({ tool: 'whoami', subject: 'user-1' });
  expect(who.scopes).toContain('mcp:read');
  expect(who.scopes).not.toContain('mcp:write');
  // deploy needs mcp:write: 403 insufficient_scope → re-authorization with the union of scopes → retry.
  const deployed = textOf(await client.callTool('deploy', {}));
  expect(deployed.tool).toBe('deploy');
  expect(deployed.scopes).toEqual(expect.arrayContaining(['mcp:read', 'mcp:write']));
  expect(authorizations).toHaveLength(2);
  expect(authorizations[1]!.searchParams.get('scope')?.split(' ').sort()).toEqual(['mcp:read', 'mcp:write']);
}

describe('OAuth end to end with oidc-provider', () => {
  for (const revision of ['2025-11-25', '2026-07-28'] as Revision[]) {
    it(`Streamable HTTP ${revision}: 401 → code flow → ctx.authInfo → step-up`, async () => {
      const { oauth, authorizations } = provider(mcp.mcpUrl);
      const client = new Client({ name: 'e2e', version: '1.0.0' }, { revision });
      await client.connect(new StreamableHttpClientTransport(mcp.mcpUrl, { authProvider: oauth }));
      try {
        if (revision === '2026-07-28') await client.listTools(); // modern: no handshake, the first call meets the 401
        await exercise(client, authorizations);
      } finally {
        await client.close();
      }
    });
  }

  it('legacy HTTP+SSE: the GET stream and every POST carry the bearer; step-up works there too', async () => {
    const { oauth, authorizations } = provider(mcp.sseUrl);
    const client = new Client({ name: 'e2e-sse', version: '1.0.0' }, { revision: '2024-11-05' });
    await client.connect(new SseClientTransport(mcp.sseUrl, { authProvider: oauth }));
    try {
      await exercise(client, authorizations);
    } finally {
      await client.close();
    }
  });

  it('refreshes an expired access token with rotation, without asking the user again', async () => {
    const { oauth, authorizations, storage } = provider(mcp.mcpUrl);
    const client = new Client({ name: 'e2e-refresh', version: '1.0.0' }, { revision: '2025-11-25' });
    await client.connect(new StreamableHttpClientTransport(mcp.mcpUrl, { authProvider: oauth }));
    try {
      const before = await oauth.tokens();
      expect(before?.refreshToken).toBeTruthy();
      // Pretend the access token expired: the next requests (the call's POST and, concurrently, the
      // standalone GET stream) refresh before sending, sharing one refresh: with rotation, a second use of
      // the old refresh token would be a replay and revoke the family.
      await storage.saveTokens(before!.resource, { ...before!, expiresAt: Date.now() - 1000 });
      const who = textOf(await client.callTool('whoami', {}));
      expect(who.subject).toBe('user-1');
      const after = await oauth.tokens();
      expect(after?.accessToken).not.toBe(before!.accessToken);
      expect(after?.refreshToken).toBeTruthy();
      expect(after?.refreshToken).not.toBe(before!.refreshToken); // rotation
      expect(authorizations).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('refuses a token the same AS issued for another audience (401 invalid_token)', async () => {
    // A real token from the same AS, audience-bound (RFC 8707) to another resource.
    const issued = await fetch(`${mcp.as.issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${SERVICE_CLIENT.id}:${SERVICE_CLIENT.secret}`)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        resource: OTHER_RESOURCE,
        scope: 'mcp:read',
      }),
    });
    expect(issued.status).toBe(200);
    const token = ((await issued.json()) as { access_token: string }).access_token;
    expect(JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')))).toMatchObject({
      aud: OTHER_RESOURCE,
    });
    const response = await fetch(mcp.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    // Our client with only that token (no way to re-authorize) fails to connect instead of using it.
    const client = new Client({ name: 'e2e-aud', version: '1.0.0' }, { revision: '2025-11-25' });
    await expect(
      client.connect(
        new StreamableHttpClientTransport(mcp.mcpUrl, {
          authProvider: { authorizationHeader: () => `Bearer ${token}` },
        }),
      ),
    ).rejects.toThrow(/401/);
  });

  it('serves the PRM at the well-known path without a token', async () => {
    const origin = new URL(mcp.mcpUrl).origin;
    const response = await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      resource: mcp.mcpUrl,
      authorization_servers: [mcp.as.issuer],
    });
  });

  it('legacy SSE: a forged token opens no stream (401 invalid_token), and its PRM names the /sse resource', async () => {
    const forged = await fetch(mcp.sseUrl, {
      headers: { authorization: 'Bearer not.a.jwt', accept: 'text/event-stream' },
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(forged.headers.get('www-authenticate')).toContain('/.well-known/oauth-protected-resource/sse');
    await forged.body?.cancel();
    const none = await fetch(mcp.sseUrl, { headers: { accept: 'text/event-stream' } });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/scope="mcp:read"/);
    await none.body?.cancel();
    const origin = new URL(mcp.sseUrl).origin;
    const prm = await fetch(`${origin}/.well-known/oauth-protected-resource/sse`);
    expect(await prm.json()).toMatchObject({
      resource: mcp.sseUrl,
      scopes_supported: ['mcp:read', 'mcp:write'],
    });
  });
});
