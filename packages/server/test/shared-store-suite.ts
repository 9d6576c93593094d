/**
 * Two McpServers sharing one `store` behave as two processes of one server: the same session served by
 * both (as a load balancer without stickiness does) sees one set of tasks, a cancellation served by one
 * stops the work running in the other, a resource update reaches each subscribed session once however
 * many processes serve it, and 2026-07-28 listen streams hear updates made in any process. A suite:
 * shared-store.test.ts runs it on the memory parts, @mcpwire/redis on Redis.
 */
import { createInMemoryPair, type JsonObject } from '@mcpwire/core';
import { McpServer, type McpServerStore } from '@mcpwire/server';
import { afterEach, describe, expect, it } from 'vitest';
import { initializeRaw, modernMeta, type RawPeer, rawPeer, tick } from './helpers.js';

const stops: string[] = [];
function replica(store: McpServerStore): McpServer {
  const server = new McpServer({ name: 'replica', version: '1.0.0', store, tasks: { pollIntervalMs: 10 } });
  server.resource('a', 'mem://a', {}, () => 'a');
  server.tool(
    'wait',
    { description: 'waits until stopped', taskSupport: 'optional', inputSchema: {} },
    (_args, ctx) =>
      new Promise((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => {
          stops.push(ctx.signal.reason instanceof Error ? ctx.signal.reason.message : 'stopped');
          reject(new Error('stopped'));
        });
      }),
  );
  return server;
}

/** A raw peer on `server` for the legacy session `sessionId` (the transport reports that id). */
async function sessionPeer(server: McpServer, sessionId: string): Promise<RawPeer> {
  const peer = await rawPeer(server, undefined, createInMemoryPair({ server: { sessionId } }));
  await initializeRaw(peer, '2025-11-25');
  return peer;
}

/** Polls until `check` holds (bounded: 3 s); a bus across processes delivers asynchronously. */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await tick(10);
  expect(check()).toBe(true);
}

const peers: RawPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
});

/** `stores()` gives two handles on one backend, one per McpServer, as two processes would hold. */
export function describeSharedServerStore(
  name: string,
  stores: () => [McpServerStore, McpServerStore] | Promise<[McpServerStore, McpServerStore]>,
): void {
  describe(`McpServers sharing a store: ${name}`, () => {
    it('serve one set of tasks: listed, cancelled and awaited through the other, work stopped where it runs', async () => {
      const [one, two] = await stores();
      const [a, b] = [replica(one), replica(two)];
      const onA = await sessionPeer(a, 'session-1');
      const onB = await sessionPeer(b, 'session-1');
      const stranger = await sessionPeer(b, 'session-2');
      peers.push(onA, onB, stranger);
      const created = (
        await onA.request('tools/call', { name: 'wait', arguments: {}, task: { ttl: 60_000 } })
      ).result as { task: { taskId: string } };
      const taskId = created.task.taskId;
      expect(((await onB.request('tasks/get', { taskId })).result as JsonObject).status).toBe('working');
      expect(((await onB.request('tasks/list')).result as { tasks: JsonObject[] }).tasks).toHaveLength(1);
      expect((await stranger.request('tasks/get', { taskId })).error).toMatchObject({ code: -32602 });
      const result = onB.request('tasks/result', { taskId });
      expect(((await onB.request('tasks/cancel', { taskId })).result as JsonObject).status).toBe('cancelled');
      expect((await result).error).toMatchObject({ message: `Task ${taskId} was cancelled` });
      // The tool ran on A and was stopped there by the cancellation served by B.
      await eventually(() => stops.includes(`Task ${taskId} was cancelled by the client`));
      const statuses = [...onA.received, ...onB.received].filter(
        (m) => m.method === 'notifications/tasks/status',
      );
      expect(statuses.map((m) => (m.params as JsonObject).status)).toEqual(['cancelled']);
    });

    it('deliver a resource update once per subscribed session, whichever server is told', async () => {
      const [one, two] = await stores();
      const [a, b] = [replica(one), replica(two)];
      const onA = await sessionPeer(a, 'session-1');
      const onB = await sessionPeer(b, 'session-1');
      const other = await sessionPeer(a, 'session-2');
      peers.push(onA, onB, other);
      for (const peer of [onA, onB, other]) await peer.request('resources/subscribe', { uri: 'mem://a' });
      b.notifyResourceUpdated('mem://a');
      const updates = (peer: RawPeer) =>
        peer.received.filter((m) => m.method === 'notifications/resources/updated');
      await eventually(() => updates(other).length === 1 && updates(onA).length + updates(onB).length > 0);
      // The copies of session-1 raced for the same update; a late duplicate would show by now.
      await tick(50);
      expect(updates(onA).length + updates(onB).length).toBe(1);
      expect(updates(other)).toHaveLength(1);
    });

    it('tell list changes made on one server to the legacy sessions and listen streams of the other, once', async () => {
      const [one, two] = await stores();
      const [a, b] = [replica(one), replica(two)];
      const sharedOnA = await sessionPeer(a, 'session-1'); // A serves: its changes are published
      const sharedOnB = await sessionPeer(b, 'session-1');
      const onlyOnB = await sessionPeer(b, 'session-2');
      const tools = await rawPeer(b);
      const prompts = await rawPeer(b);
      const toolsOnA = await rawPeer(a); // told locally; A ignores its own publication
      peers.push(sharedOnA, sharedOnB, onlyOnB, tools, prompts, toolsOnA);
      for (const [peer, notifications] of [
        [tools, { toolsListChanged: true }],
        [toolsOnA, { toolsListChanged: true }],
        [prompts, { promptsListChanged: true }],
      ] as const) {
        void peer.request('subscriptions/listen', { _meta: modernMeta(), notifications });
      }
      await eventually(() => [tools, prompts, toolsOnA].every((peer) => peer.received.length === 1));
      a.tool('added', { description: 'registered on A' }, () => 'added');
      const changed = (peer: RawPeer) =>
        peer.received.filter((m) => m.method === 'notifications/tools/list_changed');
      await eventually(
        () =>
          changed(onlyOnB).length === 1 &&
          changed(tools).length === 1 &&
          changed(sharedOnA).length + changed(sharedOnB).length > 0,
      );
      await tick(50); // a late duplicate would show by now
      expect(changed(sharedOnA).length + changed(sharedOnB).length).toBe(1);
      expect(changed(onlyOnB)).toHaveLength(1);
      for (const peer of [tools, toolsOnA]) {
        expect(peer.received.map((m) => m.method)).toEqual([
          'notifications/subscriptions/acknowledged',
          'notifications/tools/list_changed',
        ]);
      }
      // The listen filter holds as for local changes: a prompts-only stream hears nothing of tools.
      expect(prompts.received.map((m) => m.method)).toEqual(['notifications/subscriptions/acknowledged']);
    });

    it('tell a 2026-07-28 listen stream on one server about an update made on the other', async () => {
      const [one, two] = await stores();
      const [a, b] = [replica(one), replica(two)];
      await a.connect(createInMemoryPair()[1]); // subscribes the server to the bus, as any connection does
      const peer = await rawPeer(a);
      peers.push(peer);
      void peer.request('subscriptions/listen', {
        _meta: modernMeta(),
        notifications: { resourceSubscriptions: ['mem://a'] },
      });
      await tick(5);
      b.notifyResourceUpdated('mem://a');
      await eventually(() => peer.received.length === 2);
      expect(peer.received.map((m) => m.method)).toEqual([
        'notifications/subscriptions/acknowledged',
        'notifications/resources/updated',
      ]);
    });
  });
}
