/** Client building blocks: challenge parsing, SSRF classification, canonical URIs, PKCE, loopback receiver. */
import {
  assertSafeUrl,
  authorizationServerMetadataUrls,
  buildClientMetadataDocument,
  canonicalResourceUri,
  classifyAddress,
  createPkce,
  listenForAuthorizationCode,
  parseBearerChallenge,
  readAuthorizationResponse,
} from '@mcpwire/auth/client';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';

describe('WWW-Authenticate parsing', () => {
  it('reads resource_metadata, scope and error from a Bearer challenge among others', () => {
    const c = parseBearerChallenge(
      'Basic realm="x", Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", error_description="need \\"write\\""',
    );
    expect(c).toMatchObject({
      error: 'insufficient_scope',
      scope: 'files:read files:write',
      resourceMetadata: 'https://mcp.example.com/.well-known/oauth-protected-resource',
      errorDescription: 'need "write"',
    });
  });

  it('accepts token values, any scheme case, and a bare scheme', () => {
    expect(parseBearerChallenge('bearer error=invalid_token')?.error).toBe('invalid_token');
    expect(parseBearerChallenge('Bearer')).toMatchObject({ params: {} });
    expect(parseBearerChallenge('Basic realm="x"')).toBeUndefined();
    expect(parseBearerChallenge(null)).toBeUndefined();
    expect(parseBearerChallenge('Bearer scope="unterminated')?.scope).toBe('unterminated');
  });
});

describe('SSRF address classification', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'forbidden'],
    ['0.0.0.0', 'forbidden'],
    ['224.0.0.1', 'forbidden'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'forbidden'],
    ['fe80::1%eth0', 'forbidden'],
    ['fd00:ec2::254', 'private'],
    ['::ffff:169.254.169.254', 'forbidden'],
    ['::ffff:10.0.0.1', 'private'],
    ['2606:4700::1111', 'public'],
    ['example.com', undefined],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it('refuses non-http schemes, credentials in URLs and metadata host names', async () => {
    await expect(assertSafeUrl('file:///etc/passwd')).rejects.toThrow(/scheme file:/);
    await expect(assertSafeUrl('https://user:pw@as.example')).rejects.toThrow(/credentials/);
    await expect(assertSafeUrl('http://metadata.google.internal/')).rejects.toThrow(/metadata/);
    await expect(assertSafeUrl('http://as.example/')).rejects.toThrow(/expected https/);
    await expect(assertSafeUrl('https://localhost/', {})).rejects.toThrow(/loopback/);
    await expect(
      assertSafeUrl('http://localhost:8080/', { allowInsecureLoopback: true }),
    ).resolves.toBeInstanceOf(URL);
    await expect(
      assertSafeUrl('https://as.example/', { resolve: async () => ['1.1.1.1', '169.254.1.1'] }),
    ).rejects.toThrow(/link-local/);
    await expect(
      assertSafeUrl('https://as.example/', { resolve: async () => ['10.0.0.1'], allowPrivateNetworks: true }),
    ).resolves.toBeInstanceOf(URL);
  });
});

describe('canonical URIs and discovery URLs', () => {
  it('lower-cases scheme and host, drops fragment, query and a root trailing slash', () => {
    expect(canonicalResourceUri('HTTPS://MCP.Example.com/')).toBe('https://mcp.example.com');
    expect(canonicalResourceUri('https://mcp.example.com/mcp#frag')).toBe('https://mcp.example.com/mcp');
    expect(canonicalResourceUri('https://mcp.example.com:8443')).toBe('https://mcp.example.com:8443');
    expect(() => canonicalResourceUri('mcp.example.com')).toThrow(/absolute/);
  });

  it('lists AS metadata URLs in the spec order', () => {
    expect(authorizationServerMetadataUrls('https://auth.example.com').map(String)).toEqual([
      'https://auth.example.com/.well-known/oauth-authorization-server',
      'https://auth.example.com/.well-known/openid-configuration',
    ]);
    expect(authorizationServerMetadataUrls('https://auth.example.com/tenant1').map(String)).toEqual([
      'https://auth.example.com/.well-known/oauth-authorization-server/tenant1',
      'https://auth.example.com/.well-known/openid-configuration/tenant1',
      'https://auth.example.com/tenant1/.well-known/openid-configuration',
    ]);
  });
});

