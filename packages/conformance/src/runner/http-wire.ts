/**
 * The server under test over Streamable HTTP, seen raw: every POST's status, headers and body, SSE events
 * with their ids, and the GET stream. Session id and MCP-Protocol-Version headers are added like a
 * well-behaved client would, and each exchange may override or remove any header to probe the server.
 */
import { encodeHeaderValue, SseDecoder } from '@mcpwire/transports/http';
import { fetch } from 'undici';
import { type ExchangeOptions, type HttpInfo, Wire } from './wire.js';

const ACCEPT_POST = 'application/json, text/event-stream';
const NAMED: Readonly<Record<string, 'name' | 'uri'>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
};
const META_PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';

/** One POST as the transport checks see it. */
export interface PostRecord {
  /** What the body was: a request, a notification, a response, or something else. */
  readonly kind: 'request' | 'notification' | 'response' | 'other';
  readonly method: string | undefined;
  readonly status: number;
  readonly contentType: string;
  readonly bodyLength: number;
  readonly sent: string;
}

function headersOf(headers: {
  forEach(cb: (value: string, key: string) => void): void;
}): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}

function kindOf(value: unknown): PostRecord['kind'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'other';
  const v = value as Record<string, unknown>;
  if (typeof v['method'] === 'string') return 'id' in v ? 'request' : 'notification';
  return 'result' in v || 'error' in v ? 'response' : 'other';
}

export class HttpWire extends Wire {
  readonly transport = 'http' as const;
  sessionId: string | undefined;
  /** The session id exactly as the InitializeResult's response header carried it (H06). */
  initSessionHeader: string | undefined;
  protocolVersion: string | undefined;
  readonly posts: PostRecord[] = [];
  /** SSE event id → the stream it first came on (H15). */
  readonly eventIds = new Map<string, string>();
  readonly duplicateEventIds: string[] = [];
  readonly #streams = new Set<AbortController>();
  #streamCount = 0;
  #closed = false;

  /** Headers every request carries (the --token Authorization), before per-request overrides. */
  readonly baseHeaders: Readonly<Record<string, string>>;

  constructor(
    readonly url: string,
    baseHeaders: Readonly<Record<string, string>> = {},
  ) {
    super();
    this.baseHeaders = baseHeaders;
  }

  get closed(): boolean {
    return this.#closed;
  }

  override negotiated(revision: string): void {
    this.protocolVersion = revision;
  }

