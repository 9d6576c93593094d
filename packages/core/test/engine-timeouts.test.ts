import {
  AbortedError,
  type CallerListener,
  DEFAULT_REQUEST_TIMEOUT_MS,
  LocalErrorCode,
  type Progress,
  ProtocolEngine,
  TimeoutError,
} from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { engineWithPeer, settle, sleep } from './engine-fixtures.js';

describe('engine: timeouts', () => {
  it('documents a 60 s default', () => {
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(60_000);
  });

  it('refuses timeouts that are not numbers >= 0 before sending anything', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    await expect(engine.rawRequest('demo/x', {}, { timeoutMs: Number.NaN })).rejects.toMatchObject({
      code: LocalErrorCode.InvalidConfig,
    });
    await expect(engine.rawRequest('demo/x', {}, { timeoutMs: -1 })).rejects.toMatchObject({
      code: LocalErrorCode.InvalidConfig,
    });
    await expect(engine.rawRequest('demo/x', {}, { maxTotalTimeoutMs: -5 })).rejects.toMatchObject({
      code: LocalErrorCode.InvalidConfig,
    });
    await settle();
    expect(peer.received).toEqual([]);
  });

  it('times out, tells the peer with notifications/cancelled, and drops the late response quietly', async () => {
    const { engine, peer, errors } = await engineWithPeer(new ProtocolEngine({ defaultTimeoutMs: 40 }));
    const started = Date.now();
    const call = engine.rawRequest('demo/slow');
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: LocalErrorCode.Timeout, timeoutMs: 40 });
    expect((error as Error).message).toMatch(/demo\/slow.*within 40 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    const request = await peer.method('demo/slow');
    const cancel = await peer.method('notifications/cancelled');
    expect(cancel.params).toEqual({ requestId: request.id, reason: 'Request timed out after 40 ms' });
    await peer.send({ jsonrpc: '2.0', id: request.id, result: {} }); // timeout vs response race: too late
    await settle();
    expect(errors).toEqual([]);
    expect(engine.stats.pendingRequests).toBe(0);
  });

  it('restarts the clock on progress when asked, but never beyond the maximum total time', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    const progress: Progress[] = [];
    const kept = engine.rawRequest(
      'demo/a',
      {},
      { timeoutMs: 80, resetTimeoutOnProgress: true, onprogress: (p) => progress.push(p) },
    );
    const unkept = engine.rawRequest('demo/b', {}, { timeoutMs: 80, onprogress: () => {} });
    const capped = engine.rawRequest(
      'demo/c',
      {},
      { timeoutMs: 80, resetTimeoutOnProgress: true, maxTotalTimeoutMs: 150, onprogress: () => {} },
    );
    const unkeptOutcome = unkept.catch((e: unknown) => e);
    const cappedOutcome = capped.catch((e: unknown) => e);
    const [a, b, c] = await Promise.all([
      peer.method('demo/a'),
      peer.method('demo/b'),
      peer.method('demo/c'),
    ]);
    const tokenOf = (m: typeof a) => (m.params as { _meta: { progressToken: number } })._meta.progressToken;
    for (let step = 1; step <= 5; step++) {
      await sleep(45);
      for (const request of [a, b, c]) {
        await peer.send({
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: tokenOf(request), progress: step, total: 5, message: `step ${step}` },
        });
      }
    }
    await peer.send({ jsonrpc: '2.0', id: a.id, result: { done: true } });
    await expect(kept).resolves.toEqual({ done: true });
    expect(progress.map((p) => p.progress)).toEqual([1, 2, 3, 4, 5]);
    expect(progress[0]).toEqual({ progress: 1, total: 5, message: 'step 1' });
    expect(await unkeptOutcome).toBeInstanceOf(TimeoutError);
    const cappedError = await cappedOutcome;
    expect(cappedError).toBeInstanceOf(TimeoutError);
    expect(cappedError).toMatchObject({ timeoutMs: 150 });
  });
});

