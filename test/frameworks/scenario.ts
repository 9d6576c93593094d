/**
 * The checks every runtime and framework recipe of docs/frameworks.md must pass, against the notes server
 * (examples/frameworks/src/server.ts) at one URL: a legacy session, an SSE answer, the GET stream (opens
 * at once, carries a notification caused by another request, is released when dropped and can be
 * reopened), DELETE, a stateless 2026-07-28 request, and our Client end to end.
 */
import { connectConfigured } from '@mcpwire/client/node';
import { SseDecoder, type SseEvent } from '@mcpwire/transports/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START_TIMEOUT_MS } from './recipe-process.js';

export interface Served {
  /** The MCP endpoint, e.g. http://127.0.0.1:1234/mcp. */
  url: string;
  stop(): Promise<void>;
}

const LEGACY = '2025-11-25';
const MODERN = '2026-07-28';
const ACCEPT = 'application/json, text/event-stream';
const decoder = new TextDecoder();

type Message = Record<string, unknown> & { id?: number; method?: string; result?: Record<string, unknown> };

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: ACCEPT, ...headers },
    body: JSON.stringify(body),
  });
}

export function call(
  id: number,
  name: string,
  args: Record<string, unknown>,
  meta?: Record<string, unknown>,
) {
  return {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name, arguments: args, ...(meta === undefined ? {} : { _meta: meta }) },
  };
}

/**
 * Reads SSE events from a body until `done` says so, within a time limit (generous: a loaded CI machine
 * may take seconds to schedule a runtime's process); returns the JSON messages.
 */
export async function readEvents(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  done: (message: Message) => boolean,
  timeoutMs = 20_000,
): Promise<Message[]> {
  const messages: Message[] = [];
  let finished = false;
  const sse = new SseDecoder((event: SseEvent) => {
    if (event.data === '' || finished) return;
    const message = JSON.parse(event.data) as Message;
    messages.push(message);
    if (done(message)) finished = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (!finished) {
    const left = deadline - Date.now();
    if (left <= 0)
      throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(messages)}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const chunk = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), left);
      }),
    ]).finally(() => clearTimeout(timer));
    if (chunk.done) break;
    sse.push(chunk.value);
  }
  return messages;
}

export function sessionHeaders(session: string): Record<string, string> {
  return { 'mcp-session-id': session, 'mcp-protocol-version': LEGACY };
}

/** Opens a legacy session and returns its id. */
export async function openSession(url: string): Promise<string> {
  const init = await post(url, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: LEGACY, capabilities: {}, clientInfo: { name: 'scenario', version: '1' } },
  });
  expect(init.status, await init.clone().text()).toBe(200);
  const session = init.headers.get('mcp-session-id');
  expect(session).toBeTruthy();
  const answer = (await init.json()) as Message;
  expect(answer.result?.serverInfo).toMatchObject({ name: 'notes' });
  const initialized = await post(
    url,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    sessionHeaders(session!),
  );
  expect(initialized.status).toBe(202);
  return session!;
}

/** Opens the session's GET stream and checks that it began at once with its opening comment. */
export async function openGetStream(url: string, session: string, signal: AbortSignal) {
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...sessionHeaders(session) },
    signal,
  });
  expect(response.status, response.status === 200 ? '' : await response.text()).toBe(200);
  return readOpening(response);
}

async function readOpening(response: Response) {
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = response.body!.getReader();
  // The stream opened with its opening comment, not a later keep-alive (Bun sends no headers until a
  // first byte, so without it the client would wait for the first keep-alive).
  const first = await reader.read();
  expect(decoder.decode(first.value)).toBe(': open\n\n');
  return reader;
}

/**
 * Reopens a GET stream whose connection the client just dropped. The server learns of the drop
 * asynchronously (a close event, a cancelled body, an aborted request signal, or a keep-alive found
 * unread), so a reopen racing it may get 409: like a client's reconnect, retry with a growing pause until
 * a deadline (generous, for a loaded machine). Answers the reader and how many attempts it took.
 */
