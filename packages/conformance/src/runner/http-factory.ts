/**
 * Chooses how to reach a --url target: Streamable HTTP, or the 2024-11-05 HTTP+SSE transport when the URL
 * is an SSE endpoint or a Streamable HTTP initialize gets 400/404/405 (the back-compat rule of
 * 2025-03-26 basic/transports §Backwards Compatibility). check-server imports it on demand.
 */
import { ConfigError } from '@mcpwire/core';
import { judgeSseEndpoint, judgeSsePosts, legacyHttpChecks, modernHttpChecks } from '../checks/http.js';
import { securityChecks } from '../checks/security.js';
import type { CheckServerOptions } from './check-server.js';
import { probeTransport } from './http-probe.js';
import { HttpWire } from './http-wire.js';
import type { WireFactory } from './server-run.js';
import { SseWire } from './sse-wire.js';

export async function httpFactory(options: CheckServerOptions): Promise<WireFactory> {
  const url = options.url!;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`--url: expected an http(s) URL, received ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ConfigError(`--url: expected an http(s) URL, received ${JSON.stringify(url)}`);
  const headers: Record<string, string> =
    options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
  const kind = await probeTransport(url, headers, options.timeoutMs ?? 10_000);
  if (kind === 'sse') {
    return {
      transport: 'sse',
      open: () => SseWire.connect(url, 5000, headers),
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
    open: async () => new HttpWire(url, headers),
    async transportChecks(ctx) {
      if (ctx.era === 'legacy') await legacyHttpChecks(ctx);
      else await modernHttpChecks(ctx, !ctx.dualEra);
      await securityChecks(ctx, options.tokenB);
    },
  };
}
