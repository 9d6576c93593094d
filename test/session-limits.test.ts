/**
 * Issue 13 item 2 (session flood), over real sockets from two loopback source addresses (two clients
 * the server tells apart by remote address): sessions never established end within the timeout, a flood
 * of initializes from one client stays within its per-client limit and locks nobody else out, at the cap
 * the least recently used idle session makes room (and only when every session is in use is a new one
 * refused), for Streamable HTTP and for legacy HTTP+SSE.
 */
import { McpServer } from '@mcpwire/server';
import {
  createStreamableHttpHandler,
  type Listening,
  listen,
  type StreamableHttpHandlerOptions,
} from '@mcpwire/transports/http';
import { createSseHandler, type SseHandlerOptions } from '@mcpwire/transports/sse';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeAgents, initializeBody, openGetFrom, postFrom } from './helpers/from-address.js';

const ATTACKER = '127.0.0.1';
const USER = '127.0.0.2';

let listening: Listening | undefined;
afterEach(async () => {
  await listening?.close();
  listening = undefined;
});
afterAll(() => closeAgents());

function mcpServer(): McpServer {
  const server = new McpServer({ name: 'limits', version: '1.0.0' });
  server.tool('ping-tool', { description: 'answers pong' }, () => 'pong');
  return server;
}

async function streamable(options: Partial<StreamableHttpHandlerOptions>) {
  const server = mcpServer();
  const handler = createStreamableHttpHandler({
    connect: async (t) => void (await server.connect(t)),
    ...options,
  });
  listening = await listen({ handler });
  return { handler, url: `${listening.url}/mcp` };
}

/** initialize (+ initialized when `establish`) from `from`; the session id, or the refusal status. */
async function open(url: string, from: string, establish = true): Promise<string | number> {
  const init = await postFrom(from, url, initializeBody());
  if (init.status !== 200) return init.status;
  const session = init.headers['mcp-session-id'] as string;
  if (establish) {
    const note = await postFrom(
      from,
      url,
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      {
        'mcp-session-id': session,
      },
    );
    expect(note.status).toBe(202);
  }
  return session;
}

async function use(url: string, from: string, session: string | number): Promise<number> {
  const reply = await postFrom(
    from,
    url,
    { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'ping-tool', arguments: {} } },
    { 'mcp-session-id': String(session), 'mcp-protocol-version': '2025-06-18' },
  );
  return reply.status;
}

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Streamable HTTP sessions under a flood', () => {
  it('a flood of initializes from one client stays within its limit and locks nobody else out', async () => {
    const { handler, url } = await streamable({ maxSessions: 40, maxSessionsPerClient: 10 });
    const user = await open(url, USER);
    let left = 300;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (left-- > 0) statuses.push((await postFrom(ATTACKER, url, initializeBody())).status);
      }),
    );
    // The attacker's own oldest unused sessions made room for its newer ones; it never held more than 10.
    expect(statuses.filter((s) => s === 200)).toHaveLength(300);
    expect(handler.sessionCount).toBeLessThanOrEqual(11);
    expect(await use(url, USER, user)).toBe(200);
    const another = await open(url, USER);
    expect(typeof another).toBe('string');
    expect(await use(url, USER, another)).toBe(200);
  });

  it('a flood from many addresses evicts sessions never established, not the ones in use', async () => {
    const { url } = await streamable({ maxSessions: 20, maxSessionsPerClient: 5 });
    const user = await open(url, USER);
    for (let host = 3; host <= 12; host++) {
      await Promise.all(Array.from({ length: 5 }, () => postFrom(`127.0.0.${host}`, url, initializeBody())));
    }
    expect(await use(url, USER, user)).toBe(200);
    expect(typeof (await open(url, USER))).toBe('string');
  });

  it('ends sessions never established after unestablishedSessionTimeoutMs', async () => {
    const { handler, url } = await streamable({ unestablishedSessionTimeoutMs: 1000 });
    const kept = await open(url, USER);
    for (let i = 0; i < 5; i++) await open(url, ATTACKER, false);
    expect(handler.sessionCount).toBe(6);
    await waitFor(() => handler.sessionCount === 1);
    expect(await use(url, USER, kept)).toBe(200);
  });

  it('at the cap: refuses while every session is in use, evicts the least recently used idle one', async () => {
    // Touched every 100 ms at most; idle after 400 ms without a request.
    const { url } = await streamable({ maxSessions: 2, sessionIdleTimeoutMs: 800 });
    const older = await open(url, USER);
    const newer = await open(url, USER);
    expect(await open(url, USER)).toBe(503);
    const started = Date.now();
    // Keep `newer` in use while `older` goes idle.
    while (Date.now() - started < 550) {
      expect(await use(url, USER, newer)).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const third = await open(url, USER);
    expect(typeof third).toBe('string');
    expect(await use(url, USER, older)).toBe(404);
    expect(await use(url, USER, newer)).toBe(200);
    expect(await use(url, USER, third)).toBe(200);
  });

  it('per client: 429 once all of its sessions are in use; other clients are not affected', async () => {
    const { url } = await streamable({ maxSessions: 100, maxSessionsPerClient: 2 });
    await open(url, ATTACKER);
    await open(url, ATTACKER);
    expect(await open(url, ATTACKER)).toBe(429);
    expect(typeof (await open(url, USER))).toBe('string');
  });
});