export async function reopenGetStream(
  url: string,
  session: string,
  signal: AbortSignal,
  deadlineMs = 20_000,
) {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...sessionHeaders(session) },
      signal,
    });
    if (response.status === 200) return { reader: await readOpening(response), attempt };
    expect(response.status, await response.text()).toBe(409);
    if (Date.now() >= deadline)
      throw new Error(`the dropped GET stream was never released: 409 ${attempt} times in ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * attempt, 500)));
  }
}

/**
 * Registers the scenario's tests against a server started once for the file; `more` may add tests of its
 * own to the same group (they run before the server stops).
 */
export function describeServer(
  name: string,
  start: () => Promise<Served>,
  more?: (served: () => Served) => void,
): void {
  describe(name, () => {
    let served: Served;
    beforeAll(async () => {
      served = await start();
    }, START_TIMEOUT_MS + 30_000);
    afterAll(async () => {
      await served?.stop();
    });

    it('serves a legacy session: initialize, tools/list, a JSON tools/call', async () => {
      const session = await openSession(served.url);
      const list = await post(
        served.url,
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
        sessionHeaders(session),
      );
      const tools = ((await list.json()) as Message).result!.tools as Array<{ name: string }>;
      expect(tools.map((tool) => tool.name).sort()).toEqual(['add_note', 'countdown', 'echo']);
      const echoed = await post(served.url, call(3, 'echo', { text: 'hi' }), sessionHeaders(session));
      expect(echoed.headers.get('content-type')).toBe('application/json');
      expect(((await echoed.json()) as Message).result).toMatchObject({
        content: [{ type: 'text', text: 'hi' }],
      });
    });

    it('streams an answer as SSE: progress notifications, then the result', async () => {
      const session = await openSession(served.url);
      const answer = await post(
        served.url,
        call(2, 'countdown', { from: 3 }, { progressToken: 'p' }),
        sessionHeaders(session),
      );
      expect(answer.headers.get('content-type')).toBe('text/event-stream');
      const messages = await readEvents(answer.body!.getReader(), (message) => message.id === 2);
      expect(messages.map((message) => message.method ?? 'result')).toEqual([
        'notifications/progress',
        'notifications/progress',
        'notifications/progress',
        'result',
      ]);
      expect(messages[3]!.result).toMatchObject({ content: [{ type: 'text', text: 'lift-off' }] });
    });

    it('GET stream: opens at once, carries news from another request, is released when dropped, reopens', async () => {
      const session = await openSession(served.url);
      const first = new AbortController();
      const reader = await openGetStream(served.url, session, first.signal);
      const added = await post(served.url, call(2, 'add_note', { text: 'one' }), sessionHeaders(session));
      expect(((await added.json()) as Message).result).toMatchObject({
        content: [{ text: 'added note://1' }],
      });
      const news = await readEvents(
        reader,
        (message) => message.method === 'notifications/resources/list_changed',
      );
      expect(news.at(-1)!.method).toBe('notifications/resources/list_changed');

      // Drop the connection: the server must notice and free the slot, so a reopen is not refused (409).
      first.abort();
      await reader.cancel().catch(() => {});
      const second = new AbortController();
      const { reader: reopened } = await reopenGetStream(served.url, session, second.signal);
      await post(served.url, call(3, 'add_note', { text: 'two' }), sessionHeaders(session));
      const more = await readEvents(
        reopened,
        (message) => message.method === 'notifications/resources/list_changed',
      );
      expect(more.at(-1)!.method).toBe('notifications/resources/list_changed');
      second.abort();
    }, 60_000);

    it('DELETE ends the session; the id is unknown afterwards (404)', async () => {
      const session = await openSession(served.url);
      const deleted = await fetch(served.url, { method: 'DELETE', headers: sessionHeaders(session) });
      expect(deleted.status).toBe(200);
      const after = await post(
        served.url,
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
        sessionHeaders(session),
      );
      expect(after.status).toBe(404);
    });

    it('answers a stateless 2026-07-28 request without a session', async () => {
      const meta = {
        'io.modelcontextprotocol/protocolVersion': MODERN,
        'io.modelcontextprotocol/clientCapabilities': {},
      };
      const answer = await post(served.url, call(1, 'echo', { text: 'modern' }, meta), {
        'mcp-protocol-version': MODERN,
        'mcp-method': 'tools/call',
        'mcp-name': 'echo',
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('mcp-session-id')).toBeNull();
      expect(((await answer.json()) as Message).result).toMatchObject({ content: [{ text: 'modern' }] });
    });

    it('works with our Client end to end, in both eras', async () => {
      for (const revision of [undefined, LEGACY] as const) {
        let heard: (kind: string) => void = () => {};
        const listChanged = new Promise<string>((resolve) => {
          heard = resolve;
        });
        const client = await connectConfigured(
          { type: 'http', url: served.url },
          { ...(revision === undefined ? {} : { revision }), onListChanged: (kind) => heard(kind) },
        );
        try {
          expect(client.era).toBe(revision === undefined ? 'modern' : 'legacy');
          expect((await client.callTool('echo', { text: 'client' })).content).toEqual([
            { type: 'text', text: 'client' },
          ]);
          const progress: number[] = [];
          const result = await client.callTool(
            'countdown',
            { from: 2 },
            { onprogress: (update) => void progress.push(update.progress) },
          );
          expect(result.content).toEqual([{ type: 'text', text: 'lift-off' }]);
          expect(progress).toEqual([1, 2]);
          if (revision === LEGACY) {
            // A legacy session hears list changes on the GET stream the client keeps open.
            await client.callTool('add_note', { text: 'from the client' });
            expect(await listChanged).toBe('resources');
          }
        } finally {
          await client.close();
        }
      }
    }, 60_000);

    more?.(() => served);
  });
}
