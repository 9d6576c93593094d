/**
 * Client-side behaviour against a scriptable MCP server + AS: discovery order, the 2025-03-26 fallback,
 * registration priority, scope selection, token endpoint authentication, and every hostile case the
 * client must refuse with a clear AuthError.
 */
import {
  AuthError,
  AuthErrorReason,
  type AuthErrorReasonValue,
  createHeadlessAuthorizer,
  OAuthClientProvider,
  type OAuthClientProviderOptions,
} from '@mcpwire/auth/client';
import { exportJWK, exportPKCS8, generateKeyPair, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asMetadata, type FakeWorld, startFakeWorld } from './helpers/fake-oauth.js';

const REDIRECT = 'http://127.0.0.1:1/callback';
let w: FakeWorld;

beforeEach(async () => {
  w = await startFakeWorld();
});
afterEach(async () => {
  await w.close();
});

function provider(extra: Partial<OAuthClientProviderOptions> = {}): OAuthClientProvider {
  return new OAuthClientProvider({
    serverUrl: w.mcpUrl,
    redirectUri: REDIRECT,
    authorize: createHeadlessAuthorizer(),
    urlPolicy: { allowInsecureLoopback: true },
    ...extra,
  });
}

/** Standard modern setup: PRM at the path-suffixed well-known URI naming the fake AS. */
function modern(prm: Record<string, unknown> = {}, as: Record<string, unknown> = {}) {
  w.mcpDocs.set('/.well-known/oauth-protected-resource/mcp', {
    resource: w.mcpUrl,
    authorization_servers: [w.as.url],
    ...prm,
  });
  w.asDocs.set('/.well-known/oauth-authorization-server', asMetadata(w.as.url, as));
}

async function unauthorized(p: OAuthClientProvider): Promise<string> {
  const response = await fetch(w.mcpUrl, { method: 'POST' });
  expect(response.status).toBe(401);
  return p.handleUnauthorized(response);
}

async function refused(
  promise: Promise<unknown>,
  reason: AuthErrorReasonValue,
  text?: string,
): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect((error as AuthError).reason).toBe(reason);
  expect((error as AuthError).code).toBe('MCPWIRE_AUTH');
  if (text) expect((error as AuthError).message).toContain(text);
  return error as AuthError;
}

describe('discovery', () => {
  it('falls back from the path-suffixed PRM to the root PRM when the challenge has no resource_metadata', async () => {
    w.mcpDocs.set('/.well-known/oauth-protected-resource', {
      resource: w.mcpUrl,
      authorization_servers: [w.as.url],
    });
    w.asDocs.set('/.well-known/oauth-authorization-server', asMetadata(w.as.url));
    expect(await unauthorized(provider())).toBe('Bearer good-token');
    expect(w.log.slice(1, 3)).toEqual([
      'mcp GET /.well-known/oauth-protected-resource/mcp',
      'mcp GET /.well-known/oauth-protected-resource',
    ]);
  });

  it('uses resource_metadata from the challenge when present', async () => {
    w.mcpDocs.set('/custom/prm', { resource: w.mcpUrl, authorization_servers: [w.as.url] });
    w.asDocs.set('/.well-known/oauth-authorization-server', asMetadata(w.as.url));
    w.challenge = () => `Bearer resource_metadata="${w.mcp.url}/custom/prm"`;
    await unauthorized(provider());
    expect(w.log[1]).toBe('mcp GET /custom/prm');
  });

  it('tries OAuth then OIDC with path insertion, then OIDC path appending, for an issuer with a path', async () => {
    const issuer = `${w.as.url}/tenant1`;
    w.mcpDocs.set('/.well-known/oauth-protected-resource/mcp', {
      resource: w.mcpUrl,
      authorization_servers: [issuer],
    });
    w.asDocs.set('/tenant1/.well-known/openid-configuration', asMetadata(w.as.url, { issuer }));
    w.authorizeResponse = (params) =>
      new URLSearchParams({ code: 'c', state: params.get('state') ?? '', iss: issuer });
    await unauthorized(provider());
    expect(w.log.filter((l) => l.startsWith('as GET') && l.includes('.well-known'))).toEqual([
      'as GET /.well-known/oauth-authorization-server/tenant1',
      'as GET /.well-known/openid-configuration/tenant1',
      'as GET /tenant1/.well-known/openid-configuration',
    ]);
  });

  it('2025-03-26 fallback: no PRM and no AS metadata → /authorize, /token, /register at the origin', async () => {
    const authorizeUrls: URL[] = [];
    const headless = createHeadlessAuthorizer();
    const p = provider({
      authorize: (url, redirect) => {
        authorizeUrls.push(url);
        return headless(url, redirect);
      },
    });
    expect(await unauthorized(p)).toBe('Bearer good-token');
    expect(w.log).toContain('mcp GET /.well-known/oauth-authorization-server');
    expect(w.log).toContain('mcp POST /register');
    expect(w.log).toContain('mcp POST /token');
    expect(authorizeUrls[0]?.pathname).toBe('/authorize');
    expect(authorizeUrls[0]?.origin).toBe(w.mcp.url);
  });
});