  /** Headers a well-behaved client sends with this body, before the exchange's overrides. */
  #headersFor(value: unknown, overrides: ExchangeOptions['headers']): Record<string, string> {
    const headers: Record<string, string> = {
      ...this.baseHeaders,
      'content-type': 'application/json',
      accept: ACCEPT_POST,
    };
    if (this.sessionId !== undefined) headers['mcp-session-id'] = this.sessionId;
    if (this.protocolVersion !== undefined) headers['mcp-protocol-version'] = this.protocolVersion;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const v = value as Record<string, unknown>;
      const params = v['params'] as Record<string, unknown> | undefined;
      const meta = params?.['_meta'] as Record<string, unknown> | undefined;
      const version = meta?.[META_PROTOCOL_VERSION];
      if (typeof version === 'string' && typeof v['method'] === 'string') {
        // 2026-07-28: the version, method and name travel in headers too (streamable-http §Standard Request Headers).
        headers['mcp-protocol-version'] = version;
        headers['mcp-method'] = v['method'];
        const key = NAMED[v['method']];
        const name = key === undefined ? undefined : params?.[key];
        if (typeof name === 'string') headers['mcp-name'] = encodeHeaderValue(name);
      }
    }
    for (const [key, val] of Object.entries(overrides ?? {})) {
      if (val === null) delete headers[key.toLowerCase()];
      else headers[key.toLowerCase()] = val;
    }
    return headers;
  }

  protected async transmit(
    text: string,
    options: ExchangeOptions,
    timeoutMs: number,
  ): Promise<HttpInfo | undefined> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs + 1000);
    const response = await fetch(this.url, {
      method: 'POST',
      headers: this.#headersFor(value, options.headers),
      body: text,
      signal: controller.signal,
    }).catch((error: unknown) => {
      clearTimeout(timer);
      throw error;
    });
    const headers = headersOf(response.headers);
    const contentType = headers['content-type'] ?? '';
    const isInitialize = kindOf(value) === 'request' && (value as { method: string }).method === 'initialize';
    const session = headers['mcp-session-id'];
    if (isInitialize && session !== undefined && options.headers?.['mcp-session-id'] === undefined) {
      if (this.sessionId === undefined && response.status < 300) {
        this.sessionId = session;
        this.initSessionHeader = session;
      }
    }
    const record = (bodyLength: number) =>
      this.posts.push({
        kind: kindOf(value),
        method: (value as { method?: string } | undefined)?.method,
        status: response.status,
        contentType,
        bodyLength,
        sent: text,
      });
    if (contentType.startsWith('text/event-stream') && response.body !== null) {
      record(-1);
      this.#readSse(response.body, 'post', controller, timer);
      return { status: response.status, headers, contentType, body: '' };
    }
    const body = await response.text().finally(() => clearTimeout(timer));
    record(body.length);
    if (body.trim() !== '') this.deliver(body, 'post');
    return { status: response.status, headers, contentType, body, complete: true };
  }

  /** Opens the GET stream; events are delivered with via `get`. */
  async openGet(
    headers: Record<string, string | null> = {},
  ): Promise<{ status: number; headers: Record<string, string>; close: () => void }> {
    const controller = new AbortController();
    const base: Record<string, string> = { ...this.baseHeaders, accept: 'text/event-stream' };
    if (this.sessionId !== undefined) base['mcp-session-id'] = this.sessionId;
    if (this.protocolVersion !== undefined) base['mcp-protocol-version'] = this.protocolVersion;
    for (const [k, v] of Object.entries(headers)) {
      if (v === null) delete base[k];
      else base[k] = v;
    }
    const timer = setTimeout(() => controller.abort(), 5000);
    const response = await fetch(this.url, { method: 'GET', headers: base, signal: controller.signal });
    const responseHeaders = headersOf(response.headers);
    if ((responseHeaders['content-type'] ?? '').startsWith('text/event-stream') && response.body !== null) {
      clearTimeout(timer);
      this.#readSse(response.body, 'get', controller, undefined);
    } else {
      await response.text().catch(() => '');
      clearTimeout(timer);
    }
    return { status: response.status, headers: responseHeaders, close: () => controller.abort() };
  }

  /**
   * A request outside the JSON-RPC flow (DELETE, foreign headers). An SSE answer is read only up to its
   * first JSON-RPC response, since servers may keep such streams open.
   */
  async raw(method: string, headers: Record<string, string>, body?: string): Promise<HttpInfo> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 5000);
    const response = await fetch(this.url, {
      method,
      headers: { ...this.baseHeaders, ...headers },
      ...(body === undefined ? {} : { body }),
      signal: controller.signal,
    }).finally(() => clearTimeout(timer));
    const text = (response.headers.get('content-type') ?? '').startsWith('text/event-stream')
      ? await firstSseResponse(response.body, controller)
      : await response.text().catch(() => '');
    const responseHeaders = headersOf(response.headers);
    return {
      status: response.status,
      headers: responseHeaders,
      contentType: responseHeaders['content-type'] ?? '',
      body: text,
    };
  }

  #readSse(
    body: AsyncIterable<Uint8Array>,
    via: string,
    controller: AbortController,
    timer: NodeJS.Timeout | undefined,
  ): void {
    const stream = `${via}#${++this.#streamCount}`;
    this.#streams.add(controller);
    const decoder = new SseDecoder((event) => {
      if (event.id !== undefined && event.id !== '') {
        const first = this.eventIds.get(event.id);
        if (first === undefined) this.eventIds.set(event.id, stream);
        else if (first !== stream) this.duplicateEventIds.push(`${event.id} on ${first} and ${stream}`);
      }
      if (event.data !== '') this.deliver(event.data, via, event.id);
    });
    (async () => {
      try {
        for await (const chunk of body) decoder.push(chunk);
      } catch {
        // Aborted or cut: what arrived was delivered.
      } finally {
        if (timer !== undefined) clearTimeout(timer);
        this.#streams.delete(controller);
      }
    })();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const controller of this.#streams) controller.abort();
    this.#streams.clear();
    if (this.sessionId !== undefined) {
      await this.raw('DELETE', {
        'mcp-session-id': this.sessionId,
        ...(this.protocolVersion ? { 'mcp-protocol-version': this.protocolVersion } : {}),
      }).catch(() => undefined);
    }
  }
}

const RESPONSE_MEMBER = /"(result|error)"/;

/** Reads an SSE body until its first JSON-RPC response (or 5 s), then aborts it; returns that event's data. */
async function firstSseResponse(
  body: AsyncIterable<Uint8Array> | null,
  controller: AbortController,
): Promise<string> {
  if (body === null) return '';
  let found = '';
  const decoder = new SseDecoder((event) => {
    if (found === '' && RESPONSE_MEMBER.test(event.data)) found = event.data;
  });
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    for await (const chunk of body) {
      decoder.push(chunk);
      if (found !== '') break;
    }
  } catch {
    // Aborted: return what was found.
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return found;
}
