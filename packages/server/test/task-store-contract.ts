/**
 * What every TaskStore must do, as a suite: the memory store runs it in task-store-memory.test.ts, the
 * Redis store in @mcpwire/redis. The factory gives two handles on one backend, as two processes hold them
 * (the memory store gives the same object twice): what one writes, the other reads and hears.
 */
import type { TaskState, TaskStore } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';

export interface TaskStoreHandles {
  a: TaskStore;
  b: TaskStore;
}

let counter = 0;
function task(ttl = 60_000): TaskState {
  const now = new Date().toISOString();
  return {
    taskId: `task-${++counter}-${Math.random().toString(36).slice(2)}`,
    status: 'working',
    createdAt: now,
    lastUpdatedAt: now,
    ttl,
    pollInterval: 100,
  };
}

/** Polls until `check` holds (bounded: 3 s), for deliveries and expiry that no event announces. */
async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached within 3 s');
}

export function describeTaskStoreContract(name: string, open: () => Promise<TaskStoreHandles>): void {
  describe(`TaskStore contract: ${name}`, () => {
    it('keeps tasks per owner, in creation order, readable through the other handle', async () => {
      const { a, b } = await open();
      const first = task();
      const second = task();
      await a.create('owner-1', first, 60_000);
      await b.create('owner-1', second, 60_000);
      await a.create('owner-2', task(), 60_000);
      expect(await b.get('owner-1', first.taskId)).toEqual({ task: first });
      expect((await a.list('owner-1')).map((t) => t.taskId)).toEqual([first.taskId, second.taskId]);
      // Another owner's task is unknown, as is an id never created.
      expect(await b.get('owner-2', first.taskId)).toBeUndefined();
      expect(await b.get('owner-1', 'nope')).toBeUndefined();
      expect(await b.list('owner-3')).toEqual([]);
    });

    it('ends a task once: the first finish wins, also when two race from both handles', async () => {
      const { a, b } = await open();
      const t = task();
      await a.create('o', t, 60_000);
      const at = new Date(Date.now() + 5).toISOString();
      const results = await Promise.all([
        a.finish('o', t.taskId, 'completed', at, {
          result: { content: [], structuredContent: { list: [] } },
        }),
        b.finish('o', t.taskId, 'cancelled', at, { error: { code: -32603, message: 'cancelled' } }),
      ]);
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      const stored = await b.get('o', t.taskId);
      expect(stored).toEqual(winners[0]);
      expect(stored?.task).toEqual({ ...t, status: stored?.task.status, lastUpdatedAt: at });
      // Empty arrays and objects survive the round trip (no JSON library turning [] into {}).
      if (stored?.task.status === 'completed') {
        expect(stored.outcome).toEqual({ result: { content: [], structuredContent: { list: [] } } });
      }
      expect(
        await a.finish('o', t.taskId, 'failed', at, { error: { code: 1, message: 'late' } }),
      ).toBeUndefined();
      expect(
        await a.finish('o', 'unknown', 'failed', at, { error: { code: 1, message: 'x' } }),
      ).toBeUndefined();
      expect((await a.list('o'))[0]?.status).toBe(stored?.task.status);
    });

    it('tells watchers on either handle when the task ends, once, and not after they stop', async () => {
      const { a, b } = await open();
      const t = task();
      const u = task();
      await a.create('o', t, 60_000);
      await a.create('o', u, 60_000);
      const heard: string[] = [];
      const stopped: string[] = [];
      await a.watch('o', t.taskId, (record) => void heard.push(`a:${record.task.status}`));
      await b.watch('o', t.taskId, (record) => void heard.push(`b:${record.task.status}`));
      const unwatch = await b.watch('o', u.taskId, (record) => void stopped.push(record.task.status));
      unwatch();
      await b.finish('o', u.taskId, 'completed', new Date().toISOString(), { result: {} });
      await b.finish('o', t.taskId, 'failed', new Date().toISOString(), { error: { code: 1, message: 'x' } });
      await b.finish('o', t.taskId, 'completed', new Date().toISOString(), { result: {} });
      await eventually(() => heard.length === 2);
      expect(heard.sort()).toEqual(['a:failed', 'b:failed']);
      expect(stopped).toEqual([]);
    });

    it('forgets a task once its ttl has passed', async () => {
      const { a, b } = await open();
      const short = task(30);
      const long = task();
      await a.create('o', short, 30);
      await a.create('o', long, 60_000);
      await eventually(async () => (await b.get('o', short.taskId)) === undefined);
      expect((await b.list('o')).map((t) => t.taskId)).toEqual([long.taskId]);
      expect(
        await b.finish('o', short.taskId, 'completed', new Date().toISOString(), { result: {} }),
      ).toBeUndefined();
    });
  });
}
