import type { RequestId, Transport } from '@mcpwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createStreamableHttpHandler,
  InMemoryEventStore,
  type Listening,
  listen,
  type StreamableHttpHandlerOptions,
  type StreamableHttpServerTransport,
} from '../src/http/index.js';
import { attachEchoEngine, type EchoEngineRecord } from './http-helpers/echo-engine.js';
import { initializeBody, messagesOf, openSession, post, readSse } from './http-helpers/http-util.js';

let server: Listening | undefined;
const records: EchoEngineRecord[] = [];

async function start(options: Partial<StreamableHttpHandlerOptions> = {}): Promise<string> {
  const handler = createStreamableHttpHandler({
    connect: (transport) => {
      records.push(attachEchoEngine(transport, { onPoll: (t, id) => pollHook?.(t, id) }));
    },
    ...options,
  });
  currentHandler = handler;
  server = await listen({ handler });
  return `${server.url}/mcp`;
}
let currentHandler: ReturnType<typeof createStreamableHttpHandler> | undefined;
let pollHook: ((t: Transport, id: RequestId) => void) | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  records.length = 0;
  pollHook = undefined;
});

const call = (id: number, name: string, args: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args },
});

describe('Streamable HTTP server: legacy sessions', () => {
  it('issues a visible-ASCII session id on initialize and answers with JSON', async () => {
    const url = await start();
    const response = await post(url, initializeBody());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const id = response.headers.get('mcp-session-id')!;
    expect(id).toMatch(/^[\x21-\x7e]+$/);
    const body = (await response.json()) as { id: number; result: { protocolVersion: string } };
    expect(body.id).toBe(1);
    expect(body.result.protocolVersion).toBe('2025-06-18');
  });

  it('answers as SSE a POST whose Accept lists only text/event-stream, and 406 one that lists neither', async () => {
    const url = await start();
    const session = await openSession(url);
    const sseOnly = await post(url, call(2, 'echo', { text: 'streamed' }), {
      'mcp-session-id': session,
      accept: 'text/event-stream',
    });
    expect(sseOnly.status).toBe(200);
    expect(sseOnly.headers.get('content-type')).toBe('text/event-stream');
    expect(JSON.stringify(messagesOf(await readSse(sseOnly)))).toContain('streamed');
    const neither = await post(url, call(3, 'echo'), { 'mcp-session-id': session, accept: 'text/html' });
    expect(neither.status).toBe(406);
  });

  it('answers 202 with an empty body to notifications and responses', async () => {
    const url = await start();
    const session = await openSession(url);
    const r1 = await post(
      url,
      { jsonrpc: '2.0', method: 'notifications/roots/list_changed' },
      { 'mcp-session-id': session },
    );
    expect(r1.status).toBe(202);
    expect(await r1.text()).toBe('');
    const r2 = await post(url, { jsonrpc: '2.0', id: 'x', result: {} }, { 'mcp-session-id': session });
    expect(r2.status).toBe(202);
    expect(records[0]!.notifications.map((n) => n.method)).toContain('notifications/roots/list_changed');
  });

  it('gives 400 without a session id, 404 for an unknown one, and 404 after DELETE', async () => {
    const url = await start();
    const missing = await post(url, call(2, 'echo', { text: 'a' }));
    expect(missing.status).toBe(400);
    const unknown = await post(url, call(2, 'echo'), { 'mcp-session-id': 'nope' });
    expect(unknown.status).toBe(404);
    const session = await openSession(url);
    const ok = await post(url, call(2, 'echo', { text: 'hi' }), { 'mcp-session-id': session });
    expect(
      ((await ok.json()) as { result: { content: Array<{ text: string }> } }).result.content[0]!.text,
    ).toBe('hi');
    const del = await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': session } });
    expect(del.status).toBe(200);
    const after = await post(url, call(3, 'echo'), { 'mcp-session-id': session });
    expect(after.status).toBe(404);
  });

  it('rejects an unsupported MCP-Protocol-Version with 400 and accepts a missing one', async () => {
    const url = await start();
    const session = await openSession(url);
    const bad = await post(url, call(2, 'echo'), {
      'mcp-session-id': session,
      'mcp-protocol-version': '1999-01-01',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('1999-01-01');
    const none = await post(url, call(3, 'echo', { text: 'x' }), { 'mcp-session-id': session });
    expect(none.status).toBe(200);
  });

  it('streams progress and logs before the result as SSE on the request stream', async () => {
    const url = await start();
    const session = await openSession(url);
    const response = await post(url, call(7, 'progress', { steps: 2 }), { 'mcp-session-id': session });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const messages = messagesOf(await readSse(response));
    expect(messages.map((m) => m.method ?? 'result')).toEqual([
      'notifications/progress',
      'notifications/progress',
      'notifications/message',
      'result',
    ]);
    expect(messages[3]!.id).toBe(7);
  });

  it('forced JSON mode routes related notifications to the GET stream instead of dropping them', async () => {
    const url = await start({ responseMode: 'json' });
    const session = await openSession(url);
    const get = await fetch(url, { headers: { accept: 'text/event-stream', 'mcp-session-id': session } });
    const response = await post(url, call(7, 'progress', { steps: 1 }), { 'mcp-session-id': session });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(((await response.json()) as { id: number }).id).toBe(7);
    const events = messagesOf(await readSse(get, (_e, all) => all.length >= 2));
    expect(events.map((m) => m.method)).toEqual(['notifications/progress', 'notifications/message']);
  });

  it('carries a server→client request on the POST stream and takes its answer by POST', async () => {
    const url = await start();
    const session = await openSession(url);
    const response = await post(url, call(9, 'ask'), { 'mcp-session-id': session });
    const events: Array<Record<string, unknown>> = [];
    await readSse(response, (event) => {
      const message = JSON.parse(event.data) as Record<string, unknown>;
      events.push(message);
      if (message.method === 'roots/list') {
        void post(
          url,
          { jsonrpc: '2.0', id: message.id, result: { roots: [{ uri: 'file:///r' }] } },
          {
            'mcp-session-id': session,
          },
        );
      }
      return 'result' in message;
    });
    expect(events[0]!.method).toBe('roots/list');
    expect(JSON.stringify(events[1])).toContain('file:///r');
  });

  it('opens one GET stream per session (409 for a second) and sends unrelated messages there only', async () => {
    const url = await start();
    const session = await openSession(url);
    const headers = { accept: 'text/event-stream', 'mcp-session-id': session };
    const first = await fetch(url, { headers });
    expect(first.status).toBe(200);
    const second = await fetch(url, { headers });
    expect(second.status).toBe(409);
    const transport = currentHandler!.session(session)!;
    await transport.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    const events = messagesOf(await readSse(first, () => true));
    expect(events[0]!.method).toBe('notifications/tools/list_changed');
  });

  it('refuses batches after 2025-03-26 and answers them under 2025-03-26', async () => {
    const url = await start();
    const session = await openSession(url, '2025-03-26');
    const batch = [call(2, 'echo', { text: 'a' }), call(3, 'echo', { text: 'b' })];
    const refused = await post(url, batch, {
      'mcp-session-id': session,
      'mcp-protocol-version': '2025-06-18',
    });
    expect(refused.status).toBe(400);
    const ok = await post(url, batch, { 'mcp-session-id': session, 'mcp-protocol-version': '2025-03-26' });
    const body = (await ok.json()) as Array<{ id: number }>;
    expect(body.map((m) => m.id).sort()).toEqual([2, 3]);
  });

  it('answers malformed bodies 400/-32700, wrong shapes -32600, and oversized bodies 413', async () => {
    const url = await start({ maxBodyBytes: 1000 });
    const malformed = await post(url, '{"jsonrpc":');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: number } }).error.code).toBe(-32700);
    const shape = await post(url, { hello: 1 });
    expect(((await shape.json()) as { error: { code: number } }).error.code).toBe(-32600);
    const big = await post(url, { jsonrpc: '2.0', method: 'x', params: { pad: 'x'.repeat(5000) } });
    expect(big.status).toBe(413);
    const deep = await post(url, '['.repeat(100_000) + ']'.repeat(100_000));
    expect(deep.status).toBe(413);
  });

  it('enforces the session cap with 503', async () => {
    const url = await start({ maxSessions: 2 });
    await openSession(url);
    await openSession(url);
    const third = await post(url, initializeBody());
    expect(third.status).toBe(503);
    expect(currentHandler!.sessionCount).toBe(2);
  });

  it('expires idle sessions: 404 afterwards, and room for new ones', async () => {
    const url = await start({ sessionIdleTimeoutMs: 100, maxSessions: 1 });
    const a = await openSession(url);
    // Bounded wait: the sweep runs every ttl/4.
    for (let i = 0; i < 100 && currentHandler!.sessionCount > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(currentHandler!.sessionCount).toBe(0);
    const expired = await post(url, call(2, 'echo'), { 'mcp-session-id': a });
    expect(expired.status).toBe(404);
    const again = await post(url, initializeBody());
    expect(again.status).toBe(200);
  });

  it('stateless mode: no session ids, GET and DELETE get 405', async () => {
    const url = await start({ stateless: true });
    const init = await post(url, initializeBody());
    expect(init.status).toBe(200);
    expect(init.headers.get('mcp-session-id')).toBeNull();
    const echo = await post(url, call(2, 'echo', { text: 'stateless' }));
    expect(JSON.stringify(await echo.json())).toContain('stateless');
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('Streamable HTTP server: security', () => {
  it('refuses a foreign Origin and a non-loopback Host with 403, accepts localhost', async () => {
    const url = await start();
    const evil = await post(url, initializeBody(), { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    const ok = await post(url, initializeBody(), { origin: 'http://localhost:3000' });
    expect(ok.status).toBe(200);
    const port = new URL(url).port;
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/mcp',
          method: 'POST',
          headers: { host: `evil.example:${port}`, 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(initializeBody()));
    });
    expect(status).toBe(403);
  });

  it('CORS: preflight allows MCP headers and responses expose Mcp-Session-Id', async () => {
    const url = await start({ cors: { origin: ['http://localhost:5173'] } });
    const pre = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-headers': 'mcp-param-region' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('mcp-session-id');
    expect(pre.headers.get('access-control-allow-headers')).toContain('mcp-param-region');
    const res = await post(url, initializeBody(), { origin: 'http://localhost:5173' });
    expect(res.headers.get('access-control-expose-headers')).toContain('mcp-session-id');
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});

describe('Streamable HTTP server: resumability', () => {
  it('sends a priming event, resumes a server-closed stream with Last-Event-ID, replays only that stream', async () => {
    const store = new InMemoryEventStore();
    pollHook = (t, id) => (t as StreamableHttpServerTransport).closeRequestStream(id, { retryMs: 50 });
    const url = await start({ eventStore: store });
    const session = await openSession(url, '2025-11-25');
    const headers = { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' };
    // Another stream's traffic must not leak into the replay.
    const other = await post(url, call(3, 'progress', { steps: 1 }), headers);
    await readSse(other);
    const response = await post(url, call(4, 'poll', { ms: 50 }), headers);
    const first = await readSse(response);
    expect(first[0]!.data).toBe('');
    expect(first[0]!.id).toMatch(/:0$/);
    const retry = first.find((e) => e.retry !== undefined);
    expect(retry?.retry).toBe(50);
    const lastId = first.filter((e) => e.id !== undefined).at(-1)!.id!;
    expect(messagesOf(first).map((m) => (m.params as { data: string }).data)).toEqual(['before close']);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const resumed = await fetch(url, {
      headers: { ...headers, accept: 'text/event-stream', 'last-event-id': lastId },
    });
    expect(resumed.status).toBe(200);
    const rest = messagesOf(await readSse(resumed));
    expect(rest.map((m) => (m.method ? (m.params as { data: string }).data : 'result'))).toEqual([
      'after close',
      'result',
    ]);
    expect(rest[1]!.id).toBe(4);
    // Completed, the stream stays resumable for the retention window: the same resume gets it again.
    const again = await fetch(url, {
      headers: { ...headers, accept: 'text/event-stream', 'last-event-id': lastId },
    });
    expect(messagesOf(await readSse(again)).map((m) => m.id ?? 'note')).toEqual(['note', 4]);
  });

  it('refuses a Last-Event-ID from another session', async () => {
    const url = await start({ eventStore: new InMemoryEventStore() });
    const a = await openSession(url);
    const b = await openSession(url);
    const res = await fetch(url, {
      headers: { accept: 'text/event-stream', 'mcp-session-id': b, 'last-event-id': `${a}/0:0` },
    });
    expect(res.status).toBe(400);
  });
});
