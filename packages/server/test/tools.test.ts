import { ErrorCode, ProtocolError, type Revision } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectClient, failure, initializeRaw, modernMeta, rawPeer, tick } from './helpers.js';

function makeServer(): McpServer {
  const server = new McpServer({ name: 'tools-test', version: '1.0.0' });
  server.tool(
    'add',
    {
      title: 'Add',
      description: 'Adds two numbers',
      inputSchema: z.object({ a: z.number(), b: z.number().describe('second') }),
      outputSchema: z.object({ sum: z.number() }),
      annotations: { readOnlyHint: true },
      icons: [{ src: 'https://example.com/add.png' }],
    },
    ({ a, b }) => ({ structuredContent: { sum: a + b } }),
  );
  server.tool('shout', { description: 'Upper-cases', inputSchema: { text: z.string() } }, ({ text }) =>
    text.toUpperCase(),
  );
  server.tool(
    'raw',
    {
      description: 'Plain JSON Schema',
      inputSchema: { type: 'object', properties: { n: { type: 'integer' } }, additionalProperties: false },
    },
    (args) => [{ type: 'text', text: JSON.stringify(args) }],
  );
  server.tool('boom', { description: 'Throws' }, () => {
    throw new Error('database unreachable: expected a connection, received ECONNREFUSED');
  });
  // The types refuse this result (tools-types.test-d.ts); a JavaScript caller gets the runtime check.
  server.tool('bad-output', { description: 'Wrong output', outputSchema: { sum: z.number() } }, () => ({
    structuredContent: { sum: 'x' as unknown as number },
  }));
  server.tool(
    'bad-output-error',
    { description: 'isError skips output checks', outputSchema: { sum: z.number() } },
    () => ({
      isError: true,
      content: [{ type: 'text', text: 'failed' }],
    }),
  );
  return server;
}

const ERAS: Revision[] = ['2025-11-25', '2026-07-28'];

describe.each(ERAS)('tools over %s', (revision) => {
  it('lists tools with 2020-12 schemas, output schema, title, annotations and icons', async () => {
    const client = await connectClient(makeServer(), { revision });
    const { tools } = await client.request('tools/list');
    const add = tools.find((tool) => tool.name === 'add')!;
    expect(add.inputSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number', description: 'second' } },
      required: ['a', 'b'],
    });
    expect(add.outputSchema).toMatchObject({ type: 'object', properties: { sum: { type: 'number' } } });
    expect(add.title).toBe('Add');
    expect(add.annotations).toEqual({ readOnlyHint: true });
    expect(add.icons).toEqual([{ src: 'https://example.com/add.png' }]);
    const raw = tools.find((tool) => tool.name === 'raw')!;
    expect(raw.inputSchema).toEqual({
      type: 'object',
      properties: { n: { type: 'integer' } },
      additionalProperties: false,
    });
    await client.close();
  });

  it('calls tools with the return conventions', async () => {
    const client = await connectClient(makeServer(), { revision });
    const add = await client.request('tools/call', { name: 'add', arguments: { a: 2, b: 3 } });
    expect(add.structuredContent).toEqual({ sum: 5 });
    expect(add.content).toEqual([{ type: 'text', text: '{"sum":5}' }]);
    const shout = await client.request('tools/call', { name: 'shout', arguments: { text: 'hey' } });
    expect(shout.content).toEqual([{ type: 'text', text: 'HEY' }]);
    const raw = await client.request('tools/call', { name: 'raw', arguments: { n: 7 } });
    expect(raw.content).toEqual([{ type: 'text', text: '{"n":7}' }]);
    await client.close();
  });

  it('turns invalid input into an isError result naming the fields', async () => {
    const client = await connectClient(makeServer(), { revision });
    const result = await client.request('tools/call', { name: 'add', arguments: { a: 'one' } });
    expect(result.isError).toBe(true);
    const text = (result.content[0] as { text: string }).text;
    expect(text).toContain('field `a`');
    expect(text).toContain('field `b`');
    await client.close();
  });

  it('turns a thrown error into an isError result with its message', async () => {
    const client = await connectClient(makeServer(), { revision });
    const result = await client.request('tools/call', { name: 'boom' });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'database unreachable: expected a connection, received ECONNREFUSED' }],
    });
    await client.close();
  });

  it('answers an unknown tool with -32602 naming it', async () => {
    const client = await connectClient(makeServer(), { revision });
    const error = await client.request('tools/call', { name: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe(ErrorCode.InvalidParams);
    expect((error as ProtocolError).message).toContain('"nope"');
    await client.close();
  });

  it('validates structuredContent against the output schema, except for isError results', async () => {
    const client = await connectClient(makeServer(), { revision });
    const error = await client.request('tools/call', { name: 'bad-output' }).catch((e: unknown) => e);
    expect((error as ProtocolError).code).toBe(ErrorCode.InternalError);
    expect((error as ProtocolError).message).toContain('outputSchema');
    const ok = await client.request('tools/call', { name: 'bad-output-error' });
    expect(ok.isError).toBe(true);
    await client.close();
  });
});

