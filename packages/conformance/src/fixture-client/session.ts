/**
 * One client session for a scenario: our Client over our Streamable HTTP client transport, pinned to the
 * newest legacy revision (the suite's scenario servers speak 2025-03-26 … 2025-11-25 and count requests,
 * so no server/discover probe), closed whatever happens.
 */

import { Client, type ClientHandlers } from '@mcpwire/client';
import type { HttpAuthProvider } from '@mcpwire/transports/http';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { Agent } from 'undici';

export const FIXTURE_CLIENT_INFO = { name: 'mcpwire-conformance-fixture-client', version: '0.1.0' } as const;

export interface SessionOptions {
  authProvider?: HttpAuthProvider;
  handlers?: ClientHandlers;
  log: (line: string) => void;
  /** Per-request timeout. */
  timeoutMs: number;
}

export async function withSession(
  url: string,
  options: SessionOptions,
  steps: (client: Client) => Promise<void>,
): Promise<void> {
  // No keep-alive: the suite's servers close idle sockets after 5 s, and on a loaded machine a reused
  // socket can be closed by the server just as a POST goes out (ECONNRESET on a request that is not retried).
  const dispatcher = new Agent({ pipelining: 0 });
  const transport = new StreamableHttpClientTransport(url, {
    dispatcher,
    authProvider: options.authProvider,
    // The suite's servers answer the resumption GET at once; a broken stream is retried a few times only.
    reconnect: { maxRetries: 3, initialDelayMs: 200, maxDelayMs: 2000 },
  });
  const client = new Client(FIXTURE_CLIENT_INFO, {
    revision: '2025-11-25',
    handlers: options.handlers,
    defaultTimeoutMs: options.timeoutMs,
    onError: (error) => options.log(`transport: ${error.message}`),
  });
  try {
    await client.connect(transport);
    options.log(`connected (${client.connection.negotiatedRevision ?? 'unknown revision'})`);
    await steps(client);
  } finally {
    await client.close().catch(() => undefined);
    await dispatcher.destroy().catch(() => undefined);
  }
}
