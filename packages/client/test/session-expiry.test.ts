/**
 * A legacy Streamable HTTP session that the server forgets (404): our Client over our HTTP transport starts
 * a new session with a new initialize and retries the failed call once (2025-11-25 §Session Management),
 * with our McpServer behind our handler over real sockets.
 */
import { Client } from '@mcpwire/client';
import { connectConfigured } from '@mcpwire/client/node';
import { McpServer } from '@mcpwire/server';
import {
  createStreamableHttpHandler,
  type Listening,
  listen,
  type ResponseMode,
  SessionExpiredError,
  SessionRestartError,
  type StreamableHttpClientOptions,
  StreamableHttpClientTransport,
} from '@mcpwire/transports/http';
import { afterEach, describe, expect, it } from 'vitest';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

interface Started {
  url: string;
  server: McpServer;
  /** Session ids in the order the server issued them. */
  sessionIds: string[];
  handler: ReturnType<typeof createStreamableHttpHandler>;
  /** How many transports the server attached: one per session. */
  sessions: () => number;
  /** Make the server refuse new sessions (503 for a POST without a session id), or stop doing so. */
  refuseNewSessions: (refuse: boolean) => void;
  /** Delay the answer to POSTs without a session id (new sessions) by this many ms. */
  slowNewSessions: (ms: number) => void;
}

async function startServer(responseMode: ResponseMode = 'auto'): Promise<Started> {
  const server = new McpServer({ name: 'expiry', version: '1.0.0' });
  server.tool(
    'echo',
    { description: 'Echoes', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } },
    (args) => String((args as { text?: string }).text ?? ''),
  );
  server.resource('clock', 'test://clock', {}, () => 'tick');
  server.tool('noisy', { description: 'Logs at two levels' }, async (_args, ctx) => {
    await ctx.log('info', 'detail');
    await ctx.log('error', 'problem');
    return 'logged';
  });
  let connects = 0;
  const sessionIds: string[] = [];
  let refusing = false;
  const handler = createStreamableHttpHandler({
    responseMode,
    connect: async (transport) => {
      connects++;
      if (transport.sessionId !== undefined) sessionIds.push(transport.sessionId);
      await server.connect(transport);
    },
  });
  let delayMs = 0;
  const listening: Listening = await listen({
    handler: async (request) => {
      const opening = request.method === 'POST' && !request.headers.has('mcp-session-id');
      if (opening && refusing) return new Response('maintenance', { status: 503 });
      if (opening && delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return handler(request);
    },
  });
  cleanups.push(() => listening.close());
  cleanups.push(() => server.close());
  return {
    url: `${listening.url}/mcp`,
    server,
    sessionIds,
    handler,
    sessions: () => connects,
    refuseNewSessions: (refuse) => {
      refusing = refuse;
    },
    slowNewSessions: (ms) => {
      delayMs = ms;
    },
  };
}

async function connect(
  url: string,
  options: StreamableHttpClientOptions = {},
): Promise<{ client: Client; transport: StreamableHttpClientTransport }> {
  const transport = new StreamableHttpClientTransport(url, options);
  // Pinned to a legacy revision: 2026-07-28 has no sessions to expire.
  const client = new Client({ name: 'expiry-test', version: '0' }, { revision: '2025-11-25' });
  await client.connect(transport);
  cleanups.push(() => client.close());
  return { client, transport };
}

function textOf(result: { content?: unknown }): string {
  const content = result.content as Array<{ type: string; text?: string }>;
  return content.map((block) => block.text ?? '').join('');
}

async function expireSession(started: Started, id: string): Promise<void> {
  const session = started.handler.session(id);
  expect(session).toBeDefined();
  await session!.close();
  expect(started.handler.session(id)).toBeUndefined();
}

