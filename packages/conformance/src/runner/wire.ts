/**
 * A raw, instrumented connection to the server under test. Checks send exactly the text they choose
 * (including malformed JSON and protocol violations) and see every message that comes back, in order.
 * Transports (stdio, Streamable HTTP, legacy SSE) only move text; correlation, logging of the transcript,
 * observers and the answers to server→client requests live here, once.
 */
import type { JsonObject, RequestId } from '@mcpwire/core';

/** One message (or non-message line) the server sent. */
export interface Received {
  readonly seq: number;
  /** Milliseconds since the wire opened. */
  readonly at: number;
  readonly raw: string;
  /** The parsed JSON value; undefined when `raw` is not JSON. */
  readonly value: unknown;
  /** Where it came from: `stdout`, `post`, `get`, `sse`. */
  readonly via: string;
  /** SSE event id, when it came in an SSE event that had one. */
  readonly eventId?: string | undefined;
}

export interface HttpInfo {
  readonly status: number;
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string;
  /** The body text when it was not an SSE stream (SSE events are delivered as messages). */
  readonly body: string;
  /** True when this HTTP response was the whole answer (a JSON body): nothing more will come for it. */
  readonly complete?: boolean;
}

export interface Exchange {
  readonly sent: string;
  /** The response whose id matches the request (loosely: `1` and `"1"` match, J01 judges the difference). */
  readonly response: JsonObject | undefined;
  /** Everything received from the send until the response (or the quiet period) ended. */
  readonly messages: readonly Received[];
  readonly http?: HttpInfo | undefined;
  readonly timedOut: boolean;
}

export interface ExchangeOptions {
  /** The request id whose response ends the exchange. Without it the exchange waits `quietMs`. */
  readonly expectId?: RequestId | undefined;
  readonly timeoutMs?: number;
  /** How long to listen after a message that expects no response. Default 250 ms. */
  readonly quietMs?: number;
  /** HTTP only: headers to add or (with value null) remove. */
  readonly headers?: Readonly<Record<string, string | null>>;
}

export type Observer = (message: Received, wire: Wire) => void;

/** How we answer a request the server sends us; the default refuses everything but ping. */
export type ServerRequestAnswer = (method: string, params: unknown) => JsonObject | { error: JsonObject };

interface Pending {
  readonly resolve: (message: JsonObject) => void;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_QUIET_MS = 250;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isResponse(value: unknown): value is JsonObject {
  return isObject(value) && !('method' in value) && ('result' in value || 'error' in value);
}

export function idKey(id: unknown): string {
  return String(id);
}

export abstract class Wire {
  abstract readonly transport: 'stdio' | 'http' | 'sse';
  readonly log: Received[] = [];
  /** Every text we sent, in order (evidence). */
  readonly sentLog: string[] = [];
  /** The exact id (with its type) and method of every request we sent, by loose id key. */
  readonly sentRequests = new Map<string, { id: RequestId; method: string }>();
  readonly #pending = new Map<string, Pending>();
  readonly #observers: Observer[] = [];
  readonly #started = Date.now();
  /** Resolves when the peer is gone (process exited, stream ended): exchanges stop waiting then. */
  readonly #gone: Promise<void>;
  #markGone: () => void = () => undefined;
  #nextId = 1;
  #seq = 0;
  answerServerRequest: ServerRequestAnswer = (method) =>
    method === 'ping' ? {} : { error: { code: -32601, message: `Method not found: ${method}` } };

