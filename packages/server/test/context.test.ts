import { type ClientConnection, ErrorCode, type JsonObject, type Revision } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectClient, initializeRaw, modernMeta, rawPeer, tick } from './helpers.js';

function makeServer(): McpServer {
  const server = new McpServer({ name: 'ctx', version: '1.0.0' });
  server.tool('chatty', { description: 'logs at every level' }, async (_args, ctx) => {
    for (const level of ['debug', 'info', 'warning', 'error'] as const)
      await ctx.log(level, `at ${level}`, 'chatty');
    return 'done';
  });
  server.tool('steps', { description: 'progress' }, async (_args, ctx) => {
    for (let i = 1; i <= 3; i++) await ctx.progress(i, 3, `step ${i}`);
    return 'stepped';
  });
  server.tool(
    'ask',
    { description: 'elicits, samples and lists roots', inputSchema: { topic: z.string() } },
    async ({ topic }, ctx) => {
      const answer = await ctx.elicit({
        message: `Your view on ${topic}?`,
        requestedSchema: { type: 'object', properties: { view: { type: 'string' } }, required: ['view'] },
      });
      const llm = await ctx.sample({
        messages: [{ role: 'user', content: { type: 'text', text: topic } }],
        maxTokens: 10,
      });
      const roots = await ctx.listRoots();
      const text = Array.isArray(llm.content) ? '' : llm.content.type === 'text' ? llm.content.text : '';
      return `${answer.action}:${JSON.stringify(answer.content)}|${text}|${roots.roots.map((r) => r.uri).join(',')}`;
    },
  );
  server.tool('url', { description: 'URL elicitation' }, async (_args, ctx) => {
    const result = await ctx.elicit({
      mode: 'url',
      message: 'Sign in',
      url: 'https://example.com/login',
      elicitationId: 'e1',
    });
    return result.action;
  });
  server.tool('counter', { description: 'keeps state across rounds' }, async (_args, ctx) => {
    ctx.state = { before: ((ctx.state as { before?: number } | undefined)?.before ?? 0) + 1 };
    await ctx.elicit({ message: 'one', requestedSchema: { type: 'object', properties: {} } });
    return `rounds seen: ${(ctx.state as { before: number }).before}`;
  });
  return server;
}

const ALL_CAPS: JsonObject = { elicitation: { form: {}, url: {} }, sampling: {}, roots: {} };

function withClientHandlers(client: ClientConnection): ClientConnection {
  client.setRequestHandler('elicitation/create', (params) =>
    params.mode === 'url'
      ? { action: 'accept' }
      : { action: 'accept', content: { view: `likes ${params.message.length}` } },
  );
  client.setRequestHandler('sampling/createMessage', () => ({
    role: 'assistant',
    content: { type: 'text', text: 'sampled' },
    model: 'm',
  }));
  client.setRequestHandler('roots/list', () => ({ roots: [{ uri: 'file:///a' }, { uri: 'file:///b' }] }));
  return client;
}

describe.each(['2025-11-25', '2026-07-28'] as Revision[])('client calls over %s', (revision) => {
  it('elicits, samples and lists roots from a tool', async () => {
    const client = await connectClient(makeServer(), { revision, capabilities: ALL_CAPS });
    withClientHandlers(client);
    const result = await client.request('tools/call', { name: 'ask', arguments: { topic: 'tea' } });
    expect(result.content).toEqual([
      { type: 'text', text: 'accept:{"view":"likes 17"}|sampled|file:///a,file:///b' },
    ]);
    const url = await client.request('tools/call', { name: 'url' });
    expect(url.content).toEqual([{ type: 'text', text: 'accept' }]);
    await client.close();
  });

  it('refuses client calls the client did not declare', async () => {
    const client = await connectClient(makeServer(), { revision, capabilities: { elicitation: {} } });
    withClientHandlers(client);
    const outcome = await client.request('tools/call', { name: 'ask', arguments: { topic: 'x' } }).then(
      (result) => ({ result, error: undefined }),
      (error: { code: number; message: string }) => ({ result: undefined, error }),
    );
    if (revision === '2026-07-28') {
      // A modern client that lacks a capability the request needs gets -32021.
      expect(outcome.error?.code).toBe(ErrorCode.MissingRequiredClientCapability);
    } else {
      expect(outcome.result?.isError).toBe(true);
      expect(JSON.stringify(outcome.result?.content)).toContain('declare the \\"sampling\\" capability');
    }
    await client.close();
  });
});

