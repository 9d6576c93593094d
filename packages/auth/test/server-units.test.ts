/** Resource-server building blocks: PRM document and routes, challenges, scope policy, introspection. */
import {
  createBearerAuthenticator,
  createIntrospectionVerifier,
  createProtectedResourceMetadataRoute,
  createScopePolicy,
  protectedResourceMetadataPaths,
  protectedResourceMetadataUrl,
  type TokenVerifier,
} from '@mcpwire/auth/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationServer, type TestAuthorizationServer } from './helpers/oidc.js';

describe('protected resource metadata', () => {
  const options = {
    resource: 'https://MCP.example.com/public/mcp',
    authorizationServers: ['https://as.example'],
    scopesSupported: ['read'],
  };

  it('is served at the path-suffixed and the root well-known URIs, with the canonical resource', async () => {
    expect(protectedResourceMetadataPaths(options.resource)).toEqual([
      '/.well-known/oauth-protected-resource/public/mcp',
      '/.well-known/oauth-protected-resource',
    ]);
    expect(protectedResourceMetadataUrl(options.resource)).toBe(
      'https://mcp.example.com/.well-known/oauth-protected-resource/public/mcp',
    );
    const route = createProtectedResourceMetadataRoute(options);
    for (const path of protectedResourceMetadataPaths(options.resource)) {
      const response = route(new Request(`https://mcp.example.com${path}`));
      expect(response?.status).toBe(200);
      expect(await response?.json()).toEqual({
        resource: 'https://mcp.example.com/public/mcp',
        authorization_servers: ['https://as.example'],
        bearer_methods_supported: ['header'],
        scopes_supported: ['read'],
      });
    }
    expect(route(new Request('https://mcp.example.com/public/mcp'))).toBeUndefined();
    expect(
      route(new Request('https://mcp.example.com/.well-known/oauth-protected-resource', { method: 'POST' }))
        ?.status,
    ).toBe(405);
  });

  it('a root resource has a single well-known path', () => {
    expect(protectedResourceMetadataPaths('https://mcp.example.com/')).toEqual([
      '/.well-known/oauth-protected-resource',
    ]);
  });

  it('refuses to describe a resource with no authorization server', () => {
    expect(() => createProtectedResourceMetadataRoute({ ...options, authorizationServers: [] })).toThrow(
      /at least one/,
    );
  });
});

describe('bearer authentication responses', () => {
  const verifier: TokenVerifier = {
    async verify(token) {
      if (token === 'narrow') return { token, scopes: ['read'] };
      if (token === 'wide') return { token, scopes: ['admin'] };
      throw new Error('nope');
    },
  };
  const auth = createBearerAuthenticator({
    verifier,
    resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
    requiredScopes: ['read', 'write'],
    scopeHierarchy: { admin: ['read', 'write'] },
  });
  const request = (authorization?: string) =>
    new Request('https://mcp.example.com/mcp', {
      method: 'POST',
      headers: authorization ? { authorization } : {},
    });

  it('401 without a token names resource_metadata and the required scopes', async () => {
    const response = (await auth.authenticate(request())) as Response;
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="read write"',
    );
  });

  it('401 invalid_token for a token that fails verification or a non-Bearer scheme', async () => {
    const bad = (await auth.authenticate(request('Bearer junk'))) as Response;
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(((await auth.authenticate(request('Basic abc'))) as Response).status).toBe(401);
    const twoParts = (await auth.authenticate(request('Bearer a b'))) as Response;
    expect(twoParts.headers.get('www-authenticate')).toContain('error="invalid_request"');
    const bare = (await auth.authenticate(request('Bearer'))) as Response;
    expect(bare.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });

  it('403 insufficient_scope lists every scope needed at once', async () => {
    const response = (await auth.authenticate(request('Bearer narrow'))) as Response;
    expect(response.status).toBe(403);
    const header = response.headers.get('www-authenticate')!;
    expect(header).toContain('error="insufficient_scope"');
    expect(header).toContain('scope="read write"');
    expect(header).toContain('resource_metadata=');
  });

  it('a broader scope satisfies narrower ones through the hierarchy', async () => {
    expect(await auth.authenticate(request('Bearer wide'))).toMatchObject({ scopes: ['admin'] });
  });
});

describe('scope policy per tool, resource and prompt', () => {
  const policy = createScopePolicy(
    {
      default: ['base'],
      tools: { deploy: ['deploy'] },
      resources: { 'file:///secret': ['secret'] },
      prompts: { p: ['prompts'] },
    },
    { admin: ['deploy', 'secret', 'prompts', 'base'] },
  );
  const info = (scopes: string[]) => ({ token: 't', scopes });

  it('requires the default scopes plus the operation scopes', () => {
    expect(policy.check(info(['base']), 'tool', 'deploy')).toEqual({
      allowed: false,
      required: ['base', 'deploy'],
      missing: ['deploy'],
    });
    expect(policy.check(info(['base', 'deploy']), 'tool', 'deploy')).toEqual({ allowed: true });
    expect(policy.check(info(['base']), 'tool', 'other')).toEqual({ allowed: true });
    expect(policy.check(undefined, 'tool', 'other')).toMatchObject({ allowed: false, missing: ['base'] });
  });

  it('maps JSON-RPC requests to their operation', () => {
    expect(policy.requiredForRequest('resources/read', { uri: 'file:///secret' })).toEqual([
      'base',
      'secret',
    ]);
    expect(policy.requiredForRequest('prompts/get', { name: 'p' })).toEqual(['base', 'prompts']);
    expect(policy.requiredForRequest('tools/list', {})).toEqual(['base']);
    expect(policy.checkRequest(info(['admin']), 'tools/call', { name: 'deploy' })).toEqual({ allowed: true });
    expect(policy.checkRequest(info(['base']), 'tools/call', null)).toEqual({ allowed: true });
  });
});

describe('RFC 7662 introspection verifier against oidc-provider', () => {
  let as: TestAuthorizationServer;
  const me = 'https://mcp.example.com/mcp';
  const other = 'https://other.example.com/mcp';
  let verifier: TokenVerifier;
  let endpoints: { token_endpoint: string; introspection_endpoint: string };

  beforeAll(async () => {
    as = await startAuthorizationServer({
      resources: { [me]: 'read', [other]: 'read' },
      opaqueResources: [me, other],
      clients: [
        {
          client_id: 'rs',
          client_secret: 'rs-secret-0123456789abcdef',
          grant_types: ['client_credentials'],
          redirect_uris: [],
          response_types: [],
        },
      ],
    });
    endpoints = (await (
      await fetch(`${as.issuer}/.well-known/openid-configuration`)
    ).json()) as typeof endpoints;
    verifier = createIntrospectionVerifier({
      introspectionEndpoint: endpoints.introspection_endpoint,
      clientId: 'rs',
      clientSecret: 'rs-secret-0123456789abcdef',
      audience: me,
      issuer: as.issuer,
    });
  });
  afterAll(() => as?.close());

  async function token(resource: string): Promise<string> {
    const response = await fetch(endpoints.token_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${btoa('rs:rs-secret-0123456789abcdef')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'read' }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  it('accepts an active token for this audience', async () => {
    const t = await token(me);
    expect(await verifier.verify(t)).toMatchObject({
      token: t,
      scopes: ['read'],
      clientId: 'rs',
      resource: me,
    });
  });

  it('rejects a token for another audience and an unknown token', async () => {
    await expect(verifier.verify(await token(other))).rejects.toThrow(/not issued for this server/);
    await expect(verifier.verify('made-up-token')).rejects.toThrow(/inactive/);
  });
});