  constructor() {
    this.#gone = new Promise((resolve) => {
      this.#markGone = resolve;
    });
  }

  /** Transports call this when the peer can send nothing more. */
  protected ended(): void {
    this.#markGone();
  }

  observe(observer: Observer): void {
    this.#observers.push(observer);
  }

  nextId(): number {
    return this.#nextId++;
  }

  /** Sends a request built from its parts and waits for its response. */
  request(
    method: string,
    params?: JsonObject,
    options: ExchangeOptions & { id?: RequestId } = {},
  ): Promise<Exchange> {
    const id = options.id ?? this.nextId();
    const message: JsonObject = { jsonrpc: '2.0', id, method };
    if (params !== undefined) message['params'] = params;
    return this.exchange(JSON.stringify(message), { ...options, expectId: id });
  }

  notify(method: string, params?: JsonObject, options: ExchangeOptions = {}): Promise<Exchange> {
    const message: JsonObject = { jsonrpc: '2.0', method };
    if (params !== undefined) message['params'] = params;
    return this.exchange(JSON.stringify(message), options);
  }

  /** Sends `text` as is. Requests it contains are remembered so their responses can be validated. */
  async exchange(text: string, options: ExchangeOptions = {}): Promise<Exchange> {
    this.#rememberRequests(text);
    const start = this.log.length;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let response: JsonObject | undefined;
    let timedOut = false;
    const answered =
      options.expectId === undefined
        ? undefined
        : new Promise<JsonObject>((resolve) => this.#pending.set(idKey(options.expectId), { resolve }));
    this.sentLog.push(text);
    let http: HttpInfo | undefined;
    try {
      http = await this.transmit(text, options, timeoutMs);
    } catch (error) {
      this.#pending.delete(idKey(options.expectId));
      throw error;
    }
    if (answered !== undefined && http?.complete === true && this.#pending.has(idKey(options.expectId))) {
      // The whole HTTP answer is in and it did not carry the response (e.g. a 4xx without an id).
      this.#pending.delete(idKey(options.expectId));
    } else if (answered !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(resolve, timeoutMs, undefined);
      });
      response = await Promise.race([answered, timeout, this.#gone.then(() => undefined)]);
      clearTimeout(timer);
      this.#pending.delete(idKey(options.expectId));
      timedOut = response === undefined;
    } else {
      await delay(options.quietMs ?? DEFAULT_QUIET_MS);
    }
    return { sent: text, response, messages: this.log.slice(start), http, timedOut };
  }

  /** Resolves with the first message (from now or already logged after `fromSeq`) that matches, or undefined. */
  async waitFor(
    match: (m: Received) => boolean,
    timeoutMs: number,
    fromSeq = 0,
  ): Promise<Received | undefined> {
    const deadline = Date.now() + timeoutMs;
    let checked = 0;
    while (true) {
      for (; checked < this.log.length; checked++) {
        const m = this.log[checked]!;
        if (m.seq >= fromSeq && match(m)) return m;
      }
      if (Date.now() >= deadline || this.closed) return undefined;
      await delay(20);
    }
  }

  /** Called by transports for every line/event received. */
  protected deliver(raw: string, via: string, eventId?: string): void {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
    const message: Received = { seq: this.#seq++, at: Date.now() - this.#started, raw, value, via, eventId };
    this.log.push(message);
    for (const observer of this.#observers) observer(message, this);
    if (isResponse(value)) {
      const key = idKey(value['id']);
      const pending = this.#pending.get(key);
      if (pending !== undefined) {
        this.#pending.delete(key);
        pending.resolve(value);
      }
    } else if (isObject(value) && typeof value['method'] === 'string' && 'id' in value) {
      this.#answer(value);
    }
  }

  #answer(request: JsonObject): void {
    const answer = this.answerServerRequest(request['method'] as string, request['params']);
    const reply =
      'error' in answer && isObject(answer['error']) && Object.keys(answer).length === 1
        ? { jsonrpc: '2.0', id: request['id'], error: answer['error'] }
        : { jsonrpc: '2.0', id: request['id'], result: answer };
    const text = JSON.stringify(reply);
    this.sentLog.push(text);
    this.transmit(text, { quietMs: 0 }, DEFAULT_TIMEOUT_MS).catch(() => undefined);
  }

  #rememberRequests(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isObject(item) && typeof item['method'] === 'string' && 'id' in item) {
        this.sentRequests.set(idKey(item['id']), { id: item['id'] as RequestId, method: item['method'] });
      }
    }
  }

  /** The ids (with their types) of our requests that are still waiting for a response. */
  pendingRequestIds(): RequestId[] {
    const ids: RequestId[] = [];
    for (const key of this.#pending.keys()) {
      const sent = this.sentRequests.get(key);
      if (sent !== undefined) ids.push(sent.id);
    }
    return ids;
  }

  /** The method of the request we sent with this (loose) id. */
  methodOf(id: unknown): string | undefined {
    return this.sentRequests.get(idKey(id))?.method;
  }

  /** Called once the handshake settled the revision (HTTP sends it in a header from then on). */
  negotiated(_revision: string): void {}

  abstract get closed(): boolean;
  /** Moves one text message to the server; HTTP returns what the POST got back. */
  protected abstract transmit(
    text: string,
    options: ExchangeOptions,
    timeoutMs: number,
  ): Promise<HttpInfo | undefined>;
  abstract close(): Promise<void>;

  /** Closes a connection nobody judges (a probe); transports with a slow careful close shorten it. */
  dispose(): Promise<void> {
    return this.close();
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
