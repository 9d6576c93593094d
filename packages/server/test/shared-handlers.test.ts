/**
 * Every session of every McpServer serves requests from one shared handler table (no map and no closures
 * per session: idle-session memory, issue 16). Each request still reaches its own session and server, and
 * a handler set or removed on one session's connection changes that session only.
 */
import { createInMemoryPair, type InMemoryTransport, type JsonObject } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';

/** A connected, initialized session of `server`; `request` answers with the response's result or error. */
async function session(server: McpServer) {
  const [clientSide, serverSide]: [InMemoryTransport, InMemoryTransport] = createInMemoryPair();
  const served = await server.connect(serverSide);
  const waiting = new Map<unknown, (message: JsonObject) => void>();
  clientSide.onmessage = (payload) => {
    const message = payload as unknown as JsonObject;
    waiting.get(message.id)?.(message);
  };
  await clientSide.start();
  let id = 0;
  const request = (method: string, params: JsonObject = {}) =>
    new Promise<JsonObject>((resolve) => {
      const sent = ++id;
      waiting.set(sent, resolve);
      void clientSide.send({ jsonrpc: '2.0', id: sent, method, params });
    });
  await request('initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'raw', version: '1' },
  });
  await clientSide.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  return { served, request, close: () => clientSide.close() };
}

const toolNames = (response: JsonObject) =>
  ((response.result as { tools: Array<{ name: string }> }).tools ?? []).map((tool) => tool.name);

describe('request handlers shared by sessions', () => {
  it('reach each request’s own server, and a change on one connection stays on it', async () => {
    const first = new McpServer({ name: 'first', version: '1' });
    first.tool('first-tool', { description: 'of the first server' }, () => 'one');
    first.prompt('greet', { description: 'a prompt' }, () => 'hello');
    const second = new McpServer({ name: 'second', version: '1' });
    second.tool('second-tool', { description: 'of the second server' }, () => 'two');

    const a = await session(first);
    const b = await session(first);
    const c = await session(second);
    expect(toolNames(await a.request('tools/list'))).toEqual(['first-tool']);
    expect(toolNames(await c.request('tools/list'))).toEqual(['second-tool']);

    a.served.connection.setRequestHandler('tools/list', () => ({ tools: [] }));
    a.served.connection.removeRequestHandler('prompts/list');
    expect(toolNames(await a.request('tools/list'))).toEqual([]);
    expect((await a.request('prompts/list')).error).toMatchObject({ code: -32601 });
    // The other sessions still serve from the shared table.
    expect(toolNames(await b.request('tools/list'))).toEqual(['first-tool']);
    expect((await b.request('prompts/list')).result).toMatchObject({ prompts: [{ name: 'greet' }] });
    expect(toolNames(await c.request('tools/list'))).toEqual(['second-tool']);
    const d = await session(first);
    expect(toolNames(await d.request('tools/list'))).toEqual(['first-tool']);
    for (const s of [a, b, c, d]) await s.close();
  });
});
