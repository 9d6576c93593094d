import { ErrorCode, type JsonObject, META_SUBSCRIPTION_ID, type ProtocolError } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectClient, failure, initializeRaw, modernMeta, rawPeer, tick } from './helpers.js';

function makeServer(): McpServer {
  const server = new McpServer({ name: 'st', version: '1.0.0', tasks: { pollIntervalMs: 10 } });
  server.resource('a', 'mem://a', {}, () => 'a');
  server.resource('b', 'mem://b', {}, () => 'b');
  server.tool(
    'slow',
    { description: 'a task-capable tool', taskSupport: 'optional', inputSchema: { ms: z.number() } },
    async ({ ms }, ctx) => {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('stopped'));
        });
      });
      return `slept ${ms}`;
    },
  );
  server.tool('task-only', { description: 'must be a task', taskSupport: 'required' }, () => 'ok');
  server.tool('plain', { description: 'no tasks' }, () => 'plain');
  return server;
}

describe('legacy resource subscriptions', () => {
  it('sends notifications/resources/updated only for subscribed URIs until unsubscribed', async () => {
    const server = makeServer();
    const peer = await rawPeer(server);
    await initializeRaw(peer, '2025-06-18');
    expect((await peer.request('resources/subscribe', { uri: 'mem://a' })).result).toEqual({});
    server.notifyResourceUpdated('mem://a');
    server.notifyResourceUpdated('mem://b');
    await tick(5);
    const updates = () => peer.received.filter((m) => m.method === 'notifications/resources/updated');
    expect(updates().map((m) => (m.params as JsonObject).uri)).toEqual(['mem://a']);
    expect((await peer.request('resources/unsubscribe', { uri: 'mem://a' })).result).toEqual({});
    server.notifyResourceUpdated('mem://a');
    await tick(5);
    expect(updates()).toHaveLength(1);
    await peer.close();
  });
});

describe('2026-07-28 subscriptions/listen', () => {
  it('acknowledges first, tags every message with the subscription id, sends only what was asked', async () => {
    const server = makeServer();
    const peer = await rawPeer(server);
    const listening = peer.request('subscriptions/listen', {
      _meta: modernMeta(),
      notifications: { toolsListChanged: true, resourceSubscriptions: ['mem://a'] },
    });
    await tick(5);
    const first = peer.received[0]!;
    expect(first.method).toBe('notifications/subscriptions/acknowledged');
    expect(first.params).toEqual({
      _meta: { [META_SUBSCRIPTION_ID]: 1 },
      notifications: { toolsListChanged: true, resourceSubscriptions: ['mem://a'] },
    });
    server.tool('new', { description: 'x' }, () => 'x');
    server.prompt('p', { description: 'not asked for' }, () => 'p');
    server.notifyResourceUpdated('mem://a');
    server.notifyResourceUpdated('mem://b');
    await tick(5);
    const rest = peer.received.slice(1);
    // list_changed is coalesced per tick, so it may come after the update sent in the same tick.
    expect(rest.map((m) => m.method).sort()).toEqual([
      'notifications/resources/updated',
      'notifications/tools/list_changed',
    ]);
    for (const message of rest)
      expect((message.params as JsonObject)._meta).toEqual({ [META_SUBSCRIPTION_ID]: 1 });
    // Cancelling the listen request ends the stream: no response, no more notifications.
    await peer.notify('notifications/cancelled', { requestId: 1 });
    await tick(5);
    server.notifyResourceUpdated('mem://a');
    await tick(5);
    expect(peer.received.length).toBe(3);
    await peer.close();
    void listening;
  });

  it('ends streams gracefully with a result carrying the subscription id when the server closes', async () => {
    const server = makeServer();
    const peer = await rawPeer(server);
    const listening = peer.request('subscriptions/listen', {
      _meta: modernMeta(),
      notifications: { promptsListChanged: true },
    });
    await tick(5);
    await server.close();
    const response = await listening;
    expect(response.result).toMatchObject({ resultType: 'complete', _meta: { [META_SUBSCRIPTION_ID]: 1 } });
  });
});

describe('tasks (2025-11-25)', () => {
  it('declares tasks, runs a task-augmented call in the background and serves get/result/list', async () => {
    const client = await connectClient(makeServer(), { revision: '2025-11-25' });
    expect(client.serverCapabilities?.tasks).toEqual({
      list: {},
      cancel: {},
      requests: { tools: { call: {} } },
    });
    const { tools } = await client.request('tools/list');
    expect(tools.find((t) => t.name === 'slow')?.execution).toEqual({ taskSupport: 'optional' });
    const statuses: string[] = [];
    client.setNotificationHandler('notifications/tasks/status', (params) => {
      statuses.push(params.status);
    });
    const created = (await client.rawRequest('tools/call', {
      name: 'slow',
      arguments: { ms: 30 },
      task: { ttl: 60_000 },
    })) as {
      task: { taskId: string; status: string; ttl: number };
    };
    expect(created.task).toMatchObject({ status: 'working', ttl: 60_000 });
    const id = created.task.taskId;
    expect((await client.request('tasks/get', { taskId: id })).status).toBe('working');
    const result = await client.request('tasks/result', { taskId: id });
    expect(result).toMatchObject({
      content: [{ type: 'text', text: 'slept 30' }],
      _meta: { 'io.modelcontextprotocol/related-task': { taskId: id } },
    });
    expect((await client.request('tasks/get', { taskId: id })).status).toBe('completed');
    expect((await client.request('tasks/list')).tasks.map((t) => t.taskId)).toEqual([id]);
    await tick(5);
    expect(statuses).toEqual(['completed']);
    await client.close();
  });

  it('cancels a working task, refuses to cancel it twice, and enforces taskSupport', async () => {
    const client = await connectClient(makeServer(), { revision: '2025-11-25' });
    const created = (await client.rawRequest('tools/call', {
      name: 'slow',
      arguments: { ms: 5000 },
      task: {},
    })) as {
      task: { taskId: string };
    };
    const cancelled = await client.request('tasks/cancel', { taskId: created.task.taskId });
    expect(cancelled.status).toBe('cancelled');
    const again = await failure(client.request('tasks/cancel', { taskId: created.task.taskId }));
    expect(again.code).toBe(ErrorCode.InvalidParams);
    const unknown = await failure(client.request('tasks/get', { taskId: 'nope' }));
    expect(unknown.code).toBe(ErrorCode.InvalidParams);
    const required = await failure(client.request('tools/call', { name: 'task-only' }));
    expect(required.code).toBe(ErrorCode.MethodNotFound);
    const forbidden = await client
      .rawRequest('tools/call', { name: 'plain', task: {} })
      .catch((e: unknown) => e as ProtocolError);
    expect(forbidden.code).toBe(ErrorCode.MethodNotFound);
    await client.close();
  });

  it('does not declare tasks to older revisions', async () => {
    const client = await connectClient(makeServer(), { revision: '2025-06-18' });
    expect(client.serverCapabilities?.tasks).toBeUndefined();
    await client.close();
  });
});