/** Notifies until the client saw an update (bounded: 40 rounds of 25 ms). */
async function updateArrives(started: Started, updates: string[]): Promise<boolean> {
  const before = updates.length;
  for (let round = 0; round < 40 && updates.length === before; round++) {
    started.server.notifyResourceUpdated('test://clock');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return updates.length > before;
}

describe('Client over Streamable HTTP when the server forgets the session', () => {
  it('starts a new session with initialize and retries the failed call once', async () => {
    const started = await startServer();
    const expired: string[] = [];
    const restarted: Array<[string, string | undefined]> = [];
    const { client, transport } = await connect(started.url, {
      onSessionExpired: (id) => expired.push(id),
      onSessionRestarted: (old, fresh) => restarted.push([old, fresh]),
    });
    expect(textOf(await client.callTool('echo', { text: 'before' }))).toBe('before');
    const first = transport.sessionId!;
    await expireSession(started, first);

    expect(textOf(await client.callTool('echo', { text: 'after' }))).toBe('after');
    const second = transport.sessionId;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(started.handler.session(second!)).toBeDefined();
    expect(expired).toEqual([first]);
    expect(restarted).toEqual([[first, second]]);
    expect(started.sessions()).toBe(2);
    expect(client.revision).toBe('2025-11-25');
    // The new session keeps working for later calls.
    expect(textOf(await client.callTool('echo', { text: 'later' }))).toBe('later');
    expect(started.sessions()).toBe(2);
  });

  it('opens one new session for many calls that meet the 404 at once', async () => {
    const started = await startServer();
    const { client, transport } = await connect(started.url);
    await client.ping();
    await expireSession(started, transport.sessionId!);
    const texts = Array.from({ length: 8 }, (_, i) => `call-${i}`);
    const results = await Promise.all(texts.map((text) => client.callTool('echo', { text })));
    expect(results.map(textOf)).toEqual(texts);
    expect(started.sessions()).toBe(2);
    expect(started.handler.sessionCount).toBe(1);
  });

  it('holds calls made while the new session is being opened until it has an id', async () => {
    const started = await startServer();
    let expiredSeen: () => void = () => {};
    const seen = new Promise<void>((resolve) => {
      expiredSeen = resolve;
    });
    const { client, transport } = await connect(started.url, { onSessionExpired: () => expiredSeen() });
    await client.ping();
    await expireSession(started, transport.sessionId!);
    started.slowNewSessions(150);
    const first = client.callTool('echo', { text: 'first' });
    await seen; // the restart has begun and is held up by the slow server
    const second = client.callTool('echo', { text: 'second' });
    expect((await Promise.all([first, second])).map(textOf)).toEqual(['first', 'second']);
    expect(started.sessions()).toBe(2);
  });

  it('reads the new initialize answer from an SSE response', async () => {
    const started = await startServer('sse');
    const { client, transport } = await connect(started.url);
    expect(textOf(await client.callTool('echo', { text: 'one' }))).toBe('one');
    const first = transport.sessionId!;
    await expireSession(started, first);
    expect(textOf(await client.callTool('echo', { text: 'two' }))).toBe('two');
    expect(transport.sessionId).not.toBe(first);
    expect(started.sessions()).toBe(2);
  });

  it('fails the call with SessionExpiredError when restarts are turned off', async () => {
    const started = await startServer();
    const { client, transport } = await connect(started.url, { restartExpiredSessions: false });
    await client.ping();
    await expireSession(started, transport.sessionId!);
    await expect(client.callTool('echo', { text: 'x' })).rejects.toBeInstanceOf(SessionExpiredError);
    expect(started.sessions()).toBe(1);
  });

  it('fails the call with a clear error when the server refuses the new session, and retries on the next call', async () => {
    const started = await startServer();
    const { client, transport } = await connect(started.url);
    await client.ping();
    started.refuseNewSessions(true);
    await expireSession(started, transport.sessionId!);
    const failure = await client.callTool('echo', { text: 'x' }).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure).toBeInstanceOf(SessionRestartError);
    expect(failure?.message).toMatch(/expected 2xx for the new initialize, received 503 maintenance/);
    // Once the server takes new sessions again, the next call opens one instead of going without an id.
    started.refuseNewSessions(false);
    expect(textOf(await client.callTool('echo', { text: 'recovered' }))).toBe('recovered');
    expect(started.sessions()).toBe(2);
  });

  it('restores resource subscriptions and the logging level on the new session (connectConfigured)', async () => {
    const started = await startServer();
    const updates: string[] = [];
    const levels: string[] = [];
    const client = await connectConfigured(
      { type: 'http', url: started.url },
      {
        revision: '2025-11-25',
        onResourceUpdated: (uri) => updates.push(uri),
        onLog: (params) => levels.push(params.level),
      },
    );
    cleanups.push(() => client.close());
    await client.subscribeResource('test://clock');
    await client.setLoggingLevel('error');
    expect(await updateArrives(started, updates)).toBe(true);
    expect(started.sessionIds).toHaveLength(1);
    await expireSession(started, started.sessionIds[0]!);

    expect(textOf(await client.callTool('echo', { text: 'new session' }))).toBe('new session');
    expect(started.sessions()).toBe(2);
    expect(await updateArrives(started, updates)).toBe(true);
    expect(updates.every((uri) => uri === 'test://clock')).toBe(true);
    // Logs of a call travel on its own response stream, so they have arrived when it returns.
    expect(textOf(await client.callTool('noisy', {}))).toBe('logged');
    expect(levels).toEqual(['error']);
  });
});
