// The method schemas (zod) load on first need, not at import: a server serves what quick checks prove valid
// (a plain initialize, initialized, lists, a tools/call without _meta) without them, and holds anything that
// needs a schema, in order, while they load (src/lifecycle/deferred-specs.ts, src/protocol/spec-gate.ts).
// Each test file runs in a fresh module graph, so the schemas are not loaded when this file starts, and the
// first test must stay first.
import {
  ErrorCode,
  LEGACY_REVISIONS,
  type MethodSpecLookup,
  type MethodSpecView,
  ProtocolEngine,
} from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { methodSpecsLoaded } from '../src/lifecycle/deferred-specs.js';
import { engineWithPeer } from './engine-fixtures.js';
import { clientInfo, initializeRequest, makeServer } from './lifecycle-fixtures.js';

describe('a lifecycle server before its method schemas are loaded', () => {
  it('serves plain messages without them, and loads them for the first that needs a schema', async () => {
    expect(methodSpecsLoaded()).toBe(false);
    const { engine: server, peer, errors } = await engineWithPeer(makeServer());
    await peer.send(initializeRequest('2025-06-18', 1, { roots: { listChanged: true }, sampling: {} }));
    expect((await peer.response(1)).result).toMatchObject({ protocolVersion: '2025-06-18' });
    await peer.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await peer.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    await peer.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo', arguments: {} } });
    await peer.send({ jsonrpc: '2.0', id: 4, method: 'ping' });
    expect((await peer.response(2)).result).toMatchObject({ tools: [] });
    expect((await peer.response(3)).result).toMatchObject({ content: [{ type: 'text' }] });
    await peer.response(4);
    expect(methodSpecsLoaded()).toBe(false);

    // A call with _meta needs the schema: held while the schemas load, then validated; what follows waits.
    let loadedAtAnswer: boolean | undefined;
    const seen = peer.transport.onmessage!;
    peer.transport.onmessage = (message, context) => {
      if ((message as { id?: unknown }).id === 5) loadedAtAnswer = methodSpecsLoaded();
      seen(message, context);
    };
    await peer.send({
      jsonrpc: '2.0',
      id: 5,
      method: 'tools/call',
      params: { name: 'echo', _meta: { progressToken: 'p' } },
    });
    await peer.send({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 7 } });
    expect((await peer.response(5)).result).toMatchObject({ content: [{ type: 'text' }] });
    expect(loadedAtAnswer).toBe(true);
    const invalid = await peer.response(6);
    expect(invalid.error).toMatchObject({ code: ErrorCode.InvalidParams });
    expect((invalid.error as { message: string }).message).toContain('name');
    expect(errors).toEqual([]);
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

/** A lookup whose load the test settles by hand: before it, only 'early' has a quick check that passes. */
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
  const params = {
    safeParse: () => {
      if (!loaded) throw new Error('validator used before the load');
      return { success: true as const };
    },
  };
  const lookup = Object.assign(
    (_revision: string, method: string): MethodSpecView => ({
      method,
      kind: 'request',
      senders: ['client', 'server'],
      params,
      ...(method === 'early' ? { quickAccept: () => true } : {}),
    }),
    { deferred: { isLoaded: () => loaded, load: () => load } },
  );
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

describe('an initialize the quick check leaves to the schema', () => {
  it.each(LEGACY_REVISIONS)(
    'is validated by the %s schema and answered (one with _meta)',
    async (revision) => {
      const { engine: server, peer } = await engineWithPeer(makeServer());
      await peer.send({
        ...initializeRequest(revision, 9),
        params: { ...(initializeRequest(revision).params as object), _meta: { note: 'x' } },
      });
      expect((await peer.response(9)).result).toMatchObject({ protocolVersion: revision });
      await server.close();
    },
  );
});
