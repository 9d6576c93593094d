/**
 * WebSocket server side: each accepted connection that negotiated the `mcp` subprotocol becomes one
 * WebSocketServerTransport, handed to `connect` (e.g. `(t) => server.connect(t)`).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { AuthInfo } from '@mcpwire/core/runtime';
import { type WebSocket, WebSocketServer } from 'ws';
import { isLoopbackHost } from '../http/server/security.js';
import { MCP_SUBPROTOCOL, WebSocketTransport } from './socket-transport.js';

export class WebSocketServerTransport extends WebSocketTransport {
  /** Created by {@link createWebSocketServer} for each connection and handed to `connect`. */
  constructor(socket: WebSocket, request: IncomingMessage, authInfo?: AuthInfo) {
    super();
    // Hold incoming frames until the engine has attached its handlers and called start().
    socket.pause();
    this.attach(socket);
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(request.headers))
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    this.context = { requestInfo: { headers, url: request.url }, ...(authInfo ? { authInfo } : {}) };
  }

  /** The socket is already open; start() lets its frames flow. */
  async start(): Promise<void> {
    this.socket?.resume();
  }
}

/** Options of {@link createWebSocketServer}. */
export interface WebSocketMcpServerOptions {
  /** Connects a protocol engine to each new connection, e.g. `(t) => server.connect(t)`. */
  connect: (transport: WebSocketServerTransport, request: IncomingMessage) => unknown;
  /** Attach to an existing HTTP server (upgrade requests) instead of listening on `port`. */
  server?: Server;
  port?: number;
  /** Default 127.0.0.1 when listening on a port. */
  host?: string;
  path?: string;
  /** Largest frame accepted, in bytes. Default 4 MiB. */
  maxPayload?: number;
  /** Origins accepted (others get 403). Default: no Origin, or a loopback Origin. */
  allowedOrigins?: readonly string[];
}

/** A running WebSocket MCP server. */
export interface WebSocketMcpServer {
  wss: WebSocketServer;
  /** Port bound when listening on `port`. */
  port: number | undefined;
  /** Closes every connection and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts a WebSocket server whose connections negotiating the `mcp` subprotocol become transports handed to
 * `connect`.
 */
export async function createWebSocketServer(options: WebSocketMcpServerOptions): Promise<WebSocketMcpServer> {
  const wss = new WebSocketServer({
    ...(options.server
      ? { server: options.server }
      : { port: options.port ?? 0, host: options.host ?? '127.0.0.1' }),
    path: options.path,
    maxPayload: options.maxPayload ?? 4 * 1024 * 1024,
    // Only MCP clients: the handshake fails unless `mcp` is among the offered subprotocols.
    handleProtocols: (protocols) => (protocols.has(MCP_SUBPROTOCOL) ? MCP_SUBPROTOCOL : false),
    verifyClient: (
      { origin, req }: { origin: string | undefined; req: IncomingMessage },
      done: (ok: boolean, code?: number, message?: string) => void,
    ) => {
      // ws calls handleProtocols only when a subprotocol was offered: a client offering none is refused here.
      const offered = req.headers['sec-websocket-protocol'] ?? '';
      if (!offered.split(',').some((p) => p.trim() === MCP_SUBPROTOCOL)) {
        done(false, 400, 'Bad Request: expected the mcp subprotocol');
        return;
      }
      if (originAllowed(origin, options.allowedOrigins)) done(true);
      else done(false, 403, 'Forbidden: Origin not allowed');
    },
  });
  wss.on('connection', (socket, request) => {
    const transport = new WebSocketServerTransport(socket, request);
    void Promise.resolve(options.connect(transport, request)).catch(() => socket.close(1011));
  });
  if (!options.server) await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = options.server ? undefined : wss.address();
  return {
    wss,
    port: typeof address === 'object' && address !== null ? address.port : undefined,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

function originAllowed(origin: string | undefined, allowed: readonly string[] | undefined): boolean {
  if (!origin) return true;
  if (allowed) return allowed.includes(origin);
  try {
    return isLoopbackHost(new URL(origin).host);
  } catch {
    return false;
  }
}
