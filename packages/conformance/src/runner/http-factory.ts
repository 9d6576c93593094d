/**
 * Chooses how to reach a --url target: Streamable HTTP, or the 2024-11-05 HTTP+SSE transport when the URL
 * is an SSE endpoint or a Streamable HTTP initialize gets 400/404/405 (the back-compat rule of
 * 2025-03-26 basic/transports §Backwards Compatibility). check-server imports it on demand.
 */
import { ConfigError, LATEST_LEGACY_REVISION, TransportError } from '@mcpwire/core';
import { fetch } from 'undici';
import { judgeSseEndpoint, judgeSsePosts, legacyHttpChecks, modernHttpChecks } from '../checks/http.js';
import { CLIENT_INFO } from '../checks/lifecycle.js';
import type { CheckServerOptions } from './check-server.js';
import { HttpWire } from './http-wire.js';
import type { WireFactory } from './server-run.js';
import { SseWire } from './sse-wire.js';

async function probeTransport(url: string): Promise<'http' | 'sse'> {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: LATEST_LEGACY_REVISION, capabilities: {}, clientInfo: CLIENT_INFO },
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const session = response.headers.get('mcp-session-id');
  // Read the body only when it is JSON; an SSE answer may stay open.
  if ((response.headers.get('content-type') ?? '').startsWith('application/json'))
    await response.text().catch(() => '');
  else await response.body?.cancel().catch(() => undefined);
  if (session !== null) {
    await fetch(url, {
      method: 'DELETE',
      headers: { 'mcp-session-id': session },
      signal: AbortSignal.timeout(5000),
    })
      .then((r) => r.text())
      .catch(() => undefined);
  }
  return response.status === 400 || response.status === 404 || response.status === 405 ? 'sse' : 'http';
}

export async function httpFactory(options: CheckServerOptions): Promise<WireFactory> {
  const url = options.url!;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`--url: expected an http(s) URL, received ${JSON.stringify(url)}`);
  }
  let kind: 'http' | 'sse';
  try {
    kind = parsed.pathname.endsWith('/sse') ? 'sse' : await probeTransport(url);
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new TransportError(`check-server: expected an MCP server answering at ${url}, received ${cause}`, {
      cause: error,
    });
  }
  if (kind === 'sse') {
    return {
      transport: 'sse',
      open: () => SseWire.connect(url),
      afterOpen(ctx) {
        judgeSseEndpoint(ctx, ctx.wire as SseWire);
      },
      async transportChecks(ctx) {
        judgeSsePosts(ctx, ctx.wire as SseWire);
      },
    };
  }
  return {
    transport: 'http',
    open: async () => new HttpWire(url),
    async transportChecks(ctx) {
      if (ctx.era === 'legacy') await legacyHttpChecks(ctx);
      else
        await modernHttpChecks(
          ctx,
          !ctx.supportedVersions.some((v) => typeof v === 'string' && v < '2026-07-28'),
        );
    },
  };
}
