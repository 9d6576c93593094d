import type { Socket } from 'node:net';
import type { RequestId, Transport } from '@mcpwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createStreamableHttpHandler,
  InMemoryEventStore,
  type Listening,
  listen,
  SessionExpiredError,
  StreamableHttpClientTransport,
  type StreamableHttpHandlerOptions,
  type StreamableHttpServerTransport,
} from '../src/http/index.js';
import { attachEchoEngine, type EchoEngineRecord } from './http-helpers/echo-engine.js';
import { initParams, miniClient } from './http-helpers/mini-client.js';

let server: Listening | undefined;
let handler: ReturnType<typeof createStreamableHttpHandler> | undefined;
const transports: Transport[] = [];
const records: EchoEngineRecord[] = [];
let pollHook: ((t: Transport, id: RequestId) => void) | undefined;

async function start(options: Partial<StreamableHttpHandlerOptions> = {}): Promise<string> {
  handler = createStreamableHttpHandler({
    connect: (transport) => {
      records.push(attachEchoEngine(transport, { onPoll: (t, id) => pollHook?.(t, id) }));
    },
    ...options,
  });
  server = await listen({ handler });
  return `${server.url}/mcp`;
}

function client(url: string, options: ConstructorParameters<typeof StreamableHttpClientTransport>[1] = {}) {
  const transport = new StreamableHttpClientTransport(url, options);
  transports.push(transport);
  return transport;
}

afterEach(async () => {
  for (const t of transports.splice(0)) await t.close();
  await server?.close();
  server = undefined;
  records.length = 0;
  pollHook = undefined;
});

const textOf = (message: unknown) =>
  (message as { result: { content: Array<{ text: string }> } }).result.content[0]!.text;

