/**
 * End-to-end OAuth fixture: our McpServer behind our Streamable HTTP handler (at /mcp) and our legacy SSE
 * handler (at /sse + /messages), each protected by @mcpwire/auth/server delegating to a real oidc-provider
 * on 127.0.0.1 (the auth package's test harness). Every tool needs `mcp:read`; `deploy` needs `mcp:write`
 * too (step-up). Tools answer with the AuthInfo the handler saw (ctx.authInfo).
 */
import { createDelegatedAuth, createScopePolicy, type DelegatedAuth } from '@mcpwire/auth/server';
import { McpServer } from '@mcpwire/server';
import { createStreamableHttpHandler, type Listening, listen } from '@mcpwire/transports/http';
import { createSseHandler } from '@mcpwire/transports/sse';
import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../packages/auth/test/helpers/oidc.js';

export const OTHER_RESOURCE = 'http://127.0.0.1:9/other-mcp';
/** A confidential client of the AS (client_credentials), to obtain real tokens for other audiences. */
export const SERVICE_CLIENT = { id: 'service', secret: 'service-secret-0123456789' } as const;

export interface ProtectedMcp {
  as: TestAuthorizationServer;
  mcpUrl: string;
  sseUrl: string;
  close(): Promise<void>;
}

function buildServer(): McpServer {
  const server = new McpServer({ name: 'auth-e2e', version: '1.0.0' });
  const whoami =
    (tool: string) =>
    (_args: unknown, ctx: { authInfo?: { subject?: string; scopes: string[]; clientId?: string } }) =>
      JSON.stringify({ tool, subject: ctx.authInfo?.subject, scopes: ctx.authInfo?.scopes ?? null });
  server.tool(
    'whoami',
    { description: 'Who the token says the caller is', inputSchema: { type: 'object' } },
    whoami('whoami'),
  );
  server.tool(
    'deploy',
    { description: 'Needs mcp:write', inputSchema: { type: 'object' } },
    whoami('deploy'),
  );
  return server;
}

export async function startProtectedMcp(): Promise<ProtectedMcp> {
  const server = buildServer();
  const scopes = createScopePolicy({ default: ['mcp:read'], tools: { deploy: ['mcp:write'] } });
  let httpAuth: DelegatedAuth | undefined;
  let sseAuth: DelegatedAuth | undefined;
  const http = createStreamableHttpHandler({
    connect: (t) => server.connect(t).then(() => undefined),
    // Bound once the AS is up (it must know our URLs as resources first).
    auth: {
      authenticator: {
        authenticate: (request) => httpAuth!.authenticator.authenticate(request),
        insufficientScope: (required) => httpAuth!.authenticator.insufficientScope(required),
      },
      metadataRoute: (request) => httpAuth!.metadataRoute(request),
      scopes,
    },
  });
  const sse = createSseHandler({
    connect: (t) => server.connect(t).then(() => undefined),
    auth: {
      authenticator: {
        authenticate: (request) => sseAuth!.authenticator.authenticate(request),
        insufficientScope: (required) => sseAuth!.authenticator.insufficientScope(required),
      },
      metadataRoute: (request) => sseAuth!.metadataRoute(request),
      scopes,
    },
  });
  const listening: Listening = await listen({
    handler: (request) => {
      const path = new URL(request.url).pathname;
      const toSse = path === '/sse' || path === '/messages' || path.endsWith('/oauth-protected-resource/sse');
      return toSse ? sse(request) : http(request);
    },
  });
  const mcpUrl = `${listening.url}/mcp`;
  const sseUrl = `${listening.url}/sse`;
  const as = await startAuthorizationServer({
    resources: {
      [mcpUrl]: 'mcp:read mcp:write',
      [sseUrl]: 'mcp:read mcp:write',
      [OTHER_RESOURCE]: 'mcp:read',
    },
    clientScopes: ['mcp:read', 'mcp:write'],
    clients: [
      {
        client_id: SERVICE_CLIENT.id,
        client_secret: SERVICE_CLIENT.secret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
  });
  const delegate = (audience: string) =>
    createDelegatedAuth({
      issuer: as.issuer,
      audience,
      requiredScopes: ['mcp:read'],
      scopesSupported: ['mcp:read', 'mcp:write'],
    });
  httpAuth = await delegate(mcpUrl);
  sseAuth = await delegate(sseUrl);
  return {
    as,
    mcpUrl,
    sseUrl,
    async close() {
      await listening.close();
      await http.close();
      await sse.close();
      await server.close();
      await as.close();
    },
  };
}
