/** `listen()`: serves a fetch-style handler on Node's http module; 127.0.0.1 unless told otherwise. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@mcpwire/core/runtime';
import type { FastHandler } from '../server/http-io.js';
import { isLoopbackHost } from '../server/security.js';
import { type FetchHandler, toNodeListener } from './adapter.js';

/** Options of {@link listen}. */
export interface ListenOptions {
  /** A FastHandler (the Streamable HTTP handler, a router) is served without Request/Response objects. */
  handler: (FetchHandler | FastHandler) & {
    /** Called by `listening.close()` to end the handler's sessions. */
    close?: () => Promise<void>;
  };
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. A non-loopback one needs `allowedHosts` or `allowAnyHost`. */
  host?: string;
  /**
   * Refuse non-loopback Host headers (DNS-rebinding guard). Default: true when bound to a loopback address.
   */
  loopbackHostsOnly?: boolean;
  /**
   * The Host header values clients use to reach this server (`mcp.example.com`, or with a port); any
   * other Host gets 403 (DNS-rebinding guard: a page that rebinds its own name to this server sends its
   * own name). Required when `host` is not a loopback address, unless `allowAnyHost` is true.
   */
  allowedHosts?: readonly string[];
  /**
   * Accept any Host header on a non-loopback bind, e.g. behind a proxy that checks it. A warning says so
   * at start-up.
   */
  allowAnyHost?: boolean;
  /**
   * Most time a client may take to send a whole request, headers and body, in ms; then it gets 408 and
   * the connection is closed (a body trickled byte by byte no longer holds a connection forever). Only
   * receiving the request counts: a long SSE answer is not cut. Default 30000; 0 disables.
   */
  requestTimeoutMs?: number;
  /** Most time a client may take to send a request's headers, in ms (at most `requestTimeoutMs`). Default 10000. */
  headersTimeoutMs?: number;
  /** Most open connections; connections beyond it are closed as they arrive. Default: no limit. */
  maxConnections?: number;
}

/** A server started by {@link listen}. */
export interface Listening {
  /** Base URL, e.g. `http://127.0.0.1:54321` (append your MCP path). */
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, ends open connections and closes the handler's sessions. */
  close(): Promise<void>;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

/** Serves a handler on node:http (127.0.0.1 and a free port by default); resolves once listening. */
export async function listen(options: ListenOptions): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  if (!loopback && options.allowedHosts === undefined && options.allowAnyHost !== true) {
    throw new ConfigError(
      `listen(): expected allowedHosts (the Host names clients use to reach this server) or allowAnyHost: true for a server bound to ${JSON.stringify(host)}, received neither; without them any Host and Origin would be accepted (DNS rebinding)`,
    );
  }
  if (!loopback && options.allowedHosts === undefined) {
    process.emitWarning(
      `listen(): bound to ${host} with allowAnyHost: any Host header is accepted; put the names clients use in allowedHosts unless a proxy in front checks them`,
      { code: 'MCPWIRE_ANY_HOST' },
    );
  }
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(
    options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    requestTimeout > 0 ? requestTimeout : Number.POSITIVE_INFINITY,
  );
  const server = createServer(
    {
      requestTimeout,
      headersTimeout,
      // Node looks for requests past their time at this interval (30 s by default, which would double the
      // time a trickling client holds its connection).
      connectionsCheckingInterval: checkingInterval(requestTimeout, headersTimeout),
    },
    toNodeListener(options.handler, {
      loopbackHostsOnly: options.loopbackHostsOnly ?? (loopback && options.allowedHosts === undefined),
      ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
    }),
  );
  if (options.maxConnections !== undefined) server.maxConnections = options.maxConnections;
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

/** A quarter of the shortest timeout, between 25 ms and 1 s. */
function checkingInterval(requestTimeout: number, headersTimeout: number): number {
  const shortest = Math.min(
    requestTimeout > 0 ? requestTimeout : Number.POSITIVE_INFINITY,
    headersTimeout > 0 ? headersTimeout : Number.POSITIVE_INFINITY,
  );
  return Math.max(25, Math.min(1000, Math.floor(shortest / 4)));
}
