import {
  ConnectionClosedError,
  ErrorCode,
  getMethodSpec,
  type JsonObject,
  LocalErrorCode,
  ProtocolEngine,
  ProtocolError,
  type Transport,
} from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { engineWithPeer, linkedEngines, settle, sleep, type Wire } from './engine-fixtures.js';

describe('engine: requests and handlers', () => {
  it('correlates a request with its response and passes params to the handler', async () => {
    const [client, server] = await linkedEngines(new ProtocolEngine(), new ProtocolEngine());
    server.setRequestHandler('demo/echo', (params) => ({ echoed: params as JsonObject }));
    await expect(client.rawRequest('demo/echo', { x: 1 })).resolves.toEqual({ echoed: { x: 1 } });
    expect(client.stats).toEqual({ pendingRequests: 0, activeHandlers: 0 });
  });

  it('answers 10,000 concurrent requests that come back out of order, each to its own caller', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    const count = 10_000;
    const calls = Array.from({ length: count }, (_, n) => engine.rawRequest('demo/n', { n }));
    await settle(3);
    const requests = peer.messages().filter((m) => m.method === 'demo/n');
    expect(requests).toHaveLength(count);
    expect(new Set(requests.map((r) => r.id)).size).toBe(count); // ids are unique
    // Answer in a scrambled order: odd positions reversed first, then even ones.
    const order = [
      ...requests.filter((_, i) => i % 2 === 1).reverse(),
      ...requests.filter((_, i) => i % 2 === 0),
    ];
    for (const request of order) {
      void peer.send({ jsonrpc: '2.0', id: request.id, result: { n: (request.params as { n: number }).n } });
    }
    const results = await Promise.all(calls);
    expect(results.every((result, n) => result.n === n)).toBe(true);
    expect(engine.stats.pendingRequests).toBe(0);
  });

  it('answers ping in any state without a handler, and unknown methods with -32601', async () => {
    const { peer } = await engineWithPeer(new ProtocolEngine());
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    await peer.send({ jsonrpc: '2.0', id: 2, method: 'no/such' });
    expect(await peer.response(1)).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    const unknown = await peer.response(2);
    expect(unknown.error).toMatchObject({ code: ErrorCode.MethodNotFound });
    expect((unknown.error as { message: string }).message).toContain('no/such');
  });

  it('uses the fallback handler for methods without a specific handler', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    engine.setFallbackRequestHandler((request, context) => ({
      method: request.method,
      id: context.requestId,
    }));
    await peer.send({ jsonrpc: '2.0', id: 'a', method: 'any/thing' });
    expect((await peer.response('a')).result).toEqual({ method: 'any/thing', id: 'a' });
  });

  it('turns thrown errors into JSON-RPC errors: ProtocolError keeps code and data, others become -32603 without internals', async () => {
    const { engine, peer, errors } = await engineWithPeer(new ProtocolEngine());
    engine.setRequestHandler('demo/protocol', () => {
      throw new ProtocolError(-32042, 'needs url elicitation', { elicitations: [] });
    });
    engine.setRequestHandler('demo/crash', async () => {
      throw new Error('database password is hunter2');
    });
    engine.setRequestHandler('demo/number', () => 42 as never);
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'demo/protocol' });
    await peer.send({ jsonrpc: '2.0', id: 2, method: 'demo/crash' });
    await peer.send({ jsonrpc: '2.0', id: 3, method: 'demo/number' });
    expect((await peer.response(1)).error).toEqual({
      code: -32042,
      message: 'needs url elicitation',
      data: { elicitations: [] },
    });
    const crash = await peer.response(2);
    expect(crash.error).toEqual({ code: ErrorCode.InternalError, message: 'Internal error' });
    expect(JSON.stringify(crash)).not.toContain('hunter2');
    expect((await peer.response(3)).error).toMatchObject({ code: ErrorCode.InternalError });
    expect(errors.map((e) => e.message)).toEqual([
      'database password is hunter2',
      'Handler for demo/number returned number: expected a result object',
    ]);
  });

  it('lets onhandlererror choose the error sent for what a handler threw, with the request and params', async () => {
    const { engine, peer, errors } = await engineWithPeer(new ProtocolEngine());
    const seen: Array<[string, unknown, unknown]> = [];
    engine.onhandlererror = (error, request, params) => {
      seen.push([request.method, params?.name, (error as Error).message]);
      if ((error as Error).message === 'hook breaks') throw new Error('hook failed');
      return { code: ErrorCode.InternalError, message: `shown: ${(error as Error).message}` };
    };
    engine.setRequestHandler('demo/crash', async (params) => {
      throw new Error((params as { why: string }).why);
    });
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'demo/crash', params: { name: 'n', why: 'boom' } });
    expect((await peer.response(1)).error).toEqual({ code: ErrorCode.InternalError, message: 'shown: boom' });
    expect(seen).toEqual([['demo/crash', 'n', 'boom']]);
    // A hook that throws falls back to the default: reported, and -32603 without internals.
    await peer.send({ jsonrpc: '2.0', id: 2, method: 'demo/crash', params: { why: 'hook breaks' } });
    expect((await peer.response(2)).error).toEqual({
      code: ErrorCode.InternalError,
      message: 'Internal error',
    });
    expect(errors.map((e) => e.message)).toEqual(['hook failed', 'hook breaks']);
  });

  it('rejects a request with the ProtocolError the peer answered', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    const call = engine.rawRequest('demo/x');
    const request = await peer.method('demo/x');
    await peer.send({
      jsonrpc: '2.0',
      id: request.id,
      error: { code: -32602, message: 'bad', data: { field: 'a' } },
    });
    await expect(call).rejects.toMatchObject({
      name: 'ProtocolError',
      code: -32602,
      message: 'bad',
      data: { field: 'a' },
    });
  });

  it('delivers notifications to handlers and ignores unknown ones without answering', async () => {
    const { engine, peer, errors } = await engineWithPeer(new ProtocolEngine());
    const seen: unknown[] = [];
    engine.setNotificationHandler('demo/note', (params, context) => {
      seen.push([params, context.method]);
    });
    await peer.send({ jsonrpc: '2.0', method: 'demo/note', params: { a: 1 } });
    await peer.send({ jsonrpc: '2.0', method: 'demo/unknown' });
    await settle();
    expect(seen).toEqual([[{ a: 1 }, 'demo/note']]);
    expect(peer.received).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('reports garbage, unknown response ids and responses to notifications via onerror and keeps working', async () => {
    const { engine, peer, errors } = await engineWithPeer(new ProtocolEngine());
    await engine.rawNotification('demo/fire', {});
    const garbage = [
      42,
      'text',
      null,
      { jsonrpc: '1.0', id: 1, method: 'x' },
      { jsonrpc: '2.0', id: { nested: true }, result: {} },
      { jsonrpc: '2.0', id: 999, result: {} }, // unknown id
      { jsonrpc: '2.0', result: {} }, // a "response" to our notification: no id
      { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } },
    ];
    for (const message of garbage) await peer.send(message);
    await peer.send({ jsonrpc: '2.0', id: 7, method: 5 }); // looks like a request: answered -32600
    await settle();
    expect(errors.length).toBe(garbage.length + 1);
    expect(errors.some((e) => e.message.includes('unknown request id 999'))).toBe(true);
    expect(errors.every((e) => e.message.includes('expected') || e.message.includes('Parse error'))).toBe(
      true,
    );
    expect((await peer.response(7)).error).toMatchObject({ code: ErrorCode.InvalidRequest });
    const call = engine.rawRequest('ping');
    const request = await peer.method('ping');
    await peer.send({ jsonrpc: '2.0', id: request.id, result: {} });
    await expect(call).resolves.toEqual({});
  });

  it('refuses a duplicate id of an in-flight request and still answers the first', async () => {
    const { engine, peer, errors } = await engineWithPeer(new ProtocolEngine());
    let release!: () => void;
    engine.setRequestHandler(
      'demo/slow',
      () => new Promise((resolve) => (release = () => resolve({ done: true }))),
    );
    await peer.send({ jsonrpc: '2.0', id: 5, method: 'demo/slow' });
    await settle();
    await peer.send({ jsonrpc: '2.0', id: 5, method: 'demo/slow' });
    const duplicate = await peer.response(5);
    expect(duplicate.error).toMatchObject({ code: ErrorCode.InvalidRequest });
    expect(errors[0]?.message).toContain('duplicate id 5');
    release();
    await settle();
    const answers = peer.messages().filter((m) => m.id === 5);
    expect(answers[1]).toEqual({ jsonrpc: '2.0', id: 5, result: { done: true } });
  });

  it('passes transport context and routes related messages with relatedRequestId', async () => {
    const authInfo = { token: 'tok', scopes: ['s'], clientId: 'c' };
    const { engine, peer, transport } = await engineWithPeer(new ProtocolEngine(), {
      client: { context: { authInfo, sessionId: 'sess-1', requestInfo: { url: 'http://x/mcp' } } },
    });
    transport.recordSendOptions = true;
    let seen: unknown;
    engine.setRequestHandler('demo/ctx', async (_params, context) => {
      seen = [context.authInfo, context.sessionId, context.requestInfo, context.requestId, context.method];
      await context.sendNotification('demo/note', { n: 1 });
      const inner = context.sendRequest('demo/inner', {});
      const request = await peer.method('demo/inner');
      await peer.send({ jsonrpc: '2.0', id: request.id, result: { ok: 1 } });
      return { inner: await inner };
    });
    await peer.send({ jsonrpc: '2.0', id: 'r1', method: 'demo/ctx' });
    expect((await peer.response('r1')).result).toEqual({ inner: { ok: 1 } });
    expect(seen).toEqual([authInfo, 'sess-1', { url: 'http://x/mcp' }, 'r1', 'demo/ctx']);
    expect(transport.sentOptions).toEqual([
      { relatedRequestId: 'r1' },
      { relatedRequestId: 'r1' },
      { relatedRequestId: 'r1' },
    ]);
  });

  it('validates incoming params against the revision schema and names the field', async () => {
    const { engine, peer: peer2 } = await engineWithPeer(
      new ProtocolEngine({ methodSpecs: getMethodSpec, revision: '2025-11-25' }),
    );
    engine.setRequestHandler('tools/call', () => ({ content: [] }));
    await peer2.send({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 5 } });
    const answer = await peer2.response(1);
    expect(answer.error).toMatchObject({ code: ErrorCode.InvalidParams });
    expect((answer.error as { message: string }).message).toMatch(/field `name`/);
    await peer2.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'ok' } });
    expect((await peer2.response(2)).result).toEqual({ content: [] });
  });

  it('validates received results against the revision schema', async () => {
    const { engine, peer } = await engineWithPeer(
      new ProtocolEngine({ methodSpecs: getMethodSpec, revision: '2025-06-18' }),
    );
    const call = engine.rawRequest('tools/list');
    const request = await peer.method('tools/list');
    await peer.send({ jsonrpc: '2.0', id: request.id, result: { tools: 5 } });
    await expect(call).rejects.toMatchObject({
      code: LocalErrorCode.InvalidMessage,
      message: expect.stringMatching(/tools\/list.*field `tools`/),
    });
  });
});

