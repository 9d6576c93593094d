// The method schemas (zod) load on first need, not at import: a server answers a plain initialize before
// they are loaded and holds everything else, in order, until they are (src/lifecycle/deferred-specs.ts).
// Each test file runs in a fresh module graph, so the schemas are not loaded when this file starts.
import { ErrorCode, LEGACY_REVISIONS, type MethodSpecLookup, ProtocolEngine } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { methodSpecsLoaded } from '../src/lifecycle/deferred-specs.js';
import { engineWithPeer } from './engine-fixtures.js';
import { clientInfo, initializeRequest, makeServer } from './lifecycle-fixtures.js';

describe('a lifecycle server before its method schemas are loaded', () => {
  it('answers a plain initialize without them, then serves what follows in order once they load', async () => {
    expect(methodSpecsLoaded()).toBe(false);
    const { engine: server, peer, errors } = await engineWithPeer(makeServer());
    let loadedAtInitializeAnswer: boolean | undefined;
    const seen = peer.transport.onmessage!;
    peer.transport.onmessage = (message, context) => {
      if ((message as { id?: unknown }).id === 1) loadedAtInitializeAnswer = methodSpecsLoaded();
      seen(message, context);
    };

    await peer.send(initializeRequest('2025-06-18', 1, { roots: { listChanged: true }, sampling: {} }));
    await peer.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await peer.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    await peer.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 7 } });
    await peer.send({ jsonrpc: '2.0', id: 4, method: 'ping' });

    const initialized = await peer.response(1);
    expect(initialized.result).toMatchObject({ protocolVersion: '2025-06-18' });
    expect(loadedAtInitializeAnswer).toBe(false);
    await peer.response(4);
    expect(methodSpecsLoaded()).toBe(true);
    // Every held message was served, each validated by its schema (the engine test below checks order).
    const answers = peer.messages().filter((m) => m.id !== undefined);
    answers.sort((a, b) => Number(a.id) - Number(b.id));
    expect(answers.map((m) => m.id)).toEqual([1, 2, 3, 4]);
    expect(errors).toEqual([]);
    expect(answers[1]).toMatchObject({ result: { tools: [] } });
    expect(answers[2]).toMatchObject({ error: { code: ErrorCode.InvalidParams } });
    expect((answers[2]!.error as { message: string }).message).toContain('name');
    await server.close();
  });

  it('leaves an initialize it cannot prove valid to the schema, which words the error', async () => {
    const { engine: server, peer } = await engineWithPeer(makeServer());
    await peer.send({
      jsonrpc: '2.0',
      id: 'bad',
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: { roots: { listChanged: 'yes' } }, clientInfo },
    });
    const answer = await peer.response('bad');
    expect(answer.error).toMatchObject({ code: ErrorCode.InvalidParams });
    expect((answer.error as { message: string }).message).toContain('capabilities.roots.listChanged');
    await server.close();
  });
});

/** A lookup whose load the test settles by hand; it serves no message before the load. */
function manualLookup(): { lookup: MethodSpecLookup; settle: (error?: Error) => void } {
  let settle!: (error?: Error) => void;
  let loaded = false;
  const load = new Promise<void>((resolve, reject) => {
    settle = (error) => {
      if (error !== undefined) return reject(error);
      loaded = true;
      resolve();
    };
  });
  const lookup = Object.assign(() => undefined, {
    pendingLoad: () => (loaded ? undefined : load),
    servesBeforeLoad: (payload: unknown) => (payload as { method?: string }).method === 'early',
  });
  return { lookup, settle };
}

describe('the engine with a lookup that loads later', () => {
  it('serves what the lookup allows at once and holds the rest, in order, until the load', async () => {
    const { lookup, settle } = manualLookup();
    const engine = new ProtocolEngine({ methodSpecs: lookup, revision: '2025-06-18' });
    const ran: string[] = [];
    for (const method of ['early', 'first', 'second']) {
      engine.setRequestHandler(method as never, () => {
        ran.push(method);
        return {};
      });
    }
    const { peer } = await engineWithPeer(engine);
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'first' });
    await peer.send({ jsonrpc: '2.0', id: 2, method: 'early' });
    await peer.send({ jsonrpc: '2.0', id: 3, method: 'second' });
    await peer.waitFor((m) => m.id === 2, 50).catch(() => undefined);
    // 'early' came after a held message: it waits too, so nothing overtakes what arrived before it.
    expect(ran).toEqual([]);
    settle();
    await peer.response(3);
    expect(ran).toEqual(['first', 'early', 'second']);
    await engine.close();
  });

  it('serves an allowed message at once when nothing is held', async () => {
    const { lookup, settle } = manualLookup();
    const engine = new ProtocolEngine({ methodSpecs: lookup, revision: '2025-06-18' });
    engine.setRequestHandler('early' as never, () => ({ ok: true }));
    const { peer } = await engineWithPeer(engine);
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'early' });
    expect((await peer.response(1)).result).toEqual({ ok: true });
    settle();
    await engine.close();
  });

  it('reports a failed load, closes the connection and leaves nothing pending', async () => {
    const { lookup, settle } = manualLookup();
    const engine = new ProtocolEngine({ methodSpecs: lookup, revision: '2025-06-18' });
    const closed = new Promise<void>((resolve) => {
      engine.onclose = resolve;
    });
    const { peer, errors } = await engineWithPeer(engine);
    await peer.send({ jsonrpc: '2.0', id: 1, method: 'first' });
    settle(new Error('Cannot find package zod'));
    await closed;
    expect(errors.map((e) => e.message).join('\n')).toMatch(
      /Could not load the MCP method schemas .*zod.*Cannot find package zod; closing the connection/,
    );
    expect(engine.isClosed).toBe(true);
  });
});

describe('the schemas load once for every connection', () => {
  it.each(LEGACY_REVISIONS)('and a %s initialize that waited for them is answered', async (revision) => {
    const { engine: server, peer } = await engineWithPeer(makeServer());
    await peer.send({
      ...initializeRequest(revision, 9),
      params: { ...(initializeRequest(revision).params as object), _meta: { note: 'x' } },
    });
    expect((await peer.response(9)).result).toMatchObject({ protocolVersion: revision });
    await server.close();
  });
});