describe('engine: one timer for every pending request', () => {
  /** Timers that hold the process open (an unref'd timer is not listed). */
  const liveTimers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;

  it('times out a short request sent after a long one on time, and the long one on its own', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    const started = Date.now();
    const long = engine.rawRequest('demo/long', {}, { timeoutMs: 200 }).catch((e: unknown) => e);
    const short = engine.rawRequest('demo/short', {}, { timeoutMs: 30 }).catch((e: unknown) => e);
    const answered = engine.rawRequest('demo/answered', {}, { timeoutMs: 60 });
    const request = await peer.method('demo/answered');
    await peer.send({ jsonrpc: '2.0', id: request.id, result: { ok: true } });
    await expect(answered).resolves.toEqual({ ok: true });
    expect(await short).toMatchObject({ timeoutMs: 30 });
    const shortAfter = Date.now() - started;
    expect(shortAfter).toBeGreaterThanOrEqual(25);
    expect(shortAfter).toBeLessThan(200);
    expect(await long).toMatchObject({ timeoutMs: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    expect(engine.stats.pendingRequests).toBe(0);
  });

  it('holds the process open only while a request with a deadline is pending', async () => {
    const before = liveTimers();
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    const calls = [1, 2, 3].map((n) => engine.rawRequest('demo/x', { n }, { timeoutMs: 60_000 }));
    expect(liveTimers()).toBe(before + 1);
    const endless = engine.rawRequest('demo/x', {}, { timeoutMs: Number.POSITIVE_INFINITY });
    await settle();
    for (const request of peer.messages().slice(0, 3))
      await peer.send({ jsonrpc: '2.0', id: request.id, result: {} });
    await Promise.all(calls);
    // Only the request without a deadline is left: the timer no longer keeps the process alive.
    expect(liveTimers()).toBe(before);
    const again = engine.rawRequest('demo/x', {}, { timeoutMs: 60_000 });
    expect(liveTimers()).toBe(before + 1);
    await engine.close();
    await expect(again).rejects.toBeInstanceOf(Error);
    await expect(endless).rejects.toBeInstanceOf(Error);
    expect(liveTimers()).toBe(before);
  });
});

describe('engine: cancellation of outgoing requests', () => {
  it('sends notifications/cancelled with the reason, rejects with AbortedError, drops the late response', async () => {
    const { engine, peer, errors } = await engineWithPeer(new ProtocolEngine());
    const controller = new AbortController();
    const call = engine.rawRequest('demo/x', {}, { signal: controller.signal });
    const request = await peer.method('demo/x');
    // cancel vs response race: the response is already on its way when the caller aborts.
    void peer.send({ jsonrpc: '2.0', id: request.id, result: { late: true } });
    controller.abort('user pressed stop');
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({
      reason: 'user pressed stop',
      message: expect.stringContaining('user pressed stop'),
    });
    const cancel = await peer.method('notifications/cancelled');
    expect(cancel.params).toEqual({ requestId: request.id, reason: 'user pressed stop' });
    await settle();
    expect(errors).toEqual([]);
  });

  it('never sends notifications/cancelled for initialize', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    const controller = new AbortController();
    const call = engine.rawRequest(
      'initialize',
      { protocolVersion: '2025-11-25' },
      { signal: controller.signal },
    );
    await peer.method('initialize');
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(AbortedError);
    await settle();
    expect(peer.messages().some((m) => m.method === 'notifications/cancelled')).toBe(false);
  });

  it('does not send a request whose signal is already aborted', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    await expect(
      engine.rawRequest('demo/x', {}, { signal: AbortSignal.abort('early') }),
    ).rejects.toBeInstanceOf(AbortedError);
    await settle();
    expect(peer.received).toEqual([]);
  });

  it('removes its abort listener when the request settles (no listener outlives its request)', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    const controller = new AbortController();
    let live = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      live++;
      add(...args);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      live--;
      remove(...args);
    }) as typeof signal.removeEventListener;
    const calls = [1, 2, 3].map((n) => engine.rawRequest('demo/x', { n }, { signal }));
    expect(live).toBe(3);
    await settle();
    for (const request of peer.messages()) await peer.send({ jsonrpc: '2.0', id: request.id, result: {} });
    await Promise.all(calls);
    expect(live).toBe(0);
  });
});

describe('engine: cancellation of incoming requests', () => {
  it('aborts the handler signal with the reason and sends no response', async () => {
    const { engine, peer, errors } = await engineWithPeer(new ProtocolEngine());
    let reason: unknown;
    engine.setRequestHandler(
      'demo/wait',
      (_p, context) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener('abort', () => {
            reason = context.signal.reason;
            reject(new Error('stopped'));
          });
        }),
    );
    await peer.send({ jsonrpc: '2.0', id: 9, method: 'demo/wait' });
    await settle();
    expect(engine.stats.activeHandlers).toBe(1);
    await peer.send({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 9, reason: 'no longer needed' },
    });
    await settle();
    expect(reason).toBeInstanceOf(AbortedError);
    expect((reason as AbortedError).message).toContain('no longer needed');
    expect(peer.received).toEqual([]);
    expect(engine.stats.activeHandlers).toBe(0);
    expect(errors).toEqual([]);
  });

  it('ignores cancellations for unknown, finished or malformed ids', async () => {
    const { engine, peer, errors } = await engineWithPeer(new ProtocolEngine());
    engine.setRequestHandler('demo/quick', () => ({ ok: true }));
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'demo/quick' });
    await peer.response(1);
    for (const params of [{ requestId: 1 }, { requestId: 12345 }, { requestId: null }, undefined]) {
      await peer.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params });
    }
    await settle();
    expect(errors).toEqual([]);
    expect(peer.received).toHaveLength(1);
  });

  it('treats the transport signal (caller gone) as cancellation', async () => {
    const controller = new AbortController();
    const { engine, peer } = await engineWithPeer(new ProtocolEngine(), {
      client: { context: { signal: controller.signal } },
    });
    const wasAborted = waitUntilAborted(engine);
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'demo/wait' });
    await settle();
    controller.abort();
    await settle();
    expect(wasAborted()).toBe(true);
    expect(peer.received).toEqual([]);
  });
});