describe('engine: batches', () => {
  it('answers a 2025-03-26 batch with one array of responses; initialize inside it is refused', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine({ revision: '2025-03-26' }));
    engine.setRequestHandler('demo/a', async () => ({ a: true }));
    engine.setRequestHandler('initialize', () => ({ nope: true }));
    const noted: unknown[] = [];
    engine.setNotificationHandler('demo/note', (p) => {
      noted.push(p);
    });
    await peer.send([
      { jsonrpc: '2.0', id: 1, method: 'demo/a' },
      { jsonrpc: '2.0', method: 'demo/note', params: { x: 1 } },
      { jsonrpc: '2.0', id: 2, method: 'ping' },
      { jsonrpc: '2.0', id: 3, method: 'initialize', params: {} },
    ]);
    await settle();
    expect(peer.received).toHaveLength(1);
    const batch = peer.received[0] as unknown as Wire[];
    expect(Array.isArray(batch)).toBe(true);
    const byId = new Map(batch.map((r) => [r.id, r]));
    expect(byId.get(1)?.result).toEqual({ a: true });
    expect(byId.get(2)?.result).toEqual({});
    expect(byId.get(3)?.error).toMatchObject({ code: ErrorCode.InvalidRequest });
    expect(noted).toEqual([{ x: 1 }]);
  });

  it('refuses batches outside 2025-03-26 with -32600 and reports them', async () => {
    const { peer, errors } = await engineWithPeer(new ProtocolEngine({ revision: '2025-06-18' }));
    await peer.send([{ jsonrpc: '2.0', id: 1, method: 'ping' }]);
    await settle();
    expect(peer.received).toHaveLength(1);
    expect(peer.messages()[0]?.error).toMatchObject({ code: ErrorCode.InvalidRequest });
    expect(errors[0]?.message).toMatch(/batches exist only in 2025-03-26/);
  });

  it('sends nothing for a batch of notifications only', async () => {
    const { peer } = await engineWithPeer(new ProtocolEngine({ revision: '2025-03-26' }));
    await peer.send([{ jsonrpc: '2.0', method: 'demo/a' }]);
    await settle();
    expect(peer.received).toEqual([]);
  });
});