describe('scope selection', () => {
  async function requestedScope(setup: () => void): Promise<string | null> {
    setup();
    const urls: URL[] = [];
    const headless = createHeadlessAuthorizer();
    await unauthorized(
      provider({
        authorize: (u, r) => {
          urls.push(u);
          return headless(u, r);
        },
      }),
    );
    return urls[0]!.searchParams.get('scope');
  }

  it('uses the challenge scope first', async () => {
    expect(
      await requestedScope(() => {
        modern({ scopes_supported: ['a', 'b'] });
        w.challenge = () => 'Bearer scope="files:read"';
      }),
    ).toBe('files:read');
  });

  it('else every PRM scopes_supported entry', async () => {
    expect(await requestedScope(() => modern({ scopes_supported: ['a', 'b'] }))).toBe('a b');
  });

  it('else omits scope', async () => {
    expect(await requestedScope(() => modern())).toBeNull();
  });

  it('adds offline_access only when the AS lists it', async () => {
    expect(
      await requestedScope(() =>
        modern({ scopes_supported: ['a'] }, { scopes_supported: ['a', 'offline_access'] }),
      ),
    ).toBe('a offline_access');
  });
});

describe('registration', () => {
  it('registers dynamically with application_type native for a loopback redirect', async () => {
    modern();
    await unauthorized(provider());
    expect(w.registrations).toHaveLength(1);
    expect(w.registrations[0]).toMatchObject({ application_type: 'native', redirect_uris: [REDIRECT] });
    expect(w.tokenRequests[0]?.body.get('client_id')).toBe('dyn-1');
  });

  it('uses the CIMD URL as client_id when the AS supports it, without registering', async () => {
    modern({}, { client_id_metadata_document_supported: true });
    const cimd = 'https://client.example/oauth/metadata.json';
    await unauthorized(provider({ clientMetadataUrl: cimd }));
    expect(w.registrations).toHaveLength(0);
    expect(w.tokenRequests[0]?.body.get('client_id')).toBe(cimd);
  });

  it('prefers pre-registered credentials over CIMD and DCR', async () => {
    modern(
      {},
      {
        client_id_metadata_document_supported: true,
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      },
    );
    await unauthorized(
      provider({
        preRegistered: { client_id: 'pre', client_secret: 's3cret' },
        clientMetadataUrl: 'https://c.example/m.json',
      }),
    );
    expect(w.registrations).toHaveLength(0);
    expect(w.tokenRequests[0]?.body.get('client_id')).toBe('pre');
    expect(w.tokenRequests[0]?.body.get('client_secret')).toBe('s3cret');
  });

  it('keeps credentials per issuer and re-registers when the server moves to another AS', async () => {
    modern();
    const p = provider();
    await unauthorized(p);
    const other = `${w.as.url}/tenant2`;
    w.mcpDocs.set('/.well-known/oauth-protected-resource/mcp', {
      resource: w.mcpUrl,
      authorization_servers: [other],
    });
    w.asDocs.set('/.well-known/oauth-authorization-server/tenant2', asMetadata(w.as.url, { issuer: other }));
    w.authorizeResponse = (params) =>
      new URLSearchParams({ code: 'c2', state: params.get('state') ?? '', iss: other });
    await unauthorized(p);
    expect(w.registrations).toHaveLength(2);
    expect(w.tokenRequests.at(-1)?.body.get('client_id')).toBe('dyn-2');
    expect((await p.tokens())?.issuer).toBe(other);
  });
});

