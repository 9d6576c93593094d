/**
 * Legacy HTTP+SSE client transport (2024-11-05): GET the SSE URL, wait for the `endpoint` event, then
 * POST every message to that URI (never to the SSE URL); server messages arrive as `event: message`.
 */

import { setMaxListeners } from 'node:events';
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
import { Agent, type Dispatcher } from 'undici';
import { readSseBody } from '../http/client/sse-reader.js';
import { type HttpAuthProvider, headerOf } from '../shared-http/auth-provider.js';
import { HttpStatusError } from '../shared-http/errors.js';
import { RequestTarget, requestWithAuth } from '../shared-http/http-request.js';
import { DEFAULT_MAX_RESPONSE_BYTES, readResponseText } from '../shared-http/response-text.js';
import type { SseEvent } from '../shared-http/sse-decoder.js';

export interface SseClientOptions {
  headers?: Record<string, string>;
  authProvider?: HttpAuthProvider;
  /** How long to wait for the `endpoint` event. Default 10000 ms. */
  endpointTimeoutMs?: number;
  dispatcher?: Dispatcher;
  /** Largest POST response body accepted, in bytes. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Largest SSE event accepted, in characters. Default 16 Mi; a larger one ends the connection. */
  maxEventLength?: number;
}

export class SseClientTransport implements Transport {
  readonly transportKind = 'sse' as const;
  onmessage?: (message: JSONRPCPayload, context?: MessageContext) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  private readonly url: URL;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly abort = new AbortController();
  private endpoint: URL | undefined;
  private endpointTarget: RequestTarget | undefined;
  private closed = false;

  /** A client transport for the legacy HTTP+SSE endpoint at `url` (its event stream). */
  constructor(
    url: string | URL,
    private readonly options: SseClientOptions = {},
  ) {
    this.url = new URL(url);
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 30_000 });
    // Every POST in flight listens on it until it settles: many at once are expected, not a leak.
    setMaxListeners(0, this.abort.signal);
  }

  /** The POST URI the server announced (after start). */
  get endpointUrl(): string | undefined {
    return this.endpoint?.href;
  }

  async start(): Promise<void> {
    if (this.closed)
      throw new ConnectionClosedError('Cannot start: expected an open transport, but it was closed');
    const result = await requestWithAuth({
      dispatcher: this.dispatcher,
      url: new RequestTarget(this.url),
      method: 'GET',
      headers: { accept: 'text/event-stream', ...this.options.headers },
      signal: this.abort.signal,
      auth: this.options.authProvider,
    });
    const contentType = headerOf(result.headers, 'content-type') ?? '';
    if (result.statusCode !== 200 || !contentType.startsWith('text/event-stream')) {
      const text = await result.body.text();
      throw new HttpStatusError(
        `SSE connect failed: expected 200 text/event-stream, received ${result.statusCode} ${contentType}`,
        result.statusCode,
        text,
      );
    }
    let resolveEndpoint!: () => void;
    let rejectEndpoint!: (error: Error) => void;
    const endpointReady = new Promise<void>((resolve, reject) => {
      resolveEndpoint = resolve;
      rejectEndpoint = reject;
    });
    const timer = setTimeout(
      () =>
        rejectEndpoint(
          new TransportError('SSE connect failed: expected an endpoint event, received none in time'),
        ),
      this.options.endpointTimeoutMs ?? 10_000,
    );
    const onEvent = (event: SseEvent): void => {
      if (event.event === 'endpoint') {
        try {
          const endpoint = new URL(event.data, this.url);
          if (endpoint.origin !== this.url.origin) {
            throw new TransportError(
              `SSE endpoint refused: expected origin ${this.url.origin}, received ${endpoint.origin}`,
            );
          }
          this.endpoint = endpoint;
          this.endpointTarget = new RequestTarget(endpoint);
          resolveEndpoint();
        } catch (error) {
          rejectEndpoint(error instanceof Error ? error : new TransportError(String(error)));
        }
        return;
      }
      if (event.event !== 'message') return;
      const parsed = parseMessage(event.data, { allowBatch: true });
      if (!parsed.ok) {
        this.onerror?.(new TransportError(`Invalid message from server: ${parsed.error.message}`));
        return;
      }
      this.onmessage?.(parsed.message);
    };
    void readSseBody(result.body, onEvent, undefined, this.options.maxEventLength).then((outcome) => {
      rejectEndpoint(new TransportError('SSE connect failed: the stream ended before an endpoint event'));
      // The stream carries every answer: once it is gone (too large an event included), so is the connection.
      if (outcome.tooLarge && !this.closed)
        this.onerror?.(new TransportError(`SSE stream dropped: ${(outcome.error as Error).message}`));
      if (!this.closed) void this.close();
    });
    try {
      await endpointReady;
    } finally {
      clearTimeout(timer);
    }
  }

  async send(message: JSONRPCPayload, _options?: SendOptions): Promise<void> {
    if (this.closed)
      throw new ConnectionClosedError('Cannot send: expected an open SSE transport, but it was closed');
    const endpoint = this.endpoint;
    if (endpoint === undefined)
      throw new TransportError('Cannot send: expected start() to have received the endpoint first');
    const result = await requestWithAuth({
      dispatcher: this.dispatcher,
      url: this.endpointTarget!,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.options.headers },
      body: serializeMessage(message),
      signal: this.abort.signal,
      auth: this.options.authProvider,
      operation: !Array.isArray(message) && 'method' in message ? message.method : undefined,
    });
    const text = await readResponseText(
      result,
      this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      `POST ${endpoint.href}`,
    );
    if (result.statusCode < 200 || result.statusCode >= 300) {
      throw new HttpStatusError(
        `SSE POST failed: expected 2xx, received ${result.statusCode} ${text.slice(0, 200)}`,
        result.statusCode,
        text,
      );
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    if (this.ownsDispatcher) await this.dispatcher.destroy().catch(() => {});
    this.onclose?.();
  }
}
