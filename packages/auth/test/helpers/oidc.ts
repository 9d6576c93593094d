/**
 * Test helper: a real authorization server (oidc-provider) on 127.0.0.1 with dynamic registration, PKCE,
 * resource indicators (JWT access tokens per resource), client_credentials, introspection and refresh
 * rotation. The "user" auto-approves: /interaction/:uid logs in `user-1` and grants the requested scopes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type ClientMetadata, errors as oidcErrors } from 'oidc-provider';

export interface TestAuthorizationServer {
  issuer: string;
  provider: Provider;
  /** The private signing key (to mint hostile tokens in tests). */
  privateJwk: JWK;
  close(): Promise<void>;
}

export interface TestAsOptions {
  /** Resource indicators the AS accepts, each with the scopes it may grant. */
  resources: Record<string, string>;
  accessTokenTtl?: number;
  /** Scopes registered clients may carry in their metadata (some clients send `scope` at DCR). */
  clientScopes?: string[];
  /** Resources that get opaque (introspectable) access tokens instead of JWTs. */
  opaqueResources?: string[];
  /** Pre-registered confidential clients. */
  clients?: ClientMetadata[];
}

export async function startAuthorizationServer(options: TestAsOptions): Promise<TestAuthorizationServer> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    jwks: { keys: [privateJwk] },
    clients: options.clients ?? [],
    scopes: ['openid', ...(options.clientScopes ?? [])],
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => oneOf,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resourceIndicator) => {
          const scope = options.resources[resourceIndicator];
          if (scope === undefined)
            throw new oidcErrors.InvalidTarget(`unknown resource ${resourceIndicator}`);
          return {
            scope,
            audience: resourceIndicator,
            accessTokenTTL: options.accessTokenTtl ?? 300,
            accessTokenFormat: options.opaqueResources?.includes(resourceIndicator) ? 'opaque' : 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    pkce: { required: () => true },
    ttl: {
      AccessToken: options.accessTokenTtl ?? 300,
      AuthorizationCode: 60,
      ClientCredentials: options.accessTokenTtl ?? 300,
      Grant: 3600,
      Interaction: 600,
      RefreshToken: 86_400,
      Session: 3600,
    },
  });
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (!match) {
      callback(req, res);
      return;
    }
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: 'user-1' } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({
            accountId: details.session!.accountId,
            clientId: details.params['client_id'] as string,
          });
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant!.addOIDCScope(missing.missingOIDCScope.join(' '));
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
        grant!.addResourceScope(resource, scopes.join(' '));
      }
      const grantId = await grant!.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  return {
    issuer,
    provider,
    privateJwk,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
