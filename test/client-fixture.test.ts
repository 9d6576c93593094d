/**
 * @mcpwire/client against our reference fixture server (@mcpwire/conformance, dual-era McpServer) over the
 * in-memory pair: the era probe and its fallback, every feature in both eras, and 2026-07-28 MRTR rounds
 * answered by the same handlers that serve legacy server→client requests.
 */
import { Client, type ClientOptions } from '@mcpwire/client';
import { createFixtureServer } from '@mcpwire/conformance';
import { createInMemoryPair, LEGACY_REVISIONS, MemoryEraCache, type Revision } from '@mcpwire/core';
import { afterEach, describe, expect, it } from 'vitest';

const open: Client[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.close();
});

const handlers: ClientOptions['handlers'] = {
  sampling: async (params) => ({
    role: 'assistant',
    content: { type: 'text', text: `echo of ${JSON.stringify(params.messages[0]?.content)}` },
    model: 'fixture-test',
  }),
  // The user sets one field and leaves the rest: their defaults must still reach the server (SEP-1034).
  // (score is set because core's ElicitResult follows schema.json, whose content values are integers,
  // so the schema's non-integer default 95.5 would be refused by the server side.)
  elicitation: async () => ({ action: 'accept', content: { score: 90 } }),
};

async function connect(options: ClientOptions, serverRevisions?: readonly Revision[]): Promise<Client> {
  const server = createFixtureServer(serverRevisions === undefined ? {} : { revisions: serverRevisions });
  const [clientSide, serverSide] = createInMemoryPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'fixture-test', version: '1.0.0' }, { handlers, ...options });
  await client.connect(clientSide);
  open.push(client);
  return client;
}

function text(result: { content: unknown[] }): string {
  return result.content.map((block) => (block as { text?: string }).text ?? '').join('\n');
}

describe('client ↔ fixture server: era negotiation', () => {
  it('probes server/discover and speaks 2026-07-28 to the dual-era fixture', async () => {
    const client = await connect({});
    expect(client.era).toBe('modern');
    expect(client.revision).toBe('2026-07-28');
    expect(client.serverInfo?.name).toBe('mcpwire-fixture-server');
  });

  it('falls back to initialize when the server only speaks legacy revisions, and remembers it per target', async () => {
    const eraCache = new MemoryEraCache();
    const client = await connect({ target: 'fixture-legacy', eraCache }, LEGACY_REVISIONS);
    expect(client.era).toBe('legacy');
    expect(client.revision).toBe('2025-11-25');
    expect(eraCache.get('fixture-legacy')).toEqual({ era: 'legacy', revision: '2025-11-25' });
  });

  it('pins a legacy revision on request', async () => {
    const client = await connect({ revision: '2025-06-18' });
    expect(client.era).toBe('legacy');
    expect(client.revision).toBe('2025-06-18');
  });
});

describe.each([
  ['legacy', { revisions: LEGACY_REVISIONS }],
  ['modern', { revision: '2026-07-28' as const }],
])('client ↔ fixture server in the %s era', (era, options: ClientOptions) => {
  it('lists and calls tools, including content of every kind and tool errors', async () => {
    const client = await connect(options);
    expect(client.era).toBe(era);
    const names: string[] = [];
    for await (const tool of client.tools()) names.push(tool.name);
    expect(names).toEqual(
      expect.arrayContaining(['echo', 'test_simple_text', 'test_sampling', 'test_elicitation']),
    );
    expect(text(await client.callTool('echo', { text: `hello ${era}` }))).toBe(`hello ${era}`);
    const image = await client.callTool('test_image_content');
    expect(image.content[0]).toMatchObject({ type: 'image', mimeType: 'image/png' });
    const failed = await client.callTool('test_error_handling');
    expect(failed.isError).toBe(true);
  });

  it('answers sampling (a server→client request in legacy, an input request in 2026-07-28)', async () => {
    const client = await connect(options);
    expect(text(await client.callTool('test_sampling', { prompt: 'ping?' }))).toContain('echo of');
  });

  it('applies elicitation defaults the user left untouched (SEP-1034)', async () => {
    const client = await connect(options);
    const result = text(await client.callTool('test_elicitation_sep1034_defaults'));
    const content = JSON.parse(result.slice(result.indexOf('content=') + 'content='.length));
    expect(content).toEqual({ name: 'John Doe', age: 30, score: 90, status: 'active', verified: true });
  });

  it('reads resources and templates, gets prompts and completes', async () => {
    const client = await connect(options);
    const read = await client.readResource('test://static-text');
    expect(read.contents[0]).toMatchObject({ text: 'This is the content of the static text resource.' });
    const templates: string[] = [];
    for await (const template of client.resourceTemplates()) templates.push(template.uriTemplate);
    expect(templates.length).toBeGreaterThan(0);
    const prompts: string[] = [];
    for await (const prompt of client.prompts()) prompts.push(prompt.name);
    expect(prompts.length).toBeGreaterThan(0);
    await client.ping();
  });
});

describe('client ↔ fixture server: 2026-07-28 subscriptions/listen', () => {
  it('is acknowledged, delivers list_changed through the callbacks, and ends on close()', async () => {
    const server = createFixtureServer();
    const [clientSide, serverSide] = createInMemoryPair();
    await server.connect(serverSide);
    const changes: string[] = [];
    const client = new Client(
      { name: 'listen-test', version: '1.0.0' },
      { onListChanged: (kind) => changes.push(kind) },
    );
    await client.connect(clientSide);
    open.push(client);
    expect(client.era).toBe('modern');
    const subscription = client.listen({ toolsListChanged: true });
    expect(await subscription.acknowledged).toMatchObject({ toolsListChanged: true });
    await client.listAllTools();
    server.tool('added_later', { description: 'registered after connect' }, () => 'late');
    const deadline = Date.now() + 5000;
    while (!changes.includes('tools') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(changes).toContain('tools');
    // The cache was invalidated: the new tool is listed.
    expect((await client.listAllTools()).map((tool) => tool.name)).toContain('added_later');
    subscription.close();
    await expect(subscription.done).resolves.toBeUndefined();
  });

  it('refuses listen() on a legacy connection with a clear error', async () => {
    const client = await connect({ revisions: LEGACY_REVISIONS });
    expect(() => client.listen({ toolsListChanged: true })).toThrow(
      /expected a 2026-07-28 connection, received a legacy one/,
    );
  });
});
