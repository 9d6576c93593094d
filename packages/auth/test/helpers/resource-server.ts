/**
 * Test helper: a small protected MCP-like endpoint built only from @mcpwire/auth/server pieces:
 * PRM route, bearer authentication (delegated to the AS by issuer + audience) and per-tool scopes.
 * POST /mcp with a JSON-RPC tools/call answers the caller's subject and scopes.
 */
import {
  createDelegatedAuth,
  createScopePolicy,
  type DelegatedAuth,
  type ScopeRequirements,
} from '@mcpwire/auth/server';
import { serveWeb, type WebServer } from './web-server.js';

export interface TestResourceServer extends WebServer {
  /** The MCP endpoint (the resource / audience). */
  mcpUrl: string;
  /** Binds the server to its AS once the AS is up (the AS needs our URL first). */
  delegateTo(issuer: string): Promise<DelegatedAuth>;
  /** Every request seen, for asserting what the client sent. */
  seen: Array<{ method: string; path: string; authorization: string | null }>;
}

export async function startResourceServer(requirements: ScopeRequirements): Promise<TestResourceServer> {
  const policy = createScopePolicy(requirements);
  let auth: DelegatedAuth | undefined;
  const seen: TestResourceServer['seen'] = [];
  const web = await serveWeb(async (request) => {
    const url = new URL(request.url);
    seen.push({
      method: request.method,
      path: url.pathname + url.search,
      authorization: request.headers.get('authorization'),
    });
    if (!auth) return new Response('not ready', { status: 503 });
    const metadata = auth.metadataRoute(request);
    if (metadata) return metadata;
    if (url.pathname !== '/mcp') return new Response('not found', { status: 404 });
    const result = await auth.authenticator.authenticate(request);
    if (result instanceof Response) return result;
    const message = (await request.json()) as { id: number; method: string; params?: unknown };
    const check = policy.checkRequest(result, message.method, message.params);
    if (!check.allowed) return auth.authenticator.insufficientScope(check.required);
    return Response.json({
      jsonrpc: '2.0',
      id: message.id,
      result: { subject: result.subject, scopes: result.scopes, clientId: result.clientId },
    });
  });
  const mcpUrl = `${web.url}/mcp`;
  return {
    ...web,
    mcpUrl,
    seen,
    async delegateTo(issuer) {
      auth = await createDelegatedAuth({
        issuer,
        audience: mcpUrl,
        requiredScopes: requirements.default,
      });
      return auth;
    },
  };
}

/** A minimal client loop: bearer header, 401 → handleUnauthorized, 403 → handleForbidden, bounded. */
export async function callTool(
  provider: {
    authorizationHeader(): Promise<string | undefined>;
    handleUnauthorized(r: Response): Promise<string>;
    handleForbidden(r: Response, op?: string): Promise<string | undefined>;
  },
  mcpUrl: string,
  name: string,
): Promise<{ status: number; body: unknown }> {
  let header = await provider.authorizationHeader();
  for (let attempt = 0; attempt < 6; attempt++) {
    const response = await fetch(mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header ? { authorization: header } : {}) },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: attempt + 1,
        method: 'tools/call',
        params: { name, arguments: {} },
      }),
    });
    if (response.status === 401) {
      header = await provider.handleUnauthorized(response);
      continue;
    }
    if (response.status === 403) {
      const next = await provider.handleForbidden(response, `tools/call:${name}`);
      if (!next) return { status: 403, body: await response.text() };
      header = next;
      continue;
    }
    return { status: response.status, body: await response.json() };
  }
  throw new Error('callTool: too many attempts');
}