describe('Streamable HTTP client against our server', () => {
  it('initializes, keeps the session id, streams notifications before results, and DELETEs on close', async () => {
    const url = await start();
    const transport = client(url);
    const mc = miniClient(transport);
    await transport.start();
    const init = await mc.request('initialize', initParams());
    expect('result' in init).toBe(true);
    expect(transport.sessionId).toMatch(/^[\x21-\x7e]+$/);
    transport.setProtocolVersion('2025-11-25');
    await mc.notify('notifications/initialized');
    expect(textOf(await mc.request('tools/call', { name: 'echo', arguments: { text: 'hello' } }))).toBe(
      'hello',
    );
    const before = mc.received.length;
    const result = await mc.request('tools/call', { name: 'progress', arguments: { steps: 3 } });
    expect(textOf(result)).toBe('progressed 3');
    const streamed = mc.received.slice(before).map((m) => ('method' in m ? m.method : 'result'));
    expect(streamed).toEqual([
      'notifications/progress',
      'notifications/progress',
      'notifications/progress',
      'notifications/message',
      'result',
    ]);
    expect(handler!.sessionCount).toBe(1);
    await transport.close();
    expect(handler!.sessionCount).toBe(0);
  });

  it('answers a server→client request and receives unrelated messages on the GET stream', async () => {
    const url = await start();
    const transport = client(url, { protocolVersion: '2025-11-25' });
    const mc = miniClient(transport);
    mc.onServerRequest = (request) =>
      request.method === 'roots/list' ? { roots: [{ uri: 'file:///x', name: 'x' }] } : {};
    await transport.start();
    await mc.request('initialize', initParams());
    await mc.notify('notifications/initialized');
    expect(textOf(await mc.request('tools/call', { name: 'ask' }))).toContain('file:///x');
    const session = handler!.session(transport.sessionId!)!;
    // Wait for the GET stream to be open, then push an unrelated notification.
    for (let i = 0; i < 50 && session.isIdle; i++) await new Promise((r) => setTimeout(r, 20));
    await session.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    for (
      let i = 0;
      i < 50 && !mc.received.some((m) => 'method' in m && m.method.includes('list_changed'));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(
      mc.received.filter((m) => 'method' in m && m.method === 'notifications/tools/list_changed'),
    ).toHaveLength(1);
  });

  it('resumes a stream the server closed early, honouring retry, without loss or duplicates', async () => {
    pollHook = (t, id) => (t as StreamableHttpServerTransport).closeRequestStream(id, { retryMs: 150 });
    const url = await start({ eventStore: new InMemoryEventStore() });
    const transport = client(url, { openStandaloneStream: false });
    const mc = miniClient(transport);
    await transport.start();
    await mc.request('initialize', initParams());
    transport.setProtocolVersion('2025-11-25');
    const started = Date.now();
    const result = await mc.request('tools/call', { name: 'poll', arguments: { ms: 30 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(textOf(result)).toBe('polled');
    const logs = mc.received
      .filter((m) => 'method' in m)
      .map((m) => (m as unknown as { params: { data: string } }).params.data);
    expect(logs).toEqual(['before close', 'after close']);
  });

  it('resumes after the connection is cut mid-stream: every message exactly once, in order', async () => {
    const url = await start({ eventStore: new InMemoryEventStore(), retryMs: 20, priming: 'always' });
    const sockets = new Set<Socket>();
    server!.server.on('connection', (socket: Socket) => sockets.add(socket));
    const transport = client(url, { openStandaloneStream: false });
    const mc = miniClient(transport);
    await transport.start();
    await mc.request('initialize', initParams());
    // Cut every connection as soon as the second progress notification arrived.
    const original = transport.onmessage!;
    let cut = false;
    transport.onmessage = (message, context) => {
      original(message, context);
      const progress = mc.received.filter(
        (m) => 'method' in m && m.method === 'notifications/progress',
      ).length;
      if (progress === 2 && !cut) {
        cut = true;
        for (const socket of sockets) socket.destroy();
      }
    };
    const result = await mc.request('tools/call', { name: 'progress', arguments: { steps: 40, delayMs: 5 } });
    expect(cut).toBe(true);
    expect(textOf(result)).toBe('progressed 40');
    const progress = mc.received
      .filter((m) => 'method' in m && m.method === 'notifications/progress')
      .map((m) => (m as unknown as { params: { progress: number } }).params.progress);
    expect(progress).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('turns a 404 on a session request into SessionExpiredError when restarts are off, and tells the caller', async () => {
    const url = await start();
    const expired: string[] = [];
    const transport = client(url, {
      onSessionExpired: (id) => expired.push(id),
      restartExpiredSessions: false,
    });
    const mc = miniClient(transport);
    await transport.start();
    await mc.request('initialize', initParams());
    const id = transport.sessionId!;
    await handler!.session(id)!.close();
    await expect(mc.request('ping')).rejects.toBeInstanceOf(SessionExpiredError);
    expect(expired).toEqual([id]);
    expect(transport.sessionId).toBeUndefined();
  });

  it('asks the auth provider for a header, retries once after 401 and boundedly after 403', async () => {
    let accepted = 'Bearer good';
    let nextToken = 'Bearer good';
    const url = await start({
      authenticate: (request) => {
        const auth = request.headers.get('authorization');
        if (auth === 'Bearer forbidden') {
          return new Response(null, {
            status: 403,
            headers: { 'www-authenticate': 'Bearer error="insufficient_scope"' },
          });
        }
        if (auth !== accepted)
          return new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer' } });
        return { token: auth.slice(7), scopes: [] };
      },
    });
    const calls: string[] = [];
    const transport = client(url, {
      authProvider: {
        authorizationHeader: () => {
          calls.push('header');
          return 'Bearer stale';
        },
        handleUnauthorized: async () => {
          calls.push('401');
          return nextToken;
        },
        handleForbidden: async () => {
          calls.push('403');
          return 'Bearer forbidden';
        },
      },
    });
    const mc = miniClient(transport);
    await transport.start();
    expect('result' in (await mc.request('initialize', initParams()))).toBe(true);
    expect(calls).toEqual(['header', '401']);
    expect(records[0]!.contexts[0]!.authInfo?.token).toBe('good');
    accepted = 'none';
    nextToken = 'Bearer forbidden';
    calls.length = 0;
    // 401 → handleUnauthorized gives a token the server forbids → 403 retried twice, then the error surfaces.
    await expect(mc.request('ping')).rejects.toThrow(/403/);
    expect(calls).toEqual(['header', '401', '403', '403']);
  });
});