describe('engine: close', () => {
  it('rejects every pending request with ConnectionClosedError, aborts handlers and frees everything', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    let handlerSignal: AbortSignal | undefined;
    engine.setRequestHandler('demo/hang', (_p, context) => {
      handlerSignal = context.signal;
      return new Promise(() => {});
    });
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'demo/hang' });
    await settle();
    const controller = new AbortController();
    const calls = [
      engine.rawRequest('demo/a'),
      engine.rawRequest('demo/b', {}, { signal: controller.signal, timeoutMs: 100_000 }),
    ];
    let closed = 0;
    engine.onclose = () => closed++;
    await engine.close();
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(ConnectionClosedError);
    expect(handlerSignal?.aborted).toBe(true);
    expect(engine.stats).toEqual({ pendingRequests: 0, activeHandlers: 0 });
    expect(closed).toBe(1);
    await engine.close();
    expect(closed).toBe(1);
    await expect(engine.rawRequest('demo/c')).rejects.toMatchObject({
      code: LocalErrorCode.ConnectionClosed,
      message: expect.stringContaining('closed'),
    });
    await expect(engine.rawNotification('demo/n')).rejects.toBeInstanceOf(ConnectionClosedError);
  });

  it('closes when the peer closes, and drops messages that arrive after close', async () => {
    const { engine, peer, errors } = await engineWithPeer(new ProtocolEngine());
    const call = engine.rawRequest('demo/a');
    const outcome = expect(call).rejects.toBeInstanceOf(ConnectionClosedError);
    let closed = 0;
    engine.onclose = () => closed++;
    await peer.transport.close();
    await settle();
    await outcome;
    expect(closed).toBe(1);
    (engine.transport as { onmessage?: (m: unknown) => void }).onmessage?.({
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
    });
    (engine.transport as { onmessage?: (m: unknown) => void }).onmessage?.({
      jsonrpc: '2.0',
      id: 99,
      result: {},
    });
    await settle();
    expect(errors).toEqual([]);
  });

  it('when its transport says the input ended, answers the requests in flight (not cancelled ones), then closes', async () => {
    const { engine, peer, transport } = await engineWithPeer(new ProtocolEngine());
    const release: Array<() => void> = [];
    engine.setRequestHandler('demo/wait', () => new Promise((resolve) => release.push(() => resolve({}))));
    let closed = false;
    const closing = new Promise<void>((resolve) => {
      engine.onclose = () => {
        closed = true;
        resolve();
      };
    });
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'demo/wait' });
    await peer.send({ jsonrpc: '2.0', id: 2, method: 'demo/wait' });
    await peer.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 2 } });
    await settle();
    (transport as Transport).oninputend?.();
    await sleep(50); // several of the engine's checks
    expect(closed).toBe(false); // request 1 is still running
    release[0]!();
    await peer.response(1);
    // Request 2 was cancelled: it is not waited for.
    await closing;
    expect(peer.messages().filter((m) => m.id === 2)).toEqual([]);
  });

  it('closes at once when the input ends with nothing in flight', async () => {
    const { engine, transport } = await engineWithPeer(new ProtocolEngine());
    let closed = 0;
    engine.onclose = () => closed++;
    (transport as Transport).oninputend?.();
    await settle();
    expect(closed).toBe(1);
  });

  it('refuses requests before connect and a second connect', async () => {
    const engine = new ProtocolEngine();
    await expect(engine.rawRequest('ping')).rejects.toMatchObject({
      message: expect.stringContaining('not connected yet'),
    });
    const { engine: connected, transport } = await engineWithPeer(new ProtocolEngine());
    await expect(connected.connect(transport)).rejects.toMatchObject({ code: LocalErrorCode.InvalidState });
  });
});
