/**
 * Back-compat for clients (2025-11-25 §Backwards Compatibility): try Streamable HTTP first; when
 * `initialize` gets 400/404/405 without a modern JSON-RPC error, GET the same URL as a legacy HTTP+SSE
 * server and expect an `endpoint` event.
 */
import type { Transport } from '@mcpwire/core/runtime';
import { LegacyServerError } from '../../shared-http/errors.js';
import { type SseClientOptions, SseClientTransport } from '../../sse/client.js';
import type { StreamableHttpClientOptions } from './options.js';
import { StreamableHttpClientTransport } from './streamable-http-client.js';

/** The transport {@link connectWithFallback} connected with, and which kind it is. */
export interface FallbackResult {
  transport: Transport;
  kind: 'streamable-http' | 'sse';
}

/**
 * `connect` attaches the client engine and runs its handshake (e.g. `(t) => client.connect(t)`); it is
 * called again with an SSE transport when the first attempt proves the server is legacy.
 */
export async function connectWithFallback(
  url: string | URL,
  connect: (transport: Transport) => Promise<void>,
  options: { http?: StreamableHttpClientOptions; sse?: SseClientOptions } = {},
): Promise<FallbackResult> {
  const http = new StreamableHttpClientTransport(url, options.http);
  try {
    await connect(http);
    return { transport: http, kind: 'streamable-http' };
  } catch (error) {
    await http.close().catch(() => {});
    if (!isLegacySignal(error)) throw error;
  }
  const sse = new SseClientTransport(url, {
    ...options.sse,
    headers: options.sse?.headers ?? options.http?.headers,
    authProvider: options.sse?.authProvider ?? options.http?.authProvider,
  });
  await connect(sse);
  return { transport: sse, kind: 'sse' };
}

/** Engines may wrap transport errors; look through `cause` chains for the fallback signal. */
function isLegacySignal(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof LegacyServerError) return true;
    current = current.cause;
  }
  return false;
}
