/**
 * Two Streamable HTTP handlers sharing one memory store behave like two replicas of one server behind a
 * load balancer without stickiness (issue 12's session shape, before Redis): each has its own McpServer
 * (as another process would) and its own port. A session opened on A is served by B (hydration);
 * an elicitation made on A is answered by a POST to B; a cancellation POSTed to B stops the request
 * running on A; B's GET stream carries what A sends; a Last-Event-ID resume on B replays and follows a
 * stream A writes; DELETE on B ends the session on A. And B, once it holds the session, serves it
 * without reading the store again.
 */
import { McpServer } from '@mcpwire/server';
import {
  createMemoryStore,
  createStreamableHttpHandler,
  type Listening,
  listen,
  type ServerStore,
  type SessionStore,
  type StreamableHttpHandler,
} from '@mcpwire/transports/http';
import { createSseHandler } from '@mcpwire/transports/sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  lastMessageEventId,
  openRawSession,
  rawDelete,
  rawGet,
  rawPost,
  SseReader,
} from './helpers/raw-session.js';

interface Replica {
  name: string;
  server: McpServer;
  handler: StreamableHttpHandler;
  listening: Listening;
  url: string;
  /** Requests aborted on this replica (tool `slow`), by request id. */
  cancelled: Array<string | number>;
}

/** Counts the session store calls, to show that a hydrated session is served from the local cache. */
function counting(sessions: SessionStore): { store: SessionStore; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const store = new Proxy(sessions, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(name)] = (calls[String(name)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, calls };
}

async function startReplica(name: string, store: ServerStore): Promise<Replica> {
  const server = new McpServer({ name, version: '1.0.0' });
  const cancelled: Array<string | number> = [];
  server.tool('where', { description: 'names the replica that ran it' }, () => name);
  server.tool('ask', { description: 'elicits a name' }, async (_args, ctx) => {
    const answer = await ctx.elicit({
      message: 'Your name?',
      requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    });
    return `${name} heard ${String(answer.content?.name)}`;
  });
  server.tool('slow', { description: 'waits until cancelled' }, async (_args, ctx) => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        cancelled.push(ctx.requestId);
        resolve();
      });
    });
    return 'slow done';
  });
  server.tool('steps', { description: 'logs four steps, 80 ms apart' }, async (_args, ctx) => {
    for (let step = 1; step <= 4; step++) {
      await ctx.log('info', `step ${step}`);
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    return `${name} stepped`;
  });
  const handler = createStreamableHttpHandler({
    connect: async (transport) => void (await server.connect(transport)),
    store,
  });
  const listening = await listen({ handler });
  return { name, server, handler, listening, url: `${listening.url}/mcp`, cancelled };
}

const textOf = (message: Record<string, unknown> | undefined): string =>
  ((message?.result as { content?: Array<{ text: string }> })?.content ?? [])[0]?.text ??
  JSON.stringify(message);

let a: Replica;
let b: Replica;
let calls: Record<string, number>;
const base = createMemoryStore();

beforeAll(async () => {
  const counted = counting(base.sessions);
  calls = counted.calls;
  // B sees the same store through a counting view; A uses it directly.
  a = await startReplica('replica-a', base);
  b = await startReplica('replica-b', { sessions: counted.store, events: base.events, bus: base.bus });
});

afterAll(async () => {
  await a?.listening.close();
  await b?.listening.close();
  await base.close!();
});

