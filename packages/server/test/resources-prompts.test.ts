import { ErrorCode, ProtocolError, type Revision } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectClient, failure, modernMeta, rawPeer } from './helpers.js';

function makeServer(pageSize = 100): McpServer {
  const server = new McpServer({ name: 'rp', version: '1.0.0', pageSize });
  server.resource(
    'readme',
    'docs://readme',
    { mimeType: 'text/markdown', title: 'Read me' },
    () => '# Hello',
  );
  server.resource('logo', 'docs://logo', { mimeType: 'image/png' }, () => new Uint8Array([137, 80, 78, 71]));
  server.resourceTemplate(
    'user',
    'users://{id}/profile{?fields}',
    {
      mimeType: 'application/json',
      list: () => [{ uri: 'users://1/profile', name: 'user 1' }],
      complete: { id: (value) => ['1', '12', '2'].filter((id) => id.startsWith(value)) },
    },
    (uri, { id, fields }) => [
      { uri, mimeType: 'application/json', text: JSON.stringify({ id, fields: fields ?? null }) },
    ],
  );
  server.prompt(
    'greet',
    {
      description: 'Greets someone',
      arguments: { name: z.string().describe('who'), style: z.enum(['formal', 'casual']).optional() },
      complete: {
        name: (value, context) =>
          ['alice', 'albert', 'bob'].filter((n) => n.startsWith(value)).concat(context.arguments.style ?? []),
      },
    },
    ({ name, style }) => (style === 'formal' ? `Good day, ${name}.` : `Hi ${name}!`),
  );
  server.prompt(
    'many',
    {
      description: 'lots of completions',
      arguments: [{ name: 'x', required: false }],
      complete: { x: () => Array.from({ length: 150 }, (_, i) => `v${i}`) },
    },
    () => [{ role: 'assistant', content: { type: 'text', text: 'ok' } }],
  );
  return server;
}

describe.each(['2025-11-25', '2026-07-28'] as Revision[])('resources and prompts over %s', (revision) => {
  it('lists static resources plus template list callbacks, and templates', async () => {
    const client = await connectClient(makeServer(), { revision });
    const { resources } = await client.request('resources/list');
    expect(resources.map((r) => r.uri)).toEqual(['docs://readme', 'docs://logo', 'users://1/profile']);
    expect(resources[0]).toMatchObject({ name: 'readme', title: 'Read me', mimeType: 'text/markdown' });
    const { resourceTemplates } = await client.request('resources/templates/list');
    expect(resourceTemplates).toEqual([
      { name: 'user', uriTemplate: 'users://{id}/profile{?fields}', mimeType: 'application/json' },
    ]);
    await client.close();
  });

  it('reads text, binary and templated resources', async () => {
    const client = await connectClient(makeServer(), { revision });
    expect((await client.request('resources/read', { uri: 'docs://readme' })).contents).toEqual([
      { uri: 'docs://readme', mimeType: 'text/markdown', text: '# Hello' },
    ]);
    expect((await client.request('resources/read', { uri: 'docs://logo' })).contents).toEqual([
      { uri: 'docs://logo', mimeType: 'image/png', blob: 'iVBORw==' },
    ]);
    const templated = await client.request('resources/read', { uri: 'users://42/profile?fields=name' });
    expect(JSON.parse((templated.contents[0] as { text: string }).text)).toEqual({
      id: '42',
      fields: 'name',
    });
    await client.close();
  });

  it('answers a missing resource with the era’s error code', async () => {
    const client = await connectClient(makeServer(), { revision });
    const error = await failure(client.request('resources/read', { uri: 'docs://nope' }));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.code).toBe(revision === '2026-07-28' ? ErrorCode.InvalidParams : ErrorCode.ResourceNotFound);
    expect(error.message).toContain('docs://nope');
    await client.close();
  });

  it('gets prompts with validated arguments and refuses missing required ones', async () => {
    const client = await connectClient(makeServer(), { revision });
    const { prompts } = await client.request('prompts/list');
    expect(prompts[0]).toEqual({
      name: 'greet',
      description: 'Greets someone',
      arguments: [
        { name: 'name', required: true, description: 'who' },
        { name: 'style', required: false },
      ],
    });
    const got = await client.request('prompts/get', {
      name: 'greet',
      arguments: { name: 'Ada', style: 'formal' },
    });
    expect(got.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'Good day, Ada.' } }]);
    const missing = await failure(client.request('prompts/get', { name: 'greet', arguments: {} }));
    expect(missing.code).toBe(ErrorCode.InvalidParams);
    expect(missing.message).toContain('name');
    const invalid = await failure(
      client.request('prompts/get', { name: 'greet', arguments: { name: 'x', style: 'rude' } }),
    );
    expect(invalid.code).toBe(ErrorCode.InvalidParams);
    expect(invalid.message).toContain('field `style`');
    const unknown = await failure(client.request('prompts/get', { name: 'nope' }));
    expect(unknown.code).toBe(ErrorCode.InvalidParams);
    await client.close();
  });

  it('completes prompt arguments and template variables, capped at 100 with total and hasMore', async () => {
    const client = await connectClient(makeServer(), { revision });
    const names = await client.request('completion/complete', {
      ref: { type: 'ref/prompt', name: 'greet' },
      argument: { name: 'name', value: 'al' },
      context: { arguments: { style: 'casual' } },
    });
    expect(names.completion).toEqual({ values: ['alice', 'albert', 'casual'], total: 3, hasMore: false });
    const ids = await client.request('completion/complete', {
      ref: { type: 'ref/resource', uri: 'users://{id}/profile{?fields}' },
      argument: { name: 'id', value: '1' },
    });
    expect(ids.completion.values).toEqual(['1', '12']);
    const many = await client.request('completion/complete', {
      ref: { type: 'ref/prompt', name: 'many' },
      argument: { name: 'x', value: '' },
    });
    expect(many.completion.values).toHaveLength(100);
    expect(many.completion).toMatchObject({ total: 150, hasMore: true });
    const bad = await failure(
      client.request('completion/complete', {
        ref: { type: 'ref/prompt', name: 'nope' },
        argument: { name: 'x', value: '' },
      }),
    );
    expect(bad.code).toBe(ErrorCode.InvalidParams);
    await client.close();
  });
});

