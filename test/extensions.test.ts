/**
 * Extension negotiation (2026-07-28 basic/versioning §Extension Negotiation) with our server and client
 * in both eras, and with the official SDK client: each side declares `capabilities.extensions`, reads the
 * other's, and an extension whose fallback is to refuse refuses with the spec's error.
 */
import { Client } from '@mcpwire/client';
import {
  CapabilityError,
  createInMemoryPair,
  type JsonObject,
  ProtocolError,
  type Revision,
  type Transport,
} from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport as SdkInMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';

const FANCY = 'com.example/fancy-output';
const SERVER_ONLY = 'com.example.server/audit';

function makeServer(): McpServer {
  const server = new McpServer({
    name: 'ext-server',
    version: '1.0.0',
    extensions: { [SERVER_ONLY]: { retentionDays: 30 } },
  });
  server.extension(FANCY, { formats: ['table'] });
  // Falls back: plain text for clients without the extension, a table for those with it.
  server.tool('report', {}, (_args, ctx) => {
    const settings = ctx.clientExtension(FANCY);
    return settings === undefined ? 'plain report' : `table report (${JSON.stringify(settings)})`;
  });
  // Refuses: only clients with the extension may call it.
  server.tool('fancy-only', {}, (_args, ctx) => {
    ctx.requireExtension(FANCY);
    return 'fancy';
  });
  return server;
}

async function connect(revision: Revision, extensions?: Record<string, JsonObject>) {
  const [clientSide, serverSide] = createInMemoryPair();
  await makeServer().connect(serverSide);
  const client = new Client(
    { name: 'ext-client', version: '1.0.0' },
    { revision, ...(extensions === undefined ? {} : { extensions }) },
  );
  await client.connect(clientSide);
  return client;
}

const text = (result: { content: unknown[] }) => (result.content[0] as { text: string }).text;

describe.each(['2025-11-25', '2026-07-28'] as const)(
  'extensions between our client and server (%s)',
  (revision) => {
    it('a client that declares the extension gets the extended behaviour, with its settings', async () => {
      const client = await connect(revision, { [FANCY]: { formats: ['table', 'chart'] } });
      expect(text(await client.callTool('report'))).toBe('table report ({"formats":["table","chart"]})');
      expect(text(await client.callTool('fancy-only'))).toBe('fancy');
      await client.close();
    });

    it('a client without it gets the fallback, or the spec’s refusal', async () => {
      const client = await connect(revision);
      expect(text(await client.callTool('report'))).toBe('plain report');
      const refusal = await client.callTool('fancy-only').catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ProtocolError);
      expect((refusal as ProtocolError).code).toBe(revision === '2026-07-28' ? -32021 : -32602);
      expect((refusal as ProtocolError).data).toEqual({
        requiredCapabilities: { extensions: { [FANCY]: {} } },
      });
      await client.close();
    });
  },
);

describe('the client reads the server’s extensions', () => {
  it.each(['2025-11-25', undefined] as const)(
    'from initialize or server/discover (pinned: %s)',
    async (revision) => {
      const [clientSide, serverSide] = createInMemoryPair();
      await makeServer().connect(serverSide);
      // Unpinned: the client probes with server/discover and learns the modern capabilities there.
      const client = new Client(
        { name: 'ext-client', version: '1.0.0' },
        revision === undefined ? {} : { revision },
      );
      await client.connect(clientSide);
      expect(client.era).toBe(revision === undefined ? 'modern' : 'legacy');
      expect(client.serverExtension(SERVER_ONLY)).toEqual({ retentionDays: 30 });
      expect(client.serverExtension(FANCY)).toEqual({ formats: ['table'] });
      expect(client.serverExtension('com.example/absent')).toBeUndefined();
      expect(() => client.requireServerExtension('com.example/absent')).toThrow(CapabilityError);
      await client.close();
    },
  );

  it('sends its own in initialize and in every 2026-07-28 request’s client capabilities', async () => {
    for (const revision of ['2025-11-25', '2026-07-28'] as const) {
      const [clientSide, serverSide] = createInMemoryPair();
      const seen: JsonObject[] = [];
      await makeServer().connect(serverSide);
      const deliver = serverSide.onmessage!;
      serverSide.onmessage = (message, context) => {
        seen.push(message as unknown as JsonObject);
        deliver(message, context);
      };
      const client = new Client(
        { name: 'ext-client', version: '1.0.0' },
        { revision, extensions: { [FANCY]: { formats: ['x'] } } },
      );
      await client.connect(clientSide);
      await client.callTool('report');
      const call = seen.find((message) => message.method === 'tools/call')!;
      const capabilities =
        revision === '2026-07-28'
          ? (((call.params as JsonObject)._meta as JsonObject)[
              'io.modelcontextprotocol/clientCapabilities'
            ] as JsonObject)
          : ((seen.find((message) => message.method === 'initialize')!.params as JsonObject)
              .capabilities as JsonObject);
      expect(capabilities.extensions).toEqual({ [FANCY]: { formats: ['x'] } });
      await client.close();
    }
  });
});

describe('the official SDK client', () => {
  it('declares an extension in initialize; our server reads it and answers with the extended behaviour', async () => {
    const [clientSide, serverSide] = SdkInMemoryTransport.createLinkedPair();
    await makeServer().connect(serverSide as unknown as Transport);
    const client = new SdkClient(
      { name: 'sdk', version: '1.0.0' },
      { capabilities: { extensions: { [FANCY]: { formats: ['table'] } } } as never },
    );
    await client.connect(clientSide);
    const result = await client.callTool({ name: 'report', arguments: {} });
    expect((result.content as { text: string }[])[0]!.text).toBe('table report ({"formats":["table"]})');
    expect(client.getServerCapabilities()?.extensions).toEqual({
      [SERVER_ONLY]: { retentionDays: 30 },
      [FANCY]: { formats: ['table'] },
    });
    await client.close();
  });
});

describe('declaring extensions', () => {
  it.each([
    ['no prefix', 'fancy'],
    ['a label starting with a digit', '1example.com/x'],
    ['an empty name', 'com.example/'],
    ['a name ending in a dot', 'com.example/x.'],
  ])('refuses an id with %s', (_label, id) => {
    expect(() => new McpServer({ name: 's', version: '1', extensions: { [id]: {} } })).toThrow(
      /expected extension ids like "com\.example\/name"/,
    );
    expect(() => new Client({ name: 'c', version: '1' }, { extensions: { [id]: {} } })).toThrow(
      /expected extension ids/,
    );
  });

  it('refuses settings that are not an object', () => {
    expect(() => makeServer().extension('com.example/x', 'yes' as never)).toThrow(
      /expected the settings of com\.example\/x to be an object/,
    );
  });
});