describe('logging and progress', () => {
  it('legacy: sends everything until setLevel, then filters by level', async () => {
    const peer = await rawPeer(makeServer());
    await initializeRaw(peer, '2025-06-18');
    await peer.request('tools/call', { name: 'chatty' });
    expect(peer.received.filter((m) => m.method === 'notifications/message')).toHaveLength(4);
    await peer.request('logging/setLevel', { level: 'warning' });
    peer.received.length = 0;
    await peer.request('tools/call', { name: 'chatty' });
    const levels = peer.received
      .filter((m) => m.method === 'notifications/message')
      .map((m) => (m.params as JsonObject).level);
    expect(levels).toEqual(['warning', 'error']);
    expect((peer.received[0]!.params as JsonObject).logger).toBe('chatty');
    await peer.close();
  });

  it('modern: no log messages without the per-request level, filtered with it', async () => {
    const peer = await rawPeer(makeServer());
    await peer.request('tools/call', { name: 'chatty', _meta: modernMeta() });
    expect(peer.received).toHaveLength(0);
    await peer.request('tools/call', {
      name: 'chatty',
      _meta: modernMeta({}, { 'io.modelcontextprotocol/logLevel': 'error' }),
    });
    expect(peer.received.map((m) => (m.params as JsonObject).level)).toEqual(['error']);
    const bad = await peer.request('tools/call', {
      name: 'chatty',
      _meta: modernMeta({}, { 'io.modelcontextprotocol/logLevel': 'loud' }),
    });
    expect((bad.error as JsonObject).code).toBe(ErrorCode.InvalidParams);
    const setLevel = await peer.request('logging/setLevel', { level: 'info', _meta: modernMeta() });
    expect((setLevel.error as JsonObject).code).toBe(ErrorCode.MethodNotFound);
    await peer.close();
  });

  it.each(['2025-11-25', '2026-07-28'] as Revision[])(
    'reports progress before the result (%s)',
    async (revision) => {
      const client = await connectClient(makeServer(), { revision });
      const seen: number[] = [];
      const result = await client.request(
        'tools/call',
        { name: 'steps' },
        { onprogress: (p) => seen.push(p.progress) },
      );
      expect(seen).toEqual([1, 2, 3]);
      expect(result.content).toEqual([{ type: 'text', text: 'stepped' }]);
      await client.close();
    },
  );
});

