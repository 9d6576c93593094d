/**
 * An in-memory linked pair of transports, for tests and for embedding a server and a client in one
 * process. Delivery is asynchronous (a microtask, as a real transport would be) and every message is
 * copied, so the two sides never share objects. One drain task per burst, not one closure per message.
 */
import { ConnectionClosedError, TransportError } from './errors.js';
import type { JSONRPCPayload, MessageContext, SendOptions, Transport } from './transport.js';

/** How an in-memory transport copies messages: a JSON round trip (what a wire keeps) or structuredClone. */
export type InMemoryCopyMode = 'json' | 'structured-clone';

/** Options of one side of an in-memory transport pair. */
export interface InMemoryTransportOptions {
  /** How messages are copied: a JSON round trip (default: exactly what a wire would keep) or structuredClone. */
  copy?: InMemoryCopyMode;
  /** Context attached to every message this side receives (e.g. verified authInfo). */
  context?: MessageContext;
  /** The session id this side reports (`transport.sessionId`). */
  sessionId?: string;
}

/** Options of {@link createInMemoryPair}, per side. */
export interface InMemoryPairOptions {
  client?: InMemoryTransportOptions;
  server?: InMemoryTransportOptions;
}

export class InMemoryTransport implements Transport {
  readonly transportKind = 'memory' as const;
  onmessage?: (message: JSONRPCPayload, context?: MessageContext) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  readonly sessionId: string | undefined;
  /** The revision the engine negotiated, recorded for tests (a real HTTP transport would send it as a header). */
  protocolVersion: string | undefined = undefined;
  /** Every SendOptions passed to send(), when `recordSendOptions` is on (for routing tests). */
  readonly sentOptions: (SendOptions | undefined)[] = [];
  recordSendOptions = false;

  private peer: InMemoryTransport | undefined;
  private context: MessageContext | undefined;
  private readonly copy: (payload: JSONRPCPayload) => JSONRPCPayload;
  private readonly queue: { payload: JSONRPCPayload; context: MessageContext | undefined }[] = [];
  private queueHead = 0;
  private drainScheduled = false;
  private started = false;
  private closed = false;
  /** The peer closed; we still deliver what it sent before closing ourselves. */
  private closing = false;
  private readonly drain = (): void => this.deliverQueued();

  /**
   * One side of an in-memory pair; link two with `InMemoryTransport.createLinkedPair()` or use {@link
   * createInMemoryPair}.
   */
  constructor(options: InMemoryTransportOptions = {}) {
    this.copy = options.copy === 'structured-clone' ? structuredClone : jsonCopy;
    this.context = options.context;
    this.sessionId = options.sessionId;
  }

  /** Two linked transports: what one sends, the other receives. */
  static createLinkedPair(
    options: InMemoryPairOptions = {},
  ): [client: InMemoryTransport, server: InMemoryTransport] {
    const client = new InMemoryTransport(options.client);
    const server = new InMemoryTransport(options.server);
    client.peer = server;
    server.peer = client;
    return [client, server];
  }

  /** Replaces the context attached to messages this side receives from now on. */
  setContext(context: MessageContext | undefined): void {
    this.context = context;
  }

  async start(): Promise<void> {
    if (this.started)
      throw new TransportError(
        'InMemoryTransport was already connected: expected a new transport (or pair) for each connect(), received one that was started before',
      );
    this.started = true;
    // Messages that arrived before start() are delivered now.
    if (this.queue.length > this.queueHead) this.scheduleDrain();
  }

  async send(message: JSONRPCPayload, options?: SendOptions): Promise<void> {
    if (this.closed || this.closing) {
      throw new ConnectionClosedError(
        'InMemoryTransport.send(): expected an open transport, but it is closed',
      );
    }
    const peer = this.peer;
    if (peer === undefined) {
      throw new TransportError(
        'InMemoryTransport.send(): expected a linked peer, but this transport has none',
      );
    }
    if (this.recordSendOptions) this.sentOptions.push(options);
    let copy: JSONRPCPayload;
    try {
      copy = this.copy(message);
    } catch (error) {
      throw new TransportError(
        `InMemoryTransport.send(): expected a JSON-serializable message, received one that cannot be copied (${String(error)})`,
        { cause: error },
      );
    }
    peer.enqueue(copy);
  }