describe('two handlers sharing one memory store act as replicas', () => {
  it('serves on B a session opened on A, restoring its state, then without further store reads', async () => {
    const session = await openRawSession(a.url, { version: '2025-06-18' });
    expect(a.handler.sessionCount).toBeGreaterThan(0);
    const viaB = await rawPost(b.url, call(1, 'where'), { session, version: '2025-06-18' });
    expect(viaB.status).toBe(200);
    expect(textOf(await viaB.json())).toBe('replica-b');
    expect(b.handler.session(session)).toBeDefined();
    // State set on A reaches B's engine: logging/setLevel error silences B's info logs.
    const level = await rawPost(
      a.url,
      { jsonrpc: '2.0', id: 2, method: 'logging/setLevel', params: { level: 'error' } },
      { session },
    );
    expect(level.status).toBe(200);
    const quiet = await rawPost(b.url, call(2, 'steps'), { session, version: '2025-06-18' });
    expect(quiet.headers.get('content-type')).toContain('application/json');
    expect(textOf(await quiet.json())).toBe('replica-b stepped');
    const gets = calls.get ?? 0;
    for (let id = 3; id < 23; id++) {
      const response = await rawPost(b.url, call(id, 'where'), { session, version: '2025-06-18' });
      expect(textOf(await response.json())).toBe('replica-b');
    }
    expect(calls.get ?? 0).toBe(gets);
    // At most a touch or two (rate-limited) for twenty requests.
    expect(calls.touch ?? 0).toBeLessThanOrEqual(2);
  });

  it('routes the answer to an elicitation made on A, POSTed to B, back to A', async () => {
    const session = await openRawSession(a.url, { capabilities: { elicitation: {} } });
    const asked = await rawPost(a.url, call(1, 'ask'), { session, version: '2025-11-25' });
    const stream = new SseReader(asked);
    await stream.until((messages) => messages.some((m) => m.method === 'elicitation/create'));
    const request = stream.messages.find((m) => m.method === 'elicitation/create')!;
    expect(request.id).toMatch(/^[A-Za-z0-9_-]{16}-/);
    const answered = await rawPost(
      b.url,
      { jsonrpc: '2.0', id: request.id, result: { action: 'accept', content: { name: 'Ada' } } },
      { session, version: '2025-11-25' },
    );
    expect(answered.status).toBe(202);
    await stream.until((messages) => messages.some((m) => m.id === 1));
    expect(textOf(stream.messages.find((m) => m.id === 1))).toBe('replica-a heard Ada');
    await stream.cancel();
  });

  it('delivers a cancellation POSTed to B to the request running on A', async () => {
    const session = await openRawSession(a.url);
    const aborted = new AbortController();
    const running = rawPost(a.url, call('slow-1', 'slow'), { session, signal: aborted.signal }).catch(
      () => undefined,
    );
    // The request is running on A once A's tool is waiting; poll for it (bounded).
    for (let i = 0; i < 100 && a.server.sessions.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    const cancel = await rawPost(
      b.url,
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'slow-1', reason: 'user' } },
      { session, version: '2025-11-25' },
    );
    expect(cancel.status).toBe(202);
    for (let i = 0; i < 100 && !a.cancelled.includes('slow-1'); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(a.cancelled).toContain('slow-1');
    expect(b.cancelled).not.toContain('slow-1');
    aborted.abort();
    await running;
  });

  it('carries what A sends on the GET stream B holds', async () => {
    const session = await openRawSession(a.url);
    const get = await rawGet(b.url, { session, version: '2025-11-25' });
    expect(get.status).toBe(200);
    const stream = new SseReader(get);
    // A learns of a new tool and tells its sessions (this one is live on A: it was opened there).
    a.server.tool('late', { description: 'added later' }, () => 'late');
    await stream.until((messages) => messages.some((m) => m.method === 'notifications/tools/list_changed'));
    // One GET stream per session across replicas: a second one on A replaces B's.
    const again = await rawGet(a.url, { session, version: '2025-11-25' });
    expect(again.status).toBe(200);
    await stream.toEnd();
    await again.body?.cancel();
  });

  it('closes a shared GET stream server-side with a retry, and reopens it where it stopped', async () => {
    const session = await openRawSession(a.url);
    const stream = new SseReader(await rawGet(b.url, { session, version: '2025-11-25' }));
    a.server.tool('later-1', { description: 'added later' }, () => 'later');
    await stream.until((messages) => messages.some((m) => m.method === 'notifications/tools/list_changed'));
    expect(b.handler.session(session)!.closeStandaloneStream({ retryMs: 20 })).toBe(true);
    await stream.toEnd();
    expect(stream.events.at(-1)?.retry).toBe(20);
    // Sent while no GET stream was open; the next one (on A this time) starts where B's stopped.
    a.server.tool('later-2', { description: 'added later' }, () => 'later');
    const reopened = new SseReader(await rawGet(a.url, { session, version: '2025-11-25' }));
    await reopened.until((messages) => messages.some((m) => m.method === 'notifications/tools/list_changed'));
    expect(reopened.messages.filter((m) => m.method === 'notifications/tools/list_changed')).toHaveLength(1);
    await reopened.cancel();
  });

  it('resumes on B, with Last-Event-ID, a stream A writes, and follows it until it completes', async () => {
    const session = await openRawSession(a.url);
    const cut = new AbortController();
    const posted = await rawPost(a.url, call(7, 'steps'), {
      session,
      version: '2025-11-25',
      signal: cut.signal,
    });
    const first = new SseReader(posted);
    await first.until((messages) => messages.some((m) => m.method === 'notifications/message'));
    const resumeFrom = lastMessageEventId(first);
    cut.abort();
    const resumed = await rawGet(b.url, { session, version: '2025-11-25', lastEventId: resumeFrom });
    expect(resumed.status).toBe(200);
    const rest = await new SseReader(resumed).toEnd();
    const logs = rest
      .filter((m) => m.method === 'notifications/message')
      .map((m) => (m.params as { data: string }).data);
    // Everything after the last event the client received, exactly once (a busy machine may have
    // delivered more than step 1 before the cut).
    const before = first.messages
      .filter((m) => m.method === 'notifications/message')
      .map((m) => (m.params as { data: string }).data);
    expect([...before, ...logs]).toEqual(['step 1', 'step 2', 'step 3', 'step 4']);
    expect(textOf(rest.at(-1))).toBe('replica-a stepped');
  });

  it('ends the session on A when B gets its DELETE', async () => {
    const session = await openRawSession(a.url);
    expect(a.handler.session(session)).toBeDefined();
    const deleted = await rawDelete(b.url, { session });
    expect(deleted.status).toBe(200);
    for (let i = 0; i < 100 && a.handler.session(session) !== undefined; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(a.handler.session(session)).toBeUndefined();
    expect((await rawPost(a.url, call(1, 'where'), { session })).status).toBe(404);
    expect((await rawPost(b.url, call(1, 'where'), { session })).status).toBe(404);
  });
});

describe('legacy HTTP+SSE handlers sharing one store', () => {
  it('forwards a POST to /messages on B to the stream A holds; an unknown session gets 404 there', async () => {
    const store = createMemoryStore();
    const server = new McpServer({ name: 'sse-a', version: '1.0.0' });
    const sseA = createSseHandler({ connect: async (t) => void (await server.connect(t)), store });
    const sseB = createSseHandler({ connect: async (t) => void (await server.connect(t)), store });
    const onA = await listen({ handler: sseA });
    const onB = await listen({ handler: sseB });
    try {
      const opened = await fetch(`${onA.url}/sse`, { headers: { accept: 'text/event-stream' } });
      const reader = opened.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      const endpoint = first.split('\n')[1]!.slice('data: '.length);
      const initialize = {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 'c', version: '1' } },
      };
      const viaB = await fetch(`${onB.url}${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(initialize),
      });
      expect(viaB.status).toBe(202);
      const answer = new TextDecoder().decode((await reader.read()).value);
      expect(answer).toContain('"serverInfo":{"name":"sse-a"');
      expect(sseB.sessionCount).toBe(0);
      const unknown = await fetch(`${onB.url}/messages?sessionId=nope`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(initialize),
      });
      expect(unknown.status).toBe(404);
      await reader.cancel();
      for (let i = 0; i < 100 && sseA.sessionCount > 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(sseA.sessionCount).toBe(0);
    } finally {
      await onA.close();
      await onB.close();
    }
  });
});