describe('2026-07-28 input rounds (MRTR)', () => {
  const caps = { elicitation: {}, sampling: {}, roots: {} };

  async function firstRound() {
    const peer = await rawPeer(makeServer());
    const params = { name: 'ask', arguments: { topic: 'tea' }, _meta: modernMeta(caps) };
    const response = await peer.request('tools/call', params);
    return { peer, params, result: response.result as JsonObject };
  }

  it('asks for input with an InputRequiredResult and finishes when answered', async () => {
    const { peer, params, result } = await firstRound();
    expect(result.resultType).toBe('input_required');
    expect(result.inputRequests).toEqual({
      '0': expect.objectContaining({ method: 'elicitation/create' }),
    });
    expect(typeof result.requestState).toBe('string');
    const second = (
      await peer.request('tools/call', {
        ...params,
        requestState: result.requestState as string,
        inputResponses: { '0': { action: 'accept', content: { view: 'hot' } } },
      })
    ).result as JsonObject;
    // The elicitation is answered; now the sampling request is missing (only it is asked for).
    expect(second.resultType).toBe('input_required');
    expect(Object.keys(second.inputRequests as JsonObject)).toEqual(['1']);
    const third = (
      await peer.request('tools/call', {
        ...params,
        requestState: second.requestState as string,
        inputResponses: { '1': { role: 'assistant', content: { type: 'text', text: 'LLM' }, model: 'x' } },
      })
    ).result as JsonObject;
    expect(Object.keys(third.inputRequests as JsonObject)).toEqual(['2']);
    const done = (
      await peer.request('tools/call', {
        ...params,
        requestState: third.requestState as string,
        inputResponses: { '2': { roots: [{ uri: 'file:///r' }] } },
      })
    ).result as JsonObject;
    expect(done).toMatchObject({
      resultType: 'complete',
      content: [{ type: 'text', text: 'accept:{"view":"hot"}|LLM|file:///r' }],
    });
    await peer.close();
  });

  it('asks again when the retry leaves out the input', async () => {
    const { peer, params, result } = await firstRound();
    const retry = (
      await peer.request('tools/call', {
        ...params,
        requestState: result.requestState as string,
        inputResponses: {},
      })
    ).result as JsonObject;
    expect(retry.resultType).toBe('input_required');
    expect(Object.keys(retry.inputRequests as JsonObject)).toEqual(['0']);
    await peer.close();
  });

  it('refuses tampered, re-targeted and foreign requestState with -32602', async () => {
    const { peer, params, result } = await firstRound();
    const state = result.requestState as string;
    const [body, signature] = state.split('.');
    const tamperedBody = btoa(
      atob(body!.replace(/-/g, '+').replace(/_/g, '/')).replace('"ask"', '"url"'),
    ).replace(/=+$/, '');
    const attempts: JsonObject[] = [
      { ...params, requestState: `${tamperedBody}.${signature}` },
      { ...params, requestState: `${body}.${signature!.slice(0, -2)}AA` },
      { ...params, arguments: { topic: 'coffee' }, requestState: state },
      { ...params, name: 'url', requestState: state },
      { ...params, requestState: 'garbage' },
    ];
    for (const attempt of attempts) {
      const response = await peer.request('tools/call', {
        ...attempt,
        inputResponses: { '0': { action: 'decline' } },
      });
      expect((response.error as JsonObject).code).toBe(ErrorCode.InvalidParams);
      expect((response.error as JsonObject).message).toMatch(/requestState/);
    }
    // State issued by another server instance (another secret) fails too.
    const other = await rawPeer(makeServer());
    const foreign = await other.request('tools/call', { ...params, requestState: state });
    expect((foreign.error as JsonObject).code).toBe(ErrorCode.InvalidParams);
    await peer.close();
    await other.close();
  });

  it('binds state to the principal and to its expiry', async () => {
    // Two servers sharing one secret: one with a long lifetime for the principal check (a loaded machine
    // may take longer than a short lifetime between two rounds), one with a short lifetime for expiry.
    const makeAsker = (requestStateTtlMs: number) => {
      const server = new McpServer({
        name: 'p',
        version: '1',
        requestStateTtlMs,
        requestStateSecret: 'a shared secret of 32 bytes....',
      });
      server.tool(
        'q',
        { description: 'asks' },
        async (_a, ctx) =>
          (await ctx.elicit({ message: 'm', requestedSchema: { type: 'object', properties: {} } })).action,
      );
      return server;
    };
    const server = makeAsker(60_000);
    const alice = await rawPeer(server, { authInfo: { token: 't1', subject: 'alice', scopes: [] } });
    const bob = await rawPeer(server, { authInfo: { token: 't2', subject: 'bob', scopes: [] } });
    const params = { name: 'q', _meta: modernMeta({ elicitation: {} }) };
    const first = (await alice.request('tools/call', params)).result as JsonObject;
    const stolen = await bob.request('tools/call', {
      ...params,
      requestState: first.requestState as string,
      inputResponses: { '0': { action: 'accept' } },
    });
    expect((stolen.error as JsonObject).message).toContain('different principal');
    const ok = await alice.request('tools/call', {
      ...params,
      requestState: first.requestState as string,
      inputResponses: { '0': { action: 'accept' } },
    });
    expect(ok.result).toMatchObject({ content: [{ type: 'text', text: 'accept' }] });

    const shortLived = await rawPeer(makeAsker(30), {
      authInfo: { token: 't1', subject: 'alice', scopes: [] },
    });
    const issued = (await shortLived.request('tools/call', params)).result as JsonObject;
    await tick(60);
    const late = await shortLived.request('tools/call', {
      ...params,
      requestState: issued.requestState as string,
      inputResponses: { '0': { action: 'accept' } },
    });
    expect((late.error as JsonObject).message).toContain('expired');
    await alice.close();
    await bob.close();
    await shortLived.close();
  });

  it('carries handler state across rounds in requestState', async () => {
    const client = await connectClient(makeServer(), { revision: '2026-07-28', capabilities: caps });
    withClientHandlers(client);
    const result = await client.request('tools/call', { name: 'counter' });
    expect(result.content).toEqual([{ type: 'text', text: 'rounds seen: 2' }]);
    await client.close();
  });
});