  /** Closes this side now (dropping what it has not yet received) and the peer once it has read what was sent to it. */
  async close(): Promise<void> {
    if (this.closed) return;
    const peer = this.peer;
    this.finishClose();
    peer?.peerClosed();
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
  }

  /** The peer closed: deliver what it already sent, then close. */
  private peerClosed(): void {
    if (this.closed) return;
    this.closing = true;
    if (this.queue.length === this.queueHead || !this.started) this.finishClose();
  }

  private finishClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.queueHead = 0;
    const peer = this.peer;
    this.peer = undefined;
    this.onclose?.();
    peer?.peerClosed();
  }

  private enqueue(payload: JSONRPCPayload): void {
    if (this.closed) return;
    this.queue.push({ payload, context: this.context });
    if (this.started) this.scheduleDrain();
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    queueMicrotask(this.drain);
  }

  private deliverQueued(): void {
    this.drainScheduled = false;
    // Deliver what is queued now; messages queued meanwhile get their own drain, so one side cannot
    // starve the microtask queue forever.
    const end = this.queue.length;
    while (this.queueHead < end && !this.closed) {
      const item = this.queue[this.queueHead]!;
      this.queue[this.queueHead++] = undefined as never;
      try {
        this.onmessage?.(item.payload, item.context);
      } catch (error) {
        this.onerror?.(error instanceof Error ? error : new TransportError(String(error)));
      }
    }
    if (this.queueHead === this.queue.length) {
      this.queue.length = 0;
      this.queueHead = 0;
      if (this.closing) this.finishClose();
    } else if (!this.closed) {
      // Under steady load the queue never empties: drop the delivered prefix now and then.
      if (this.queueHead > 1024) {
        this.queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
      this.scheduleDrain();
    }
  }
}

/** A linked client/server pair of in-memory transports. */
export function createInMemoryPair(
  options?: InMemoryPairOptions,
): [client: InMemoryTransport, server: InMemoryTransport] {
  return InMemoryTransport.createLinkedPair(options);
}

/** Deeper than this, a message is copied by JSON round trip (which also detects cycles). */
const MAX_FAST_COPY_DEPTH = 256;
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Copies a message exactly as a JSON round trip would (undefined and functions dropped, non-finite
 * numbers → null, toJSON honoured, cycles and BigInt rejected), about five times faster for plain
 * objects and arrays, which is all the engine sends. Anything else takes the JSON path.
 */
function jsonCopy(payload: JSONRPCPayload): JSONRPCPayload {
  return copyValue(payload, 0) as JSONRPCPayload;
}

function copyValue(value: unknown, depth: number): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    case 'bigint':
      throw new TypeError('expected JSON values, received a BigInt');
    default:
      return undefined; // undefined, functions and symbols vanish, as in JSON
  }
  const object = value as Record<string, unknown>;
  if (depth > MAX_FAST_COPY_DEPTH || typeof object.toJSON === 'function')
    return JSON.parse(JSON.stringify(object));
  if (Array.isArray(object)) {
    const out = new Array<unknown>(object.length);
    for (let i = 0; i < object.length; i++) {
      const item = copyValue(object[i], depth + 1);
      out[i] = item === undefined ? null : item;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) return JSON.parse(JSON.stringify(object));
  const out: Record<string, unknown> = {};
  for (const key in object) {
    if (!hasOwn.call(object, key)) continue;
    const item = copyValue(object[key], depth + 1);
    if (item === undefined) continue;
    // Plain assignment of "__proto__" would set the prototype; JSON.parse makes it an own property.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}
