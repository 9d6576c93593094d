import {
  ConnectionClosedError,
  createInMemoryPair,
  InMemoryTransport,
  type JSONRPCPayload,
} from '@mcpwire/core';
import { describe, expect, it } from 'vitest';

const ping = { jsonrpc: '2.0', id: 1, method: 'ping' } as const;

async function started(): Promise<[InMemoryTransport, InMemoryTransport]> {
  const [a, b] = createInMemoryPair();
  await a.start();
  await b.start();
  return [a, b];
}

describe('InMemoryTransport', () => {
  it('delivers asynchronously, in order, as a copy', async () => {
    const [a, b] = await started();
    const received: JSONRPCPayload[] = [];
    b.onmessage = (message) => received.push(message);
    const first = { jsonrpc: '2.0' as const, method: 'n/1', params: { nested: { value: 1 } } };
    const sent = [a.send(first), a.send({ jsonrpc: '2.0', method: 'n/2' })];
    expect(received).toHaveLength(0); // not synchronous
    await Promise.all(sent);
    await Promise.resolve();
    expect(received.map((m) => (m as { method: string }).method)).toEqual(['n/1', 'n/2']);
    expect(received[0]).toEqual(first);
    expect(received[0]).not.toBe(first);
    first.params.nested.value = 2;
    expect((received[0] as typeof first).params.nested.value).toBe(1);
  });

  it('supports structured-clone copies and keeps batches as arrays', async () => {
    const [a, b] = InMemoryTransport.createLinkedPair({ server: { copy: 'structured-clone' } });
    await a.start();
    await b.start();
    const got: JSONRPCPayload[] = [];
    b.onmessage = (m) => got.push(m);
    const batch = [ping, { jsonrpc: '2.0' as const, method: 'x' }];
    await a.send(batch);
    await Promise.resolve();
    expect(got[0]).toEqual(batch);
    expect(got[0]).not.toBe(batch);
  });

  it('queues messages that arrive before start()', async () => {
    const [a, b] = createInMemoryPair();
    await a.start();
    const got: JSONRPCPayload[] = [];
    b.onmessage = (m) => got.push(m);
    await a.send(ping);
    await Promise.resolve();
    expect(got).toHaveLength(0);
    await b.start();
    await Promise.resolve();
    expect(got).toEqual([ping]);
  });

  it('attaches the receiving side context (authInfo) to every message', async () => {
    const authInfo = { token: 't', scopes: ['read'], clientId: 'c1' };
    const [a, b] = createInMemoryPair({ server: { context: { authInfo, sessionId: 's1' } } });
    await a.start();
    await b.start();
    const contexts: unknown[] = [];
    b.onmessage = (_m, context) => contexts.push(context);
    await a.send(ping);
    b.setContext({ sessionId: 's2' });
    await a.send(ping);
    await Promise.resolve();
    expect(contexts).toEqual([{ authInfo, sessionId: 's1' }, { sessionId: 's2' }]);
  });

  it('close on one side closes the other once, after it read what was sent, and sends then fail', async () => {
    const [a, b] = await started();
    const events: string[] = [];
    a.onclose = () => events.push('a closed');
    b.onclose = () => events.push('b closed');
    b.onmessage = () => events.push('b got message');
    void a.send(ping);
    void a.close();
    void a.close();
    expect(events).toEqual(['a closed']);
    await Promise.resolve();
    expect(events).toEqual(['a closed', 'b got message', 'b closed']);
    await expect(a.send(ping)).rejects.toBeInstanceOf(ConnectionClosedError);
    await expect(b.send(ping)).rejects.toBeInstanceOf(ConnectionClosedError);
  });

  it('rejects messages that cannot be copied with a TransportError', async () => {
    const [a] = await started();
    const cyclic: Record<string, unknown> = { jsonrpc: '2.0', method: 'x' };
    cyclic.self = cyclic;
    await expect(a.send(cyclic as never)).rejects.toMatchObject({ code: 'MCPWIRE_TRANSPORT' });
  });

  it('copies exactly as a JSON round trip would', async () => {
    const [a, b] = await started();
    const got: unknown[] = [];
    b.onmessage = (m) => got.push(m);
    const odd = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const message = {
      jsonrpc: '2.0',
      method: 'x',
      params: {
        gone: undefined,
        fn: () => 1,
        list: [undefined, Number.NaN, Infinity, 1.5],
        when: new Date(0),
        odd,
        deep: { a: [{ b: 'c' }] },
      },
    };
    await a.send(message as never);
    await Promise.resolve();
    expect(got[0]).toEqual(JSON.parse(JSON.stringify(message)));
    const copiedOdd = (got[0] as { params: { odd: Record<string, unknown> } }).params.odd;
    expect(Object.getPrototypeOf(copiedOdd)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    let nested: Record<string, unknown> = {};
    const root = nested;
    for (let i = 0; i < 1000; i++) nested = nested.next = {} as Record<string, unknown>;
    await a.send({ jsonrpc: '2.0', method: 'deep', params: root } as never);
    await Promise.resolve();
    expect(got[1]).toEqual({ jsonrpc: '2.0', method: 'deep', params: root });
    await expect(a.send({ jsonrpc: '2.0', method: 'big', params: { n: 1n } } as never)).rejects.toMatchObject(
      { code: 'MCPWIRE_TRANSPORT' },
    );
  });

  it('drops the messages it has not read when it closes itself', async () => {
    const [a, b] = await started();
    const got: unknown[] = [];
    b.onmessage = (m) => got.push(m);
    void a.send(ping);
    void b.close();
    await Promise.resolve();
    await Promise.resolve();
    expect(got).toEqual([]);
  });
});