/** Registers `demo/wait`, which answers only once its signal aborts; returns whether that happened. */
function waitUntilAborted(engine: ProtocolEngine): () => boolean {
  let aborted = false;
  engine.setRequestHandler(
    'demo/wait',
    (_p, context) =>
      new Promise((resolve) => {
        context.signal.addEventListener('abort', () => {
          aborted = true;
          resolve({ partial: true });
        });
      }),
  );
  return () => aborted;
}

describe('engine: MessageContext.watchCaller', () => {
  it('treats a caller gone as cancellation, and stops watching each request once it settles', async () => {
    const listeners = new Set<CallerListener>();
    const watchCaller = (listener: CallerListener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    };
    const { engine, peer } = await engineWithPeer(new ProtocolEngine(), {
      client: { context: { watchCaller } },
    });
    engine.setRequestHandler('demo/quick', () => ({ ok: true }));
    const wasAborted = waitUntilAborted(engine);
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'demo/quick' });
    await peer.response(1);
    expect(listeners.size).toBe(0);
    await peer.send({ jsonrpc: '2.0', id: 2, method: 'demo/wait' });
    await settle();
    expect(listeners.size).toBe(1);
    for (const listener of [...listeners]) listener.handleEvent();
    await settle();
    expect(wasAborted()).toBe(true);
    expect(listeners.size).toBe(0);
    expect(peer.received.map((m) => (m as { id?: unknown }).id)).toEqual([1]);
  });

  it('cancels at once when the caller is already gone as the request starts', async () => {
    let stopped = 0;
    const watchCaller = (listener: CallerListener) => {
      listener.handleEvent();
      return () => void stopped++;
    };
    const { engine, peer } = await engineWithPeer(new ProtocolEngine(), {
      client: { context: { watchCaller } },
    });
    let sawAbort = false;
    engine.setRequestHandler('demo/wait', (_p, context) => {
      sawAbort = context.signal.aborted;
      return { late: true };
    });
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'demo/wait' });
    await settle();
    expect(sawAbort).toBe(true);
    expect(stopped).toBe(1);
    expect(peer.received).toEqual([]);
  });
});

describe('engine: progress', () => {
  it('gives concurrent requests distinct tokens and ignores progress after the final response', async () => {
    const { engine, peer, errors } = await engineWithPeer(new ProtocolEngine());
    const seen: number[] = [];
    const first = engine.rawRequest('demo/a', {}, { onprogress: (p) => seen.push(p.progress) });
    const second = engine.rawRequest('demo/b', { _meta: { trace: 'x' } }, { onprogress: () => {} });
    const [a, b] = await Promise.all([peer.method('demo/a'), peer.method('demo/b')]);
    const tokenA = (a.params as { _meta: { progressToken: unknown } })._meta.progressToken;
    const metaB = (b.params as { _meta: { progressToken: unknown; trace: string } })._meta;
    expect(tokenA).not.toEqual(metaB.progressToken);
    expect(metaB.trace).toBe('x');
    await peer.send({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: tokenA, progress: 1 },
    });
    await peer.send({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: tokenA, progress: 1 },
    }); // not increasing
    await peer.send({ jsonrpc: '2.0', id: a.id, result: {} });
    await first;
    await peer.send({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: tokenA, progress: 2 },
    });
    await peer.send({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: 'never-issued', progress: 2 },
    });
    await settle();
    expect(seen).toEqual([1]);
    expect(errors).toEqual([]);
    await peer.send({ jsonrpc: '2.0', id: b.id, result: {} });
    await second;
  });

  it('handler side: sendProgress sends only with a token, only increasing, and never after the response', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    let late: (() => Promise<void>) | undefined;
    let repeat: unknown;
    engine.setRequestHandler('demo/work', async (_p, context) => {
      await context.sendProgress(1, 3, 'one');
      await context.sendProgress(2.5);
      if (context.progressToken !== undefined)
        repeat = await context.sendProgress(2.5).catch((e: unknown) => e);
      late = () => context.sendProgress(10);
      return { ok: true };
    });
    await peer.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'demo/work',
      params: { _meta: { progressToken: 'tok' } },
    });
    await peer.response(1);
    await late?.();
    await peer.send({ jsonrpc: '2.0', id: 2, method: 'demo/work' });
    await peer.response(2);
    await settle();
    const progress = peer.messages().filter((m) => m.method === 'notifications/progress');
    expect(progress.map((m) => m.params)).toEqual([
      { progressToken: 'tok', progress: 1, total: 3, message: 'one' },
      { progressToken: 'tok', progress: 2.5 },
    ]);
    expect(repeat).toMatchObject({
      code: LocalErrorCode.InvalidState,
      message: expect.stringContaining('greater than 2.5'),
    });
    // The response is the last message for request 1.
    const forOne = peer
      .messages()
      .filter((m) => m.id === 1 || (m.params as { progressToken?: string })?.progressToken === 'tok');
    expect(forOne.at(-1)?.id).toBe(1);
  });
});
