import { ErrorCode, type JsonObject, ProtocolError, type Revision } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';
import { connectClient, failure, rawPeer, tick } from './helpers.js';

describe.each(['2025-11-25', '2026-07-28'] as Revision[])('middleware over %s', (revision) => {
  it('runs around every request in order, sees the target and can change the result', async () => {
    const server = new McpServer({ name: 'mw', version: '1' });
    const seen: string[] = [];
    server.use(async (ctx, next) => {
      seen.push(`outer>${ctx.method}:${ctx.target ?? '-'}`);
      const result = await next();
      seen.push('outer<');
      return result;
    });
    server.use(async (ctx, next) => {
      seen.push('inner>');
      const result = await next();
      if (ctx.method === 'tools/call')
        (result.content as JsonObject[]).push({ type: 'text', text: 'stamped' });
      return result;
    });
    server.tool('t', { description: 'd' }, () => 'body');
    const client = await connectClient(server, { revision });
    const result = await client.request('tools/call', { name: 't' });
    expect(result.content).toEqual([
      { type: 'text', text: 'body' },
      { type: 'text', text: 'stamped' },
    ]);
    await client.request('tools/list');
    expect(seen).toEqual([
      'outer>tools/call:t',
      'inner>',
      'outer<',
      'outer>tools/list:-',
      'inner>',
      'outer<',
    ]);
    await client.close();
  });

  it('authorizes tool calls by the scopes of the verified auth info', async () => {
    const server = new McpServer({ name: 'auth', version: '1' });
    server.use(async (ctx, next) => {
      if (ctx.method === 'tools/call' && ctx.target === 'admin' && !ctx.authInfo?.scopes.includes('admin')) {
        throw new ProtocolError(
          ErrorCode.InvalidRequest,
          `Forbidden: expected scope "admin", received ${JSON.stringify(ctx.authInfo?.scopes ?? [])}`,
        );
      }
      return next();
    });
    server.tool('admin', { description: 'admin only' }, (_args, ctx) => `hello ${ctx.authInfo?.subject}`);
    const reader = await connectClient(server, {
      revision,
      context: { authInfo: { token: 't', subject: 'r', scopes: ['read'] } },
    });
    const error = await failure(reader.request('tools/call', { name: 'admin' }));
    expect(error.message).toContain('expected scope "admin"');
    const admin = await connectClient(server, {
      revision,
      context: { authInfo: { token: 't', subject: 'root', scopes: ['admin'] } },
    });
    expect((await admin.request('tools/call', { name: 'admin' })).content).toEqual([
      { type: 'text', text: 'hello root' },
    ]);
    await reader.close();
    await admin.close();
  });
});

describe('handler time limits', () => {
  it('ends a slow tool with an isError result and aborts its signal; other requests get -32603', async () => {
    const server = new McpServer({ name: 'slow', version: '1', handlerTimeoutMs: 30 });
    let aborted = false;
    server.tool('sleepy', { description: 'sleeps' }, async (_args, ctx) => {
      ctx.signal.addEventListener('abort', () => {
        aborted = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      return 'late';
    });
    server.tool('quick', { description: 'own limit', timeoutMs: 1000 }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return 'in time';
    });
    server.prompt('stuck', { description: 'never ends' }, () => new Promise(() => undefined));
    const client = await connectClient(server, { revision: '2025-11-25' });
    const result = await client.request('tools/call', { name: 'sleepy' });
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toContain(
      'timed out: expected a result within 30 ms',
    );
    expect(aborted).toBe(true);
    expect((await client.request('tools/call', { name: 'quick' })).content).toEqual([
      { type: 'text', text: 'in time' },
    ]);
    const error = await failure(client.request('prompts/get', { name: 'stuck' }));
    expect(error.code).toBe(ErrorCode.InternalError);
    expect(error.message).toContain('prompts/get stuck timed out');
    await client.close();
  });

  it('aborts a tool when the client cancels, and answers nothing for it', async () => {
    const server = new McpServer({ name: 'cancel', version: '1' });
    let reason: unknown;
    server.tool(
      'wait',
      { description: 'waits for cancel' },
      (_args, ctx) =>
        new Promise<string>((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            reason = ctx.signal.reason;
            reject(ctx.signal.reason);
          });
        }),
    );
    const peer = await rawPeer(server);
    await peer.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'x', version: '1' },
    });
    await peer.notify('notifications/initialized');
    let answered = false;
    void peer.request('tools/call', { name: 'wait' }).then(() => {
      answered = true;
    });
    await tick(5);
    await peer.notify('notifications/cancelled', { requestId: 2, reason: 'user' });
    await tick(20);
    expect(reason).toBeDefined();
    expect(answered).toBe(false);
    const session = [...server.sessions][0]!;
    expect(session.connection.stats.activeHandlers).toBe(0);
    await peer.close();
  });
});

describe('middleware and time limits on the other methods', () => {
  it('wraps logging/setLevel and tasks too, and never times out a listen stream', async () => {
    const server = new McpServer({ name: 'all', version: '1', handlerTimeoutMs: 20 });
    const methods: string[] = [];
    server.use(async (ctx, next) => {
      methods.push(ctx.method);
      return next();
    });
    const peer = await rawPeer(server);
    const listening = peer.request('subscriptions/listen', {
      _meta: {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientCapabilities': {},
      },
      notifications: { toolsListChanged: true },
    });
    let ended = false;
    void listening.then(() => {
      ended = true;
    });
    await tick(60);
    expect(ended).toBe(false);
    server.tool('late', { description: 'x' }, () => 'x');
    await tick(5);
    expect(peer.received.map((m) => m.method)).toEqual([
      'notifications/subscriptions/acknowledged',
      'notifications/tools/list_changed',
    ]);
    const legacy = await rawPeer(server);
    await legacy.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'x', version: '1' },
    });
    await legacy.notify('notifications/initialized');
    await legacy.request('logging/setLevel', { level: 'error' });
    expect(methods).toEqual(['subscriptions/listen', 'logging/setLevel']);
    await server.close();
    expect((await listening).result).toBeDefined();
  });
});