describe('PKCE and authorization responses', () => {
  it('creates an S256 pair whose challenge is the SHA-256 of the verifier', async () => {
    const pkce = await createPkce();
    expect(pkce.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pkce.verifier));
    expect(pkce.challenge).toBe(base64url.encode(new Uint8Array(digest)));
    expect((await createPkce()).verifier).not.toBe(pkce.verifier);
  });

  const pending = {
    state: 's',
    codeVerifier: 'v',
    issuer: 'https://as.example',
    issParameterSupported: false,
    redirectUri: 'http://127.0.0.1:9/cb',
  };

  it('applies the RFC 9207 table and does not normalise iss', () => {
    expect(readAuthorizationResponse('http://127.0.0.1:9/cb?code=c&state=s', pending)).toBe('c');
    expect(
      readAuthorizationResponse('http://127.0.0.1:9/cb?code=c&state=s&iss=https%3A%2F%2Fas.example', pending),
    ).toBe('c');
    expect(() =>
      readAuthorizationResponse('http://127.0.0.1:9/cb?code=c&state=s&iss=https%3A%2F%2FAS.example', pending),
    ).toThrow(/mix-up/);
    expect(() =>
      readAuthorizationResponse('http://127.0.0.1:9/cb?code=c&state=s', {
        ...pending,
        issParameterSupported: true,
      }),
    ).toThrow(/received none/);
    expect(readAuthorizationResponse('pasted-code', pending)).toBe('pasted-code');
    expect(() =>
      readAuthorizationResponse('pasted-code', { ...pending, issParameterSupported: true }),
    ).toThrow(/bare code/);
    expect(() =>
      readAuthorizationResponse('http://127.0.0.1:9/cb?error=access_denied&state=s', pending),
    ).toThrow(/access_denied/);
  });
});

describe('loopback redirect receiver', () => {
  it('listens on 127.0.0.1, resolves with the callback URL once, then closes', async () => {
    const receiver = await listenForAuthorizationCode({ timeoutMs: 5000 });
    expect(receiver.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect((await fetch(receiver.redirectUri.replace('/callback', '/other'))).status).toBe(404);
    const page = await fetch(`${receiver.redirectUri}?code=abc&state=xyz`);
    expect(page.status).toBe(200);
    const url = await receiver.callback;
    expect(url.searchParams.get('code')).toBe('abc');
    expect(url.href.startsWith(receiver.redirectUri)).toBe(true);
    await expect(fetch(receiver.redirectUri)).rejects.toThrow();
  });

  it('gives up after its timeout with a clear error', async () => {
    const receiver = await listenForAuthorizationCode({ timeoutMs: 50 });
    await expect(receiver.callback).rejects.toThrow(/within 50 ms/);
  });
});

describe('client ID metadata document', () => {
  it('uses the document URL as client_id, exactly, and requires https with a path', () => {
    const doc = buildClientMetadataDocument('https://app.example.com/oauth/client.json', {
      client_name: 'app',
      redirect_uris: ['http://127.0.0.1:3000/callback'],
    });
    expect(doc).toMatchObject({
      client_id: 'https://app.example.com/oauth/client.json',
      client_name: 'app',
      token_endpoint_auth_method: 'none',
    });
    expect(() =>
      buildClientMetadataDocument('http://app.example.com/c.json', { client_name: 'a', redirect_uris: [] }),
    ).toThrow(/https/);
    expect(() =>
      buildClientMetadataDocument('https://app.example.com/', { client_name: 'a', redirect_uris: [] }),
    ).toThrow(/path/);
  });
});
