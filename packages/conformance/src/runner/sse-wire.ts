/**
 * The server under test over the deprecated HTTP+SSE transport (2024-11-05): a GET stream whose first
 * event names the POST endpoint, and messages back as `message` events. What E01 needs is recorded:
 * the first event's type and every event type that followed.
 */
import { SseDecoder } from '@mcpwire/transports/http';
import { fetch } from 'undici';
import { type ExchangeOptions, type HttpInfo, Wire } from './wire.js';

export class SseWire extends Wire {
  readonly transport = 'sse' as const;
  firstEvent: { event: string; data: string } | undefined;
  endpoint: string | undefined;
  /** Event types other than `message` seen after the endpoint event. */
  readonly otherEvents: string[] = [];
  getStatus = 0;
  /** Status and body of every POST to the endpoint (E01: each valid message must be accepted). */
  readonly posts: { readonly status: number; readonly sent: string }[] = [];
  getContentType = '';
  readonly #controller = new AbortController();
  #closed = false;

  private constructor(
    readonly url: string,
    readonly baseHeaders: Readonly<Record<string, string>>,
  ) {
    super();
  }

  /** Opens the stream and waits (bounded) for the endpoint event. */
  static async connect(
    url: string,
    timeoutMs = 5000,
    baseHeaders: Readonly<Record<string, string>> = {},
  ): Promise<SseWire> {
    const wire = new SseWire(url, baseHeaders);
    const response = await fetch(url, {
      headers: { ...baseHeaders, accept: 'text/event-stream' },
      signal: wire.#controller.signal,
    });
    wire.getStatus = response.status;
    wire.getContentType = response.headers.get('content-type') ?? '';
    if (!wire.getContentType.startsWith('text/event-stream') || response.body === null) {
      await response.text().catch(() => '');
      return wire;
    }
    let gotEndpoint: () => void = () => undefined;
    const endpoint = new Promise<void>((resolve) => {
      gotEndpoint = resolve;
    });
    const decoder = new SseDecoder((event) => {
      if (wire.firstEvent === undefined) {
        wire.firstEvent = { event: event.event, data: event.data };
        if (event.event === 'endpoint') wire.endpoint = new URL(event.data.trim(), url).toString();
        gotEndpoint();
        return;
      }
      if (event.event !== 'message') wire.otherEvents.push(event.event);
      if (event.data !== '') wire.deliver(event.data, 'sse', event.id);
    });
    const body = response.body;
    (async () => {
      try {
        for await (const chunk of body) decoder.push(chunk);
      } catch {
        // Closed by us or cut by the server.
      }
      wire.#closed = true;
      wire.ended();
    })();
    await Promise.race([endpoint, new Promise((r) => setTimeout(r, timeoutMs))]);
    return wire;
  }

  get closed(): boolean {
    return this.#closed;
  }

  protected async transmit(
    text: string,
    _options: ExchangeOptions,
    timeoutMs: number,
  ): Promise<HttpInfo | undefined> {
    if (this.endpoint === undefined) return undefined;
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { ...this.baseHeaders, 'content-type': 'application/json' },
      body: text,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text().catch(() => '');
    this.posts.push({ status: response.status, sent: text });
    // Some servers answer an unreadable POST in its own body (e.g. 400 with -32700): that is an answer too.
    if ((response.headers.get('content-type') ?? '').startsWith('application/json') && body.trim() !== '') {
      this.deliver(body, 'post');
    }
    // Answers come on the GET stream; the POST's own status is judged by E01, not by the JSON-RPC checks.
    return undefined;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#controller.abort();
  }
}