describe('per-client limits on the web-standard path', () => {
  it('counts sessions under the key the clientKey option derives from the request', async () => {
    const server = mcpServer();
    const handler = createStreamableHttpHandler({
      connect: async (t) => void (await server.connect(t)),
      maxSessionsPerClient: 1,
      // Deno and Bun pass connection info beside the Request; here a header stands in for it.
      clientKey: (request) => request.headers.get('x-client') ?? undefined,
    });
    const initialize = (client: string) =>
      handler(
        new Request('http://localhost/mcp', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            'x-client': client,
          },
          body: JSON.stringify(initializeBody()),
        }),
      );
    const first = await initialize('a');
    expect(first.status).toBe(200);
    const session = first.headers.get('mcp-session-id')!;
    // Established and just used: not evicted for the same client's next session.
    const note = await handler(
      new Request('http://localhost/mcp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'mcp-session-id': session },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      }),
    );
    expect(note.status).toBe(202);
    expect((await initialize('a')).status).toBe(429);
    expect((await initialize('b')).status).toBe(200);
    await handler.close();
  });
});

describe('legacy HTTP+SSE streams under a flood', () => {
  async function sse(options: Partial<SseHandlerOptions>) {
    const server = mcpServer();
    const handler = createSseHandler({ connect: async (t) => void (await server.connect(t)), ...options });
    listening = await listen({ handler });
    return { handler, url: `${listening.url}/sse` };
  }

  it('a flood of streams from one client ends its own unused ones; another client still gets in', async () => {
    const { handler, url } = await sse({ maxSessions: 30, maxSessionsPerClient: 5 });
    const streams = [];
    for (let i = 0; i < 20; i++) streams.push(await openGetFrom(ATTACKER, url));
    expect(streams.every((s) => s.status === 200)).toBe(true);
    expect(handler.sessionCount).toBeLessThanOrEqual(5);
    const user = await openGetFrom(USER, url);
    expect(user.status).toBe(200);
    expect(await user.firstChunk).toMatch(/^event: endpoint/);
    for (const stream of [...streams, user]) stream.close();
  });

  it('closes a stream on which nothing was POSTed within unestablishedSessionTimeoutMs', async () => {
    const { handler, url } = await sse({ unestablishedSessionTimeoutMs: 150 });
    const stream = await openGetFrom(ATTACKER, url);
    expect(handler.sessionCount).toBe(1);
    await waitFor(() => handler.sessionCount === 0);
    stream.close();
  });
});
