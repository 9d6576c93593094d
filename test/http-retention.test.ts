/**
 * Issue 13 item 5, server side (resumption lost results): a cutting TCP proxy drops the client's side of
 * a POST's SSE stream after its first progress message while the server's side stays open, so the server
 * believes it delivered the rest. The stream's events are kept for the retention window after its last
 * event, so the client's Last-Event-ID resume gets every message it missed, the result included: after
 * the request completed, and while it still runs (the resume replaces the connection the server still
 * thinks is open). An event store that cannot be reached during a resume gets 503 (retry), not the 400 of
 * a stream that does not exist.
 */
import { StoreUnavailableError } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import {
  createStreamableHttpHandler,
  InMemoryEventStore,
  type Listening,
  listen,
} from '@mcpwire/transports/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CuttingProxy } from './cutting-proxy.js';
import {
  call,
  lastMessageEventId,
  openRawSession,
  rawGet,
  rawPost,
  SseReader,
} from './helpers/raw-session.js';

/** The memory store, made unreachable on demand (as a shared store is when its server is down). */
class FlakyEventStore extends InMemoryEventStore {
  down = false;
  override tail(...args: Parameters<InMemoryEventStore['tail']>): ReturnType<InMemoryEventStore['tail']> {
    if (this.down) throw new StoreUnavailableError('event store unreachable (test): connection refused');
    return super.tail(...args);
  }
}

const events = new FlakyEventStore();
let listening: Listening;
let proxy: CuttingProxy;
let url: string;
/** Settles when the `steps` call of this id has returned its result (to the server's knowledge). */
const finished = new Map<string, () => void>();
const done = (id: string) => new Promise<void>((resolve) => finished.set(id, resolve));

beforeAll(async () => {
  const server = new McpServer({ name: 'retention', version: '1.0.0' });
  server.tool('steps', { description: 'four log steps, then a result' }, async (_args, ctx) => {
    for (let step = 1; step <= 4; step++) {
      await ctx.log('info', `step ${step} of ${String(ctx.requestId)}`);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    setTimeout(() => finished.get(String(ctx.requestId))?.(), 20);
    return `result of ${String(ctx.requestId)}`;
  });
  const handler = createStreamableHttpHandler({
    connect: async (t) => void (await server.connect(t)),
    eventStore: events,
  });
  listening = await listen({ handler });
  proxy = new CuttingProxy(Number(new URL(listening.url).port));
  url = `http://127.0.0.1:${await proxy.listen()}/mcp`;
});

afterAll(async () => {
  await proxy?.close();
  await listening?.close();
});

const logsOf = (messages: Array<Record<string, unknown>>) =>
  messages
    .filter((m) => m.method === 'notifications/message')
    .map((m) => (m.params as { data: string }).data);
const textOf = (message: Record<string, unknown> | undefined) =>
  ((message?.result as { content?: Array<{ text: string }> })?.content ?? [])[0]?.text;

/**
 * Starts `steps` through the proxy; the client's connection dies right after the first step arrives
 * (on a busy machine a later step may share its packet). Returns where to resume and what was received.
 */
async function callAndLoseConnection(session: string, id: string): Promise<{ from: string; got: string[] }> {
  proxy.arm(`step 1 of ${id}`, 'after', 'keep');
  const reader = new SseReader(await rawPost(url, call(id, 'steps'), { session }));
  await reader.until((messages) => logsOf(messages).length >= 1);
  await reader.toEnd();
  const got = logsOf(reader.messages);
  expect(got[0]).toBe(`step 1 of ${id}`);
  expect(reader.messages.some((m) => 'result' in m)).toBe(false);
  return { from: lastMessageEventId(reader), got };
}

const allSteps = (id: string) => [1, 2, 3, 4].map((step) => `step ${step} of ${id}`);

describe('a stream whose connection died unnoticed', () => {
  it('is resumable after the server completed it, result included', async () => {
    const session = await openRawSession(url);
    const completed = done('late');
    const lost = await callAndLoseConnection(session, 'late');
    await completed;
    const resumed = await rawGet(url, { session, lastEventId: lost.from });
    expect(resumed.status).toBe(200);
    const rest = await new SseReader(resumed).toEnd();
    expect([...lost.got, ...logsOf(rest)]).toEqual(allSteps('late'));
    expect(textOf(rest.at(-1))).toBe('result of late');
    expect(proxy.cuts).toBeGreaterThan(0);
  });

  it('is resumable while the server still writes it: the resume replaces the open connection', async () => {
    const session = await openRawSession(url);
    const lost = await callAndLoseConnection(session, 'early');
    const resumed = await rawGet(url, { session, lastEventId: lost.from });
    expect(resumed.status).toBe(200);
    const rest = await new SseReader(resumed).toEnd();
    expect([...lost.got, ...logsOf(rest)]).toEqual(allSteps('early'));
    expect(textOf(rest.at(-1))).toBe('result of early');
  });

  it('gets 503 while the event store is unreachable, then resumes once it is back', async () => {
    const session = await openRawSession(url);
    const completed = done('flaky');
    const lost = await callAndLoseConnection(session, 'flaky');
    await completed;
    events.down = true;
    try {
      const refused = await rawGet(url, { session, lastEventId: lost.from });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
        'event store unreachable',
      );
    } finally {
      events.down = false;
    }
    const resumed = await rawGet(url, { session, lastEventId: lost.from });
    expect(resumed.status).toBe(200);
    const rest = await new SseReader(resumed).toEnd();
    expect([...lost.got, ...logsOf(rest)]).toEqual(allSteps('flaky'));
    expect(textOf(rest.at(-1))).toBe('result of flaky');
  });
});