describe('token endpoint authentication', () => {
  it('client_secret_basic form-encodes and base64s the credentials', async () => {
    modern({}, { token_endpoint_auth_methods_supported: ['client_secret_basic'] });
    await unauthorized(provider({ preRegistered: { client_id: 'id:1', client_secret: 'p@ss' } }));
    expect(w.tokenRequests[0]?.authorization).toBe(`Basic ${btoa('id%3A1:p%40ss')}`);
    expect(w.tokenRequests[0]?.body.get('client_secret')).toBeNull();
  });

  it('private_key_jwt signs an assertion the AS can verify (client_credentials)', async () => {
    modern({}, { token_endpoint_auth_methods_supported: ['private_key_jwt'] });
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const p = new OAuthClientProvider({
      serverUrl: w.mcpUrl,
      grantType: 'client_credentials',
      preRegistered: { client_id: 'svc' },
      signingKey: { key: await exportPKCS8(privateKey), alg: 'ES256' },
      urlPolicy: { allowInsecureLoopback: true },
    });
    await unauthorized(p);
    const body = w.tokenRequests[0]!.body;
    expect(body.get('grant_type')).toBe('client_credentials');
    expect(body.get('resource')).toBe(w.mcpUrl);
    expect(body.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const { payload } = await jwtVerify(body.get('client_assertion')!, publicKey, {
      issuer: 'svc',
      subject: 'svc',
      audience: w.as.url,
    });
    expect(payload.jti).toBeTruthy();
    expect(await exportJWK(publicKey)).toBeTruthy();
  });

  it('sends resource, code_verifier and redirect_uri on the code exchange', async () => {
    modern();
    await unauthorized(provider());
    const body = w.tokenRequests[0]!.body;
    expect(body.get('grant_type')).toBe('authorization_code');
    expect(body.get('resource')).toBe(w.mcpUrl);
    expect(body.get('redirect_uri')).toBe(REDIRECT);
    expect(body.get('code_verifier')?.length).toBeGreaterThanOrEqual(43);
  });
});

describe('hostile cases are refused', () => {
  it('PRM whose resource is another server', async () => {
    modern({ resource: 'https://elsewhere.example/mcp' });
    await refused(unauthorized(provider()), AuthErrorReason.ResourceMismatch, 'elsewhere.example');
    expect(w.log.some((l) => l.startsWith('as '))).toBe(false);
  });

  it('AS metadata whose issuer differs from the one discovery started from', async () => {
    modern({}, { issuer: 'https://honest.example' });
    await refused(unauthorized(provider()), AuthErrorReason.IssuerMismatch, 'https://honest.example');
  });

  it('an AS that does not advertise S256 (plain only, or nothing)', async () => {
    modern({}, { code_challenge_methods_supported: ['plain'] });
    await refused(unauthorized(provider()), AuthErrorReason.PkceUnsupported, 'S256');
    w.asDocs.set(
      '/.well-known/oauth-authorization-server',
      asMetadata(w.as.url, { code_challenge_methods_supported: undefined }),
    );
    await refused(unauthorized(provider()), AuthErrorReason.PkceUnsupported);
    expect(w.registrations).toHaveLength(0);
  });

  it('metadata pointing at private, link-local or metadata-service addresses', async () => {
    for (const target of [
      'https://10.0.0.5',
      'https://192.168.1.1/as',
      'http://169.254.169.254/latest',
      'https://[fd00:ec2::254]',
    ]) {
      modern({ authorization_servers: [target] });
      await refused(unauthorized(provider()), AuthErrorReason.UnsafeUrl);
    }
    w.challenge = () => 'Bearer resource_metadata="http://169.254.169.254/latest/meta-data"';
    await refused(unauthorized(provider()), AuthErrorReason.UnsafeUrl, '169.254.169.254');
  });

  it('a hostname that resolves to a private address', async () => {
    modern({ authorization_servers: ['https://as.internal.example'] });
    const p = provider({ urlPolicy: { allowInsecureLoopback: true, resolve: async () => ['10.9.8.7'] } });
    await refused(unauthorized(p), AuthErrorReason.UnsafeUrl, 'private');
  });

  it('loopback and plain http outside development mode', async () => {
    modern();
    await refused(unauthorized(provider({ urlPolicy: {} })), AuthErrorReason.UnsafeUrl, 'loopback');
  });

  it('an authorization endpoint that is not http(s)', async () => {
    modern({}, { authorization_endpoint: 'javascript:alert(1)' });
    await refused(unauthorized(provider()), AuthErrorReason.UnsafeUrl, 'javascript:');
  });

  it('a missing iss when the AS advertises it, without redeeming the code', async () => {
    modern();
    w.authorizeResponse = (params) => new URLSearchParams({ code: 'c', state: params.get('state') ?? '' });
    await refused(unauthorized(provider()), AuthErrorReason.AuthorizationResponse, 'received none');
    expect(w.tokenRequests).toHaveLength(0);
  });

  it('a mismatched iss (mix-up), compared without normalisation, and its error is not acted on', async () => {
    modern();
    w.authorizeResponse = (params) =>
      new URLSearchParams({ error: 'access_denied', state: params.get('state') ?? '', iss: `${w.as.url}/` });
    const error = await refused(unauthorized(provider()), AuthErrorReason.AuthorizationResponse, 'mix-up');
    expect(error.message).not.toContain('access_denied');
    expect(w.tokenRequests).toHaveLength(0);
  });

  it('a missing iss is accepted when the AS does not advertise it', async () => {
    modern({}, { authorization_response_iss_parameter_supported: undefined });
    w.authorizeResponse = (params) => new URLSearchParams({ code: 'c', state: params.get('state') ?? '' });
    expect(await unauthorized(provider())).toBe('Bearer good-token');
  });

  it('a wrong state', async () => {
    modern();
    w.authorizeResponse = (_params, iss) => new URLSearchParams({ code: 'c', state: 'forged', iss });
    await refused(unauthorized(provider()), AuthErrorReason.AuthorizationResponse, 'state');
    expect(w.tokenRequests).toHaveLength(0);
  });

  it('an unreachable authorization server, with a clear error instead of a hang', async () => {
    modern({ authorization_servers: ['http://127.0.0.1:1'] });
    await refused(
      unauthorized(provider({ timeoutMs: 2000 })),
      AuthErrorReason.Discovery,
      'http://127.0.0.1:1',
    );
  });

  it('an oversized metadata document', async () => {
    modern({ padding: 'x'.repeat(5000) });
    await refused(
      unauthorized(provider({ maxBodyBytes: 1024 })),
      AuthErrorReason.Discovery,
      'at most 1024 bytes',
    );
  });

  it('a redirect during discovery (it could lead to a private address)', async () => {
    w.challenge = () =>
      `Bearer resource_metadata="${w.as.url}/authorize?redirect_uri=${encodeURIComponent('http://10.0.0.1/prm')}"`;
    await refused(unauthorized(provider()), AuthErrorReason.Discovery, 'received 302');
  });

  it('a response delivered to another redirect URI', async () => {
    modern();
    const p = provider({
      authorize: async () => `http://127.0.0.1:1/elsewhere?code=c&iss=${encodeURIComponent(w.as.url)}`,
    });
    await refused(unauthorized(p), AuthErrorReason.AuthorizationResponse, 'Expected a redirect to');
    expect(w.tokenRequests).toHaveLength(0);
  });
});
