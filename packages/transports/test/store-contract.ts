/**
 * The contract every ServerStore backend passes: session records (limits, eviction order, expiry), the
 * shared event store (sequence numbers, retention, tails) and the message bus (fan-out, order, no echo
 * after unsubscribe). Call `describeStoreContract` from a test file with a factory; the memory store runs
 * it in store-memory.test.ts, the Redis store in its own package.
 *
 * The factory returns two handles on one backend, as two processes would hold (the memory store returns
 * the same object twice); records, events and messages written through one must be seen through the
 * other. Expiry is tested with times in the past (or a few ms ahead and a bounded poll), never long sleeps.
 */
import type { JSONRPCMessage, SessionSnapshot } from '@mcpwire/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerStore, SessionLimits, SessionRecord } from '../src/http/index.js';

export interface StoreHandles {
  a: ServerStore;
  b: ServerStore;
  /** Closes both handles and removes what the test wrote. */
  cleanup(): Promise<void>;
}

const LIMITS: SessionLimits = { maxSessions: 100, maxSessionsPerClient: 100, idleAfterMs: 60_000 };
const MINUTE = 60_000;

let counter = 0;
function record(overrides: Partial<SessionRecord> = {}): SessionRecord {
  const now = Date.now();
  return {
    id: `s-${Date.now().toString(36)}-${++counter}:/"odd"`,
    kind: 'streamable-http',
    owner: '["p","https://as.example","user-1","client-1"]',
    clientKey: '127.0.0.1',
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + 10 * MINUTE,
    established: false,
    ...overrides,
  };
}

const message = (n: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/message',
  params: { n },
});

