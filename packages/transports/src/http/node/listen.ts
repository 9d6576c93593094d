/** `listen()`: serves a fetch-style handler on Node's http module; 127.0.0.1 unless told otherwise. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastHandler } from '../server/http-io.js';
import { isLoopbackHost } from '../server/security.js';
import { type FetchHandler, toNodeListener } from './adapter.js';

export interface ListenOptions {
  /** A FastHandler (the Streamable HTTP handler, a router) is served without Request/Response objects. */
  handler: (FetchHandler | FastHandler) & { close?: () => Promise<void> };
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /**
   * Refuse non-loopback Host headers (DNS-rebinding guard). Default: true when bound to a loopback address.
   */
  loopbackHostsOnly?: boolean;
}

export interface Listening {
  /** Base URL, e.g. `http://127.0.0.1:54321` (append your MCP path). */
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, ends open connections and closes the handler's sessions. */
  close(): Promise<void>;
}

export async function listen(options: ListenOptions): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const loopbackHostsOnly = options.loopbackHostsOnly ?? isLoopbackHost(host);
  const server = createServer(toNodeListener(options.handler, { loopbackHostsOnly }));
  // SSE streams are long-lived; Node's default request timeout would cut them.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    server,
    close() {
      closing ??= (async () => {
        await options.handler.close?.();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}