describe('tools in older revisions', () => {
  it('answers invalid arguments with -32602 before 2025-11-25 and emits draft-07 schemas', async () => {
    const client = await connectClient(makeServer(), { revision: '2025-06-18' });
    const error = await failure(client.request('tools/call', { name: 'add', arguments: { a: 1 } }));
    expect(error.code).toBe(ErrorCode.InvalidParams);
    expect(error.message).toContain('field `b`');
    const { tools } = await client.request('tools/list');
    expect(tools[0]!.inputSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(tools[0]!.icons).toBeUndefined();
    await client.close();
  });

  it('leaves out fields 2024-11-05 does not know', async () => {
    const client = await connectClient(makeServer(), { revision: '2024-11-05' });
    const { tools } = await client.request('tools/list');
    expect(Object.keys(tools[0]!).sort()).toEqual(['description', 'inputSchema', 'name']);
    await client.close();
  });
});

describe('registration after connect', () => {
  it('sends list_changed to legacy connections and serves the new tool; update and remove work', async () => {
    const server = makeServer();
    const peer = await rawPeer(server);
    await initializeRaw(peer, '2025-11-25');
    const handle = server.tool('late', { description: 'added later' }, () => 'late!');
    await tick(5);
    expect(peer.received.filter((m) => m.method === 'notifications/tools/list_changed')).toHaveLength(1);
    let response = await peer.request('tools/call', { name: 'late' });
    expect(response.result).toEqual({ content: [{ type: 'text', text: 'late!' }] });
    handle.update({ handler: () => 'updated', description: 'changed' });
    response = await peer.request('tools/call', { name: 'late' });
    expect(response.result).toEqual({ content: [{ type: 'text', text: 'updated' }] });
    handle.disable();
    response = await peer.request('tools/call', { name: 'late' });
    expect((response.error as { code: number }).code).toBe(ErrorCode.InvalidParams);
    handle.enable();
    handle.remove();
    await tick(5);
    response = await peer.request('tools/list');
    expect((response.result as { tools: { name: string }[] }).tools.map((t) => t.name)).not.toContain('late');
    expect(
      peer.received.filter((m) => m.method === 'notifications/tools/list_changed').length,
    ).toBeGreaterThanOrEqual(3);
    expect(() => server.tool('add', { description: 'dup' }, () => '')).toThrow(/already registered/);
    await peer.close();
  });

  it('serves two connections of different eras from one server at the same time', async () => {
    const server = makeServer();
    const legacy = await connectClient(server, { revision: '2025-11-25' });
    const modern = await connectClient(server, { revision: '2026-07-28' });
    const [a, b] = await Promise.all([
      legacy.request('tools/call', { name: 'shout', arguments: { text: 'l' } }),
      modern.request('tools/call', { name: 'shout', arguments: { text: 'm' } }),
    ]);
    expect(a.content).toEqual([{ type: 'text', text: 'L' }]);
    expect(b.content).toEqual([{ type: 'text', text: 'M' }]);
    expect(b.resultType).toBe('complete');
    expect(server.sessions.size).toBe(2);
    await legacy.close();
    await modern.close();
    await tick(5);
    expect(server.sessions.size).toBe(0);
  });

  it('modern list results carry caching hints from the options', async () => {
    const server = new McpServer({
      name: 'c',
      version: '1',
      cache: (method) => ({ ttlMs: method === 'tools/list' ? 5000 : 0, cacheScope: 'private' }),
    });
    server.tool('t', { description: 'd' }, () => 'x');
    const peer = await rawPeer(server);
    const response = await peer.request('tools/list', { _meta: modernMeta() });
    expect(response.result).toMatchObject({ resultType: 'complete', ttlMs: 5000, cacheScope: 'private' });
    await peer.close();
  });
});
