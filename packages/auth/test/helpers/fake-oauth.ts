/**
 * Test helper: a scriptable MCP server + authorization server pair for hostile and edge cases that a
 * well-behaved real AS cannot produce (wrong issuer, no S256, private addresses, missing iss...).
 * Every request is logged; documents are plain mutable objects the test edits.
 */
import { serveWeb, type WebServer } from './web-server.js';

export interface FakeWorld {
  mcp: WebServer;
  as: WebServer;
  mcpUrl: string;
  log: string[];
  /** WWW-Authenticate of the 401 (function of the world). */
  challenge: () => string;
  /** path → document served by the MCP server origin. */
  mcpDocs: Map<string, unknown>;
  /** path → document served by the AS origin. */
  asDocs: Map<string, unknown>;
  /** How /authorize answers: mutate to drop or forge iss, state... */
  authorizeResponse: (params: URLSearchParams, asUrl: string) => URLSearchParams;
  registrations: Array<Record<string, unknown>>;
  tokenRequests: Array<{ body: URLSearchParams; authorization: string | null }>;
  close(): Promise<void>;
}

export async function startFakeWorld(): Promise<FakeWorld> {
  const log: string[] = [];
  const world = {
    log,
    mcpDocs: new Map<string, unknown>(),
    asDocs: new Map<string, unknown>(),
    registrations: [] as Array<Record<string, unknown>>,
    tokenRequests: [] as FakeWorld['tokenRequests'],
    challenge: () => 'Bearer',
    authorizeResponse: (params: URLSearchParams, asUrl: string) =>
      new URLSearchParams({ code: 'code-1', state: params.get('state') ?? '', iss: asUrl }),
  } as FakeWorld;
  const serveDoc = (docs: Map<string, unknown>, path: string) =>
    docs.has(path) ? Response.json(docs.get(path)) : new Response('not found', { status: 404 });
  world.mcp = await serveWeb((request) => {
    const url = new URL(request.url);
    log.push(`mcp ${request.method} ${url.pathname}`);
    if (url.pathname === '/mcp') {
      if (request.headers.get('authorization') === 'Bearer good-token') return Response.json({ ok: true });
      return new Response(null, { status: 401, headers: { 'www-authenticate': world.challenge() } });
    }
    if (url.pathname === '/authorize' || url.pathname === '/token' || url.pathname === '/register') {
      return oauthEndpoints(world, request, url, world.mcp.url);
    }
    return serveDoc(world.mcpDocs, url.pathname);
  });
  world.as = await serveWeb((request) => {
    const url = new URL(request.url);
    log.push(`as ${request.method} ${url.pathname}`);
    if (url.pathname === '/authorize' || url.pathname === '/token' || url.pathname === '/register') {
      return oauthEndpoints(world, request, url, world.as.url);
    }
    return serveDoc(world.asDocs, url.pathname);
  });
  world.mcpUrl = `${world.mcp.url}/mcp`;
  world.close = async () => {
    await world.mcp.close();
    await world.as.close();
  };
  return world;
}

async function oauthEndpoints(
  world: FakeWorld,
  request: Request,
  url: URL,
  issuer: string,
): Promise<Response> {
  if (url.pathname === '/authorize') {
    const redirect = new URL(url.searchParams.get('redirect_uri') ?? 'http://127.0.0.1:1/none');
    redirect.search = world.authorizeResponse(url.searchParams, issuer).toString();
    return new Response(null, { status: 302, headers: { location: redirect.href } });
  }
  if (url.pathname === '/register') {
    const body = (await request.json()) as Record<string, unknown>;
    world.registrations.push(body);
    return Response.json({ ...body, client_id: `dyn-${world.registrations.length}` }, { status: 201 });
  }
  const body = new URLSearchParams(await request.text());
  world.tokenRequests.push({ body, authorization: request.headers.get('authorization') });
  return Response.json({
    access_token: 'good-token',
    token_type: 'Bearer',
    expires_in: 300,
    refresh_token: 'r1',
  });
}

/** Standard metadata of the fake AS (override members per test). */
export function asMetadata(asUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer: asUrl,
    authorization_endpoint: `${asUrl}/authorize`,
    token_endpoint: `${asUrl}/token`,
    registration_endpoint: `${asUrl}/register`,
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    ...extra,
  };
}