describe('pagination', () => {
  it('pages every list with opaque cursors and refuses forged ones', async () => {
    const server = makeServer(1);
    for (let i = 0; i < 4; i++) server.tool(`t${i}`, { description: `tool ${i}` }, () => `${i}`);
    const client = await connectClient(server, { revision: '2025-11-25' });
    const names: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await client.request('tools/list', cursor === undefined ? {} : { cursor });
      expect(result.tools.length).toBeLessThanOrEqual(1);
      names.push(...result.tools.map((tool) => tool.name));
      cursor = result.nextCursor;
      if (cursor === undefined) break;
    }
    expect(names).toEqual(['t0', 't1', 't2', 't3']);
    const prompts = await client.request('prompts/list');
    expect(prompts.nextCursor).toBeDefined();
    // A cursor of another list, or an edited one, is refused with -32602.
    const page2 = await client.request('tools/list', {});
    for (const forged of [
      prompts.nextCursor!,
      `${page2.nextCursor}x`,
      'not-base64!',
      btoa('tools/list:1:0'),
    ]) {
      const error = await failure(client.request('tools/list', { cursor: forged }));
      expect(error.code).toBe(ErrorCode.InvalidParams);
      expect(error.message).toContain('expected a cursor');
    }
    await client.close();
  });

  it('pages modern lists too, with caching hints on every page', async () => {
    const server = makeServer(2);
    const peer = await rawPeer(server);
    const first = (await peer.request('resources/list', { _meta: modernMeta() })).result as Record<
      string,
      unknown
    >;
    expect(first).toMatchObject({ resultType: 'complete', ttlMs: 0, cacheScope: 'public' });
    expect((first.resources as unknown[]).length).toBe(2);
    const second = (
      await peer.request('resources/list', { _meta: modernMeta(), cursor: first.nextCursor as string })
    ).result as Record<string, unknown>;
    expect((second.resources as { uri: string }[]).map((r) => r.uri)).toEqual(['users://1/profile']);
    expect(second.nextCursor).toBeUndefined();
    await peer.close();
  });
});
