/**
 * Raw Streamable HTTP traffic for session tests that must choose which process (URL) each request goes
 * to, with which bearer token: POSTs, an incremental SSE reader (read some events, keep the stream),
 * and opening a session.
 */
import { SseDecoder, type SseEvent } from '@mcpwire/transports/http';

export const ACCEPT_BOTH = 'application/json, text/event-stream';

export interface RawOptions {
  session?: string;
  token?: string;
  version?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function headersOf(options: RawOptions, accept: string): Record<string, string> {
  const headers: Record<string, string> = { accept, ...options.headers };
  if (options.session !== undefined) headers['mcp-session-id'] = options.session;
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.version !== undefined) headers['mcp-protocol-version'] = options.version;
  return headers;
}

export function rawPost(url: string, body: unknown, options: RawOptions = {}): Promise<Response> {
  const headers = headersOf(options, ACCEPT_BOTH);
  headers['content-type'] = 'application/json';
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: options.signal });
}

export function rawGet(url: string, options: RawOptions & { lastEventId?: string } = {}): Promise<Response> {
  const headers = headersOf(options, 'text/event-stream');
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  return fetch(url, { headers, signal: options.signal });
}

export function rawDelete(url: string, options: RawOptions = {}): Promise<Response> {
  return fetch(url, { method: 'DELETE', headers: headersOf(options, ACCEPT_BOTH) });
}

export const call = (id: number | string, name: string, args: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args },
});

/** initialize + initialized; returns the session id. */
export async function openRawSession(
  url: string,
  options: RawOptions & { capabilities?: Record<string, unknown> } = {},
): Promise<string> {
  const version = options.version ?? '2025-11-25';
  const response = await rawPost(
    url,
    {
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: version,
        capabilities: options.capabilities ?? {},
        clientInfo: { name: 'raw', version: '1' },
      },
    },
    options,
  );
  const text = await response.text();
  if (response.status !== 200) throw new Error(`initialize failed: ${response.status} ${text}`);
  const session = response.headers.get('mcp-session-id');
  if (session === null) throw new Error('initialize answered without Mcp-Session-Id');
  const note = await rawPost(
    url,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { ...options, session, version },
  );
  if (note.status !== 202) throw new Error(`initialized failed: ${note.status} ${await note.text()}`);
  return session;
}

/** Reads an SSE response in steps: `until` waits for an event, more can be read later. */
export class SseReader {
  readonly events: SseEvent[] = [];
  ended = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  private readonly decoder = new SseDecoder((event) => void this.events.push(event));

  constructor(response: Response) {
    if (response.body === null) throw new Error(`expected an SSE body, received status ${response.status}`);
    this.reader = response.body.getReader();
  }

  /** The JSON messages received so far (priming events left out). */
  get messages(): Array<Record<string, unknown>> {
    return this.events.filter((e) => e.data !== '').map((e) => JSON.parse(e.data) as Record<string, unknown>);
  }

  /** Reads until `check` holds for the messages so far, or the stream ends, or `timeoutMs` passes. */
  async until(check: (messages: Array<Record<string, unknown>>) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.messages)) {
      if (this.ended)
        throw new Error(`stream ended before the condition held: ${JSON.stringify(this.messages)}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(this.messages)}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), left);
      });
      // A read that lost the race is kept for the next call: its chunk must not be dropped. A cut
      // connection ends the stream as far as the reader is concerned.
      this.pending ??= this.reader.read().catch(() => ({ done: true, value: undefined }) as const);
      const read = await Promise.race([this.pending, timeout]);
      clearTimeout(timer);
      if (read === 'timeout') continue;
      this.pending = undefined;
      if (read.done) this.ended = true;
      else this.decoder.push(read.value);
    }
  }

  /** Reads to the end of the stream (within `timeoutMs`). */
  async toEnd(timeoutMs = 5000): Promise<Array<Record<string, unknown>>> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error(`stream still open after ${timeoutMs} ms`);
      await this.until(() => false, Math.max(1, deadline - Date.now())).catch((error: Error) => {
        if (!this.ended) throw error;
      });
    }
    return this.messages;
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }
}

/** The id of the last event that carried a message (what a client resumes after). */
export function lastMessageEventId(reader: SseReader): string {
  const withData = reader.events.filter((e) => e.data !== '' && e.id !== undefined);
  const id = withData.at(-1)?.id;
  if (id === undefined) throw new Error('no event with an id and data yet');
  return id;
}
