/** WebSocket client side: connects with the `mcp` subprotocol; start() resolves once the socket is open. */
import { TransportError } from '@mcpwire/core/runtime';
import { WebSocket } from 'ws';
import { MCP_SUBPROTOCOL, WebSocketTransport } from './socket-transport.js';

export interface WebSocketClientOptions {
  headers?: Record<string, string>;
  /** Largest frame accepted, in bytes. Default 16 MiB. */
  maxPayload?: number;
  /** Give up opening after this long. Default 10000 ms. */
  connectTimeoutMs?: number;
}

export class WebSocketClientTransport extends WebSocketTransport {
  /** A client transport for the WebSocket endpoint at `url`. */
  constructor(
    private readonly url: string | URL,
    private readonly options: WebSocketClientOptions = {},
  ) {
    super();
  }

  async start(): Promise<void> {
    if (this.socket !== undefined)
      throw new TransportError(
        'WebSocket client transport was already connected: expected a new transport for each connect(), received one that was started before',
      );
    const socket = new WebSocket(this.url, [MCP_SUBPROTOCOL], {
      headers: this.options.headers,
      maxPayload: this.options.maxPayload ?? 16 * 1024 * 1024,
      handshakeTimeout: this.options.connectTimeoutMs ?? 10_000,
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => {
        socket.off('open', onOpen);
        reject(
          new TransportError(`WebSocket connect failed: expected an open socket, received ${error.message}`, {
            cause: error,
          }),
        );
      };
      const onOpen = (): void => {
        socket.off('error', onError);
        if (socket.protocol !== MCP_SUBPROTOCOL) {
          socket.terminate();
          reject(
            new TransportError(
              `WebSocket connect failed: expected subprotocol "mcp", received "${socket.protocol}"`,
            ),
          );
          return;
        }
        resolve();
      };
      socket.once('error', onError);
      socket.once('open', onOpen);
    });
    this.attach(socket);
  }
}