/** Polls `check` until it holds, for up to 3 s (bus and tail deliveries may be asynchronous). */
async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached within 3 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function describeStoreContract(name: string, factory: () => Promise<StoreHandles> | StoreHandles) {
  describe(`ServerStore contract: ${name}`, () => {
    let handles: StoreHandles;
    beforeEach(async () => {
      handles = await factory();
    });
    afterEach(async () => {
      await handles.cleanup();
    });

    describe('sessions', () => {
      it('stores a record and gives it back whole through another handle; unknown ids are undefined', async () => {
        const snapshot: SessionSnapshot = {
          protocolVersion: '2025-06-18',
          initialized: true,
          clientInfo: { name: 'c', version: '1' },
          clientCapabilities: { roots: { listChanged: true } },
          server: { logLevel: 'debug', subscriptions: ['file:///a'] },
        };
        const r = record({ protocolVersion: '2025-06-18', snapshot });
        expect(await handles.a.sessions.create(r, LIMITS)).toEqual({ created: true, evicted: [] });
        expect(await handles.b.sessions.get(r.id)).toEqual(r);
        expect(await handles.b.sessions.get(`${r.id}-other`)).toBeUndefined();
        const bare = record();
        await handles.a.sessions.create(bare, LIMITS);
        const back = await handles.b.sessions.get(bare.id);
        expect(back).toEqual(bare);
        expect(back !== undefined && 'snapshot' in back).toBe(false);
      });

      it('updates only the members given, touches, deletes; all answer false for unknown ids', async () => {
        const r = record();
        await handles.a.sessions.create(r, LIMITS);
        const snapshot: SessionSnapshot = { protocolVersion: '2025-11-25', initialized: false };
        expect(await handles.b.sessions.update(r.id, { snapshot, protocolVersion: '2025-11-25' })).toBe(true);
        expect(await handles.b.sessions.update(r.id, { established: true, getStreamSeq: 7 })).toBe(true);
        const later = r.createdAt + 5000;
        expect(await handles.b.sessions.touch(r.id, later, later + MINUTE)).toBe(true);
        expect(await handles.a.sessions.get(r.id)).toEqual({
          ...r,
          snapshot,
          protocolVersion: '2025-11-25',
          established: true,
          getStreamSeq: 7,
          lastSeenAt: later,
          expiresAt: later + MINUTE,
        });
        expect(await handles.a.sessions.delete(r.id)).toBe(true);
        expect(await handles.b.sessions.get(r.id)).toBeUndefined();
        expect(await handles.b.sessions.delete(r.id)).toBe(false);
        expect(await handles.b.sessions.update(r.id, { established: true })).toBe(false);
        expect(await handles.b.sessions.touch(r.id, later, later + MINUTE)).toBe(false);
        expect(await handles.b.sessions.get(r.id)).toBeUndefined();
      });

      it('never serves an expired record, and expired records do not count', async () => {
        const past = record({ expiresAt: Date.now() - 1 });
        await handles.a.sessions.create(past, LIMITS);
        expect(await handles.b.sessions.get(past.id)).toBeUndefined();
        expect(await handles.b.sessions.touch(past.id, Date.now(), Date.now() + MINUTE)).toBe(false);
        const r = record();
        await handles.a.sessions.create(r, LIMITS);
        // A touch can end the life too: the record was live when touched, and is gone right after.
        expect(await handles.b.sessions.touch(r.id, Date.now(), Date.now() - 1)).toBe(true);
        expect(await handles.a.sessions.get(r.id)).toBeUndefined();
        expect(await handles.a.sessions.count('streamable-http')).toBe(0);
        const soon = record({ expiresAt: Date.now() + 30 });
        await handles.a.sessions.create(soon, LIMITS);
        await eventually(async () => (await handles.b.sessions.get(soon.id)) === undefined);
        expect(await handles.a.sessions.count('streamable-http', soon.clientKey)).toBe(0);
      });

      it('per client: evicts the oldest never-established record, then the least recently seen idle one, else refuses', async () => {
        const limits: SessionLimits = { ...LIMITS, maxSessionsPerClient: 2 };
        const t = Date.now() - 10 * MINUTE;
        const first = record({ createdAt: t, lastSeenAt: t });
        const second = record({ createdAt: t + 1, lastSeenAt: t + 1 });
        await handles.a.sessions.create(first, limits);
        await handles.a.sessions.create(second, limits);
        // Another client and the unknown client key are not affected by this client's limit.
        await handles.a.sessions.create(record({ clientKey: '10.0.0.9' }), limits);
        await handles.a.sessions.create(record({ clientKey: '' }), limits);
        await handles.a.sessions.create(record({ clientKey: '' }), limits);
        await handles.a.sessions.create(record({ clientKey: '' }), limits);
        const third = record({ createdAt: t + 2, lastSeenAt: t + 2 });
        expect(await handles.b.sessions.create(third, limits)).toEqual({
          created: true,
          evicted: [first.id],
        });
        expect(await handles.a.sessions.get(first.id)).toBeUndefined();
        expect(await handles.a.sessions.count('streamable-http', '127.0.0.1')).toBe(2);
        expect(await handles.a.sessions.count('streamable-http', '')).toBe(0);
        // Both established now; `second` seen longest ago (and idle), `third` seen just now.
        await handles.a.sessions.update(second.id, { established: true });
        await handles.a.sessions.update(third.id, { established: true });
        await handles.a.sessions.touch(third.id, Date.now(), Date.now() + MINUTE);
        const fourth = record();
        expect(await handles.b.sessions.create(fourth, limits)).toEqual({
          created: true,
          evicted: [second.id],
        });
        await handles.a.sessions.update(fourth.id, { established: true });
        // Both remaining are busy (seen within idleAfterMs): refused, nothing evicted.
        const fifth = record();
        expect(await handles.b.sessions.create(fifth, limits)).toEqual({
          created: false,
          refused: 'max-sessions-per-client',
          evicted: [],
        });
        expect(await handles.a.sessions.get(fifth.id)).toBeUndefined();
        expect(await handles.a.sessions.get(third.id)).toBeDefined();
      });

      it('at the cap: evicts never-established records first, then the least recently seen idle one, else refuses', async () => {
        const limits: SessionLimits = { ...LIMITS, maxSessions: 3 };
        const old = Date.now() - 10 * MINUTE;
        const e1 = record({ clientKey: 'c1', createdAt: old, lastSeenAt: old });
        const fresh = record({ clientKey: 'c2', createdAt: old + 1, lastSeenAt: old + 1 });
        const e2 = record({ clientKey: 'c3', createdAt: old + 2, lastSeenAt: old + 2 });
        for (const r of [e1, fresh, e2]) await handles.a.sessions.create(r, limits);
        await handles.a.sessions.update(e1.id, { established: true });
        await handles.a.sessions.update(e2.id, { established: true });
        // Another kind counts on its own.
        await handles.a.sessions.create(record({ kind: 'sse', clientKey: 'c9' }), limits);
        const n1 = record({ clientKey: 'c4' });
        expect(await handles.b.sessions.create(n1, limits)).toEqual({ created: true, evicted: [fresh.id] });
        await handles.a.sessions.update(n1.id, { established: true });
        // e2 was seen after e1, but touched since: e1 is now the least recently seen.
        await handles.a.sessions.touch(e1.id, old + 5, Date.now() + MINUTE);
        await handles.a.sessions.touch(e2.id, old + 3, Date.now() + MINUTE);
        const n2 = record({ clientKey: 'c5' });
        expect(await handles.b.sessions.create(n2, limits)).toEqual({ created: true, evicted: [e2.id] });
        await handles.a.sessions.update(n2.id, { established: true });
        await handles.a.sessions.touch(e1.id, Date.now(), Date.now() + MINUTE);
        const n3 = record({ clientKey: 'c6' });
        expect(await handles.b.sessions.create(n3, limits)).toEqual({
          created: false,
          refused: 'max-sessions',
          evicted: [],
        });
        expect(await handles.a.sessions.count('streamable-http')).toBe(3);
        expect(await handles.a.sessions.count('sse')).toBe(1);
      });
    });

    describe('events', () => {
      it('numbers each stream from 1 without gaps, also for appends racing from two handles', async () => {
        const id = `s-${++counter}/0`;
        const seqs = await Promise.all([
          handles.a.events.append(id, message(1)),
          handles.b.events.append(id, message(2)),
          handles.a.events.append(id, message(3)),
        ]);
        expect([...seqs].sort()).toEqual([1, 2, 3]);
        expect(await handles.b.events.append(`s-${counter}/1`, message(9))).toBe(1);
        const seen: number[] = [];
        await handles.b.events.replay(id, 1, (seq) => void seen.push(seq));
        expect(seen).toEqual([2, 3]);
      });

      it('keeps a completed stream for its retention window, then forgets it', async () => {
        const id = `s-${++counter}/t.1`;
        for (let n = 1; n <= 3; n++) await handles.a.events.append(id, message(n));
        await handles.a.events.complete(id, 60_000);
        const replayed: Array<[number, unknown]> = [];
        await handles.b.events.replay(
          id,
          1,
          (seq, m) => void replayed.push([seq, (m as { params?: { n?: number } }).params?.n]),
        );
        expect(replayed).toEqual([
          [2, 2],
          [3, 3],
        ]);
        const short = `s-${counter}/t.2`;
        await handles.a.events.append(short, message(1));
        await handles.a.events.complete(short, 20);
        const ended: string[] = [];
        await eventually(async () => {
          const tail = await handles.b.events.tail(short, 0, {
            event: () => {},
            end: () => void ended.push('end'),
          });
          return tail === undefined;
        });
        const none: number[] = [];
        await handles.b.events.replay(short, 0, (seq) => void none.push(seq));
        expect(none).toEqual([]);
      });

      it('tails: replays the rest, follows appends from the other handle, ends after completion', async () => {
        const id = `s-${++counter}/t.3`;
        await handles.a.events.append(id, message(1));
        await handles.a.events.append(id, message(2));
        const got: number[] = [];
        let ended = 0;
        const tail = await handles.b.events.tail(id, 1, {
          event: (seq) => void got.push(seq),
          end: () => void ended++,
        });
        expect(tail?.startSeq).toBe(1);
        await eventually(() => got.length === 1);
        await handles.a.events.append(id, message(3));
        await handles.a.events.append(id, message(4));
        await handles.a.events.complete(id, 60_000);
        await eventually(() => ended === 1);
        expect(got).toEqual([2, 3, 4]);
        // A tail of a completed stream delivers what is left and ends.
        const late: number[] = [];
        let lateEnded = false;
        await handles.a.events.tail(id, 2, {
          event: (seq) => void late.push(seq),
          end: () => (lateEnded = true),
        });
        await eventually(() => lateEnded);
        expect(late).toEqual([3, 4]);
        expect(ended).toBe(1);
      });

      it('tails from the end with afterSeq < 0, stops on stop(), ends on delete; unknown streams are undefined', async () => {
        const id = `s-${++counter}/0`;
        await handles.a.events.append(id, message(1));
        await handles.a.events.append(id, message(2));
        const got: number[] = [];
        let ended = false;
        const tail = await handles.b.events.tail(id, -1, {
          event: (seq) => void got.push(seq),
          end: () => (ended = true),
        });
        expect(tail?.startSeq).toBe(2);
        await handles.a.events.append(id, message(3));
        await eventually(() => got.length === 1);
        const stopped: number[] = [];
        const other = await handles.b.events.tail(id, 0, {
          event: (seq) => void stopped.push(seq),
          end: () => {},
        });
        await eventually(() => stopped.length === 3);
        other!.stop();
        other!.stop();
        await handles.a.events.append(id, message(4));
        await eventually(() => got.length === 2);
        expect(got).toEqual([3, 4]);
        expect(stopped).toEqual([1, 2, 3]);
        await handles.a.events.deleteStream(id);
        await eventually(() => ended);
        expect(await handles.b.events.tail(id, 0, { event: () => {}, end: () => {} })).toBeUndefined();
        expect(
          await handles.b.events.tail(`never-${counter}/1`, 0, { event: () => {}, end: () => {} }),
        ).toBeUndefined();
        // With `create`, a stream nobody wrote yet is followed from its first append.
        const early: number[] = [];
        const fresh = `new-${counter}/0`;
        const created = await handles.b.events.tail(
          fresh,
          0,
          { event: (seq) => void early.push(seq), end: () => {} },
          true,
        );
        expect(created?.startSeq).toBe(0);
        await handles.a.events.append(fresh, message(1));
        await eventually(() => early.length === 1);
        expect(early).toEqual([1]);
        created!.stop();
      });
    });

    describe('bus', () => {
      it('delivers to every subscription of the channel, in order, across handles; not after unsubscribe', async () => {
        const channel = `c-${++counter}`;
        const first: string[] = [];
        const second: string[] = [];
        const elsewhere: string[] = [];
        const s1 = await handles.a.bus.subscribe(channel, (m) => void first.push(m));
        const s2 = await handles.b.bus.subscribe(channel, (m) => void second.push(m));
        await handles.a.bus.subscribe(`${channel}-other`, (m) => void elsewhere.push(m));
        for (let n = 0; n < 20; n++) await handles.b.bus.publish(channel, `{"n":${n}}`);
        await eventually(() => first.length === 20 && second.length === 20);
        const expected = Array.from({ length: 20 }, (_, n) => `{"n":${n}}`);
        expect(first).toEqual(expected);
        expect(second).toEqual(expected);
        await s1.unsubscribe();
        await handles.a.bus.publish(channel, 'after');
        await eventually(() => second.length === 21);
        expect(first).toHaveLength(20);
        expect(elsewhere).toEqual([]);
        await s2.unsubscribe();
        await s2.unsubscribe();
      });

      it('keeps delivering to the others when one listener throws', async () => {
        const channel = `c-${++counter}`;
        const got: string[] = [];
        await handles.a.bus.subscribe(channel, () => {
          throw new Error('broken listener');
        });
        await handles.b.bus.subscribe(channel, (m) => void got.push(m));
        await handles.a.bus.publish(channel, 'one');
        await handles.a.bus.publish(channel, 'two');
        await eventually(() => got.length === 2);
        expect(got).toEqual(['one', 'two']);
      });
    });
  });
}
