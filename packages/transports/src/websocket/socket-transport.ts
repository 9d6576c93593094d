/**
 * The shared half of the WebSocket transports, and the smallest complete example of a custom transport:
 * - framing: one JSON-RPC message (or 2025-03-26 batch) per text frame; binary frames are refused;
 * - start/send/close map to the socket's lifecycle; onclose fires exactly once, from whichever side closed;
 * - bad input (invalid JSON, wrong shapes) is reported through onerror and never closes the connection.
 */
import {
  ConnectionClosedError,
  type JSONRPCPayload,
  type MessageContext,
  parseMessage,
  type SendOptions,
  serializeMessage,
  type Transport,
  TransportError,
} from '@mcpwire/core/runtime';
import type { RawData, WebSocket } from 'ws';

/** The WebSocket subprotocol MCP peers negotiate. */
export const MCP_SUBPROTOCOL = 'mcp';

export abstract class WebSocketTransport implements Transport {
  readonly transportKind = 'websocket' as const;
  onmessage?: (message: JSONRPCPayload, context?: MessageContext) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  protected socket: WebSocket | undefined;
  protected context: MessageContext | undefined;
  private closedOnce = false;

  abstract start(): Promise<void>;

  /** Wires a connected socket to the Transport callbacks (one listener set per connection). */
  protected attach(socket: WebSocket): void {
    this.socket = socket;
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(data, isBinary));
    socket.on('error', (error: Error) =>
      this.onerror?.(new TransportError(`WebSocket error: ${error.message}`, { cause: error })),
    );
    socket.on('close', () => this.finish());
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.onerror?.(
        new TransportError(
          'Invalid frame: expected a text frame with one JSON-RPC message, received a binary frame',
        ),
      );
      return;
    }
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
    const parsed = parseMessage(text, { allowBatch: true });
    if (!parsed.ok) {
      this.onerror?.(new TransportError(`Invalid message: ${parsed.error.message}`));
      return;
    }
    this.onmessage?.(parsed.message, this.context);
  }

  async send(message: JSONRPCPayload, _options?: SendOptions): Promise<void> {
    const socket = this.socket;
    if (socket === undefined || socket.readyState !== socket.OPEN) {
      throw new ConnectionClosedError('Cannot send: expected an open WebSocket, but it is not open');
    }
    const text = serializeMessage(message);
    await new Promise<void>((resolve, reject) => {
      socket.send(text, (error) => {
        if (error) reject(new TransportError(`WebSocket send failed: ${error.message}`, { cause: error }));
        else resolve();
      });
    });
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (socket === undefined || socket.readyState === socket.CLOSED) {
      this.finish();
      return;
    }
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000);
      // A peer that never answers the close handshake must not hold us: terminate after a grace period.
      setTimeout(() => socket.terminate(), 2000).unref();
    });
  }

  private finish(): void {
    if (this.closedOnce) return;
    this.closedOnce = true;
    this.onclose?.();
  }
}
