/**
 * The server side of one legacy HTTP+SSE session (2024-11-05): its event stream carries every server
 * message as `event: message`; client messages arrive by POST (to this process, or to another one
 * sharing the store, which forwards them over the bus). The session lives as long as its stream.
 */
import {
  ConnectionClosedError,
  type JSONRPCPayload,
  type MessageContext,
  type SendOptions,
  serializeMessage,
  type Transport,
} from '@mcpwire/core/runtime';
import type { SseConnection } from '../http/server/sse-stream.js';
import { formatSseEvent } from '../shared-http/sse-encoder.js';

export class SseServerTransport implements Transport {
  readonly transportKind = 'sse' as const;
  onmessage?: (message: JSONRPCPayload, context?: MessageContext) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  /** When a client message last arrived (ms since the epoch). */
  lastActivity = Date.now();
  private closed = false;

  /** Created by the HTTP+SSE handler for each session and handed to `connect`. */
  constructor(
    readonly sessionId: string,
    /** @internal */ readonly connection: SseConnection,
    private readonly onClosed: (transport: SseServerTransport) => void,
  ) {}

  /** Whether the transport was closed. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Never idle while it lives: the open stream is the session (see LocalSessions' streamHoldsSession). */
  get isIdle(): boolean {
    return false;
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCPayload, _options?: SendOptions): Promise<void> {
    if (
      this.closed ||
      !this.connection.write(formatSseEvent(serializeMessage(message), { event: 'message' }))
    ) {
      throw new ConnectionClosedError(
        'Cannot send: expected an open SSE stream, but the client disconnected',
      );
    }
    // Backpressure: the sender waits while the client has not taken what it was sent.
    const drained = this.connection.drained();
    if (drained !== undefined) await drained;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connection.close();
    this.onClosed(this);
    this.onclose?.();
  }

  /** @internal A client message (POSTed here, or forwarded over the bus from another process). */
  acceptPosted(payload: JSONRPCPayload, context: MessageContext): void {
    this.lastActivity = Date.now();
    try {
      this.onmessage?.(payload, context);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
