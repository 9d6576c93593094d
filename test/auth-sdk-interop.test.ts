/**
 * Interop: the official TypeScript SDK's OAuth client (`auth()` from @modelcontextprotocol/sdk) against a
 * resource server built from @mcpwire/auth/server, with oidc-provider as the real authorization server.
 * Proves our 401 challenge and PRM are what the reference client expects, and that the tokens it obtains
 * (audience-bound by `resource`) pass our verifier.
 */
import {
  auth,
  extractWWWAuthenticateParams,
  type OAuthClientProvider,
} from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../packages/auth/test/helpers/oidc.js';
import {
  callTool,
  startResourceServer,
  type TestResourceServer,
} from '../packages/auth/test/helpers/resource-server.js';

const REDIRECT = 'http://127.0.0.1:1/callback';
let as: TestAuthorizationServer;
let rs: TestResourceServer;

beforeAll(async () => {
  rs = await startResourceServer({ default: ['mcp:read'], tools: { 'write-thing': ['mcp:write'] } });
  as = await startAuthorizationServer({
    resources: { [rs.mcpUrl]: 'mcp:read mcp:write' },
    clientScopes: ['mcp:read', 'mcp:write'],
  });
  await rs.delegateTo(as.issuer);
});

afterAll(async () => {
  await rs?.close();
  await as?.close();
});

/** The SDK's provider interface, backed by memory; the "browser" follows the AS redirects headlessly. */
class MemoryProvider implements OAuthClientProvider {
  client: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  authorizationUrl: URL | undefined;
  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata() {
    return {
      client_name: 'sdk-interop',
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      application_type: 'native',
    };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.client = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
}

async function followToCode(start: URL): Promise<string> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    if (url.href.startsWith(REDIRECT)) return url.searchParams.get('code')!;
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of response.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    url = new URL(response.headers.get('location')!, url);
  }
  throw new Error('no code after 10 redirects');
}

it('the official SDK client discovers our PRM from the 401, authorizes at oidc-provider, and our server accepts its token', async () => {
  const challenge = await fetch(rs.mcpUrl, { method: 'POST', body: '{}' });
  expect(challenge.status).toBe(401);
  const params = extractWWWAuthenticateParams(challenge);
  expect(params.resourceMetadataUrl?.href).toBe(`${rs.url}/.well-known/oauth-protected-resource/mcp`);
  expect(params.scope).toBe('mcp:read');

  const provider = new MemoryProvider();
  const first = await auth(provider, {
    serverUrl: rs.mcpUrl,
    resourceMetadataUrl: params.resourceMetadataUrl,
    scope: params.scope,
  });
  expect(first).toBe('REDIRECT');
  expect(provider.authorizationUrl?.searchParams.get('resource')).toBe(rs.mcpUrl);
  const code = await followToCode(provider.authorizationUrl!);
  const second = await auth(provider, {
    serverUrl: rs.mcpUrl,
    authorizationCode: code,
    resourceMetadataUrl: params.resourceMetadataUrl,
  });
  expect(second).toBe('AUTHORIZED');

  const header = `Bearer ${provider.saved!.access_token}`;
  const result = await callTool(
    {
      authorizationHeader: async () => header,
      handleUnauthorized: async () => {
        throw new Error('token refused');
      },
      handleForbidden: async () => undefined,
    },
    rs.mcpUrl,
    'read-thing',
  );
  expect(result.status).toBe(200);
  expect(result.body).toMatchObject({ result: { subject: 'user-1', scopes: ['mcp:read'] } });

  // The same token lacks mcp:write: our 403 names the scope, which the SDK parses for its step-up.
  const forbidden = await fetch(rs.mcpUrl, {
    method: 'POST',
    headers: { authorization: header, 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'write-thing' } }),
  });
  expect(forbidden.status).toBe(403);
  expect(extractWWWAuthenticateParams(forbidden)).toMatchObject({
    error: 'insufficient_scope',
    scope: 'mcp:read mcp:write',
  });
});
