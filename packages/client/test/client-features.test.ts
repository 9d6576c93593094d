import {
  AbortedError,
  CapabilityError,
  ErrorCode,
  LocalErrorCode,
  ProtocolError,
  TimeoutError,
  type Tool,
} from '@mcpwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import { OutputSchemaError } from '../src/errors.js';
import { CACHE, type FakeServer, MODERN_ONLY, startFake } from './fake-server.js';

let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.client.close();
  fake = undefined;
});

const weather: Tool = {
  name: 'weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
  outputSchema: {
    type: 'object',
    properties: { temperature: { type: 'number' }, conditions: { type: 'string' } },
    required: ['temperature'],
  },
};

describe('Client: era', () => {
  it('falls back to initialize against a legacy-only server and reports what it learned', async () => {
    fake = await startFake(() => undefined);
    expect(fake.client.era).toBe('legacy');
    expect(fake.client.revision).toBe('2025-11-25');
    expect(fake.client.serverInfo?.name).toBe('fake');
    expect(fake.client.serverCapabilities?.tools).toBeDefined();
    expect(fake.requests('server/discover')).toHaveLength(1);
    expect(fake.requests('initialize')).toHaveLength(1);
  });

  it('speaks 2026-07-28 to a modern server after server/discover, with per-request _meta', async () => {
    fake = await startFake(
      (s) => s.setRequestHandler('tools/list', () => ({ tools: [], ...CACHE }) as never),
      {
        revisions: MODERN_ONLY,
      },
    );
    expect(fake.client.era).toBe('modern');
    expect(fake.client.revision).toBe('2026-07-28');
    expect(fake.requests('initialize')).toHaveLength(0);
    await fake.client.listTools();
    const meta = fake.requests('tools/list')[0]!.params!._meta as Record<string, unknown>;
    expect(meta['io.modelcontextprotocol/protocolVersion']).toBe('2026-07-28');
    expect(meta['io.modelcontextprotocol/clientInfo']).toEqual({ name: 'test-client', version: '0.0.1' });
  });

  it('pins a revision without probing', async () => {
    fake = await startFake(() => undefined, { client: { revision: '2025-06-18' } });
    expect(fake.client.revision).toBe('2025-06-18');
    expect(fake.requests('server/discover')).toHaveLength(0);
  });
});

describe('Client: pagination', () => {
  it('passes cursors back unchanged, treats "" as a cursor, and stops when nextCursor is absent', async () => {
    const pages: Record<string, { tools: Tool[]; nextCursor?: string }> = {
      start: { tools: [{ name: 'a', inputSchema: { type: 'object' } }], nextCursor: '' },
      '': { tools: [{ name: 'b', inputSchema: { type: 'object' } }], nextCursor: ' odd/cursor==' },
      ' odd/cursor==': { tools: [{ name: 'c', inputSchema: { type: 'object' } }] },
    };
    fake = await startFake(
      (s) =>
        s.setRequestHandler(
          'tools/list',
          (params) => ({ ...pages[(params?.cursor as string | undefined) ?? 'start'], ...CACHE }) as never,
        ),
      { revisions: MODERN_ONLY },
    );
    const names: string[] = [];
    for await (const tool of fake.client.tools()) names.push(tool.name);
    expect(names).toEqual(['a', 'b', 'c']);
    expect(fake.requests('tools/list').map((r) => r.params?.cursor)).toEqual([
      undefined,
      '',
      ' odd/cursor==',
    ]);
  });

  it('gives up with a clear error when a server hands out cursors forever', async () => {
    fake = await startFake(
      (s) => s.setRequestHandler('prompts/list', () => ({ prompts: [], nextCursor: 'again' }) as never),
      { client: { maxPages: 5 } },
    );
    const iterate = async () => {
      for await (const _ of fake!.client.prompts()) void _;
    };
    await expect(iterate()).rejects.toMatchObject({
      code: LocalErrorCode.InvalidMessage,
      message: expect.stringMatching(/within 5 pages/),
    });
    expect(fake.requests('prompts/list')).toHaveLength(5);
  });
});

describe('Client: tools', () => {
  it('validates structuredContent against the outputSchema, but not for isError results', async () => {
    let answer: Record<string, unknown> = {
      content: [],
      structuredContent: { temperature: 21, conditions: 'sun' },
    };
    fake = await startFake((s) => {
      s.setRequestHandler('tools/list', () => ({ tools: [weather] }) as never);
      s.setRequestHandler('tools/call', () => answer as never);
    });
    await expect(fake.client.callTool('weather', { city: 'Oslo' })).resolves.toMatchObject({
      structuredContent: { temperature: 21 },
    });
    answer = { content: [], structuredContent: { temperature: 'warm' } };
    const error = await fake.client.callTool('weather').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputSchemaError);
    expect((error as OutputSchemaError).path).toBe('/temperature');
    expect((error as Error).message).toMatch(/expected number, received "warm"/);
    answer = { content: [{ type: 'text', text: 'no data' }] };
    await expect(fake.client.callTool('weather')).rejects.toThrow(/expected structuredContent/);
    answer = { content: [{ type: 'text', text: 'city unknown' }], isError: true };
    await expect(fake.client.callTool('weather')).resolves.toMatchObject({ isError: true });
    // The tool list was read once and reused.
    expect(fake.requests('tools/list')).toHaveLength(1);
  });

  it('reads the tool list once for calls made together before it is known', async () => {
    fake = await startFake((s) => {
      s.setRequestHandler('tools/list', () => ({ tools: [weather] }) as never);
      s.setRequestHandler(
        'tools/call',
        () => ({ content: [], structuredContent: { temperature: 3 } }) as never,
      );
    });
    const client = fake.client;
    const results = await Promise.all(Array.from({ length: 20 }, () => client.callTool('weather')));
    expect(results.map((r) => r.structuredContent)).toEqual(Array(20).fill({ temperature: 3 }));
    expect(fake.requests('tools/list')).toHaveLength(1);
    expect(fake.requests('tools/call')).toHaveLength(20);
    // After list_changed, calls to a tool not listed yet read the list again; one with its own timeout
    // reads it itself, within that timeout.
    await fake.server.notification('notifications/tools/list_changed');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all([
      fake.client.callTool('other'),
      fake.client.callTool('other'),
      fake.client.callTool('other', {}, { timeoutMs: 5000 }),
    ]);
    expect(fake.requests('tools/list')).toHaveLength(3);
  });

  it('refreshes the tool cache after notifications/tools/list_changed', async () => {
    let tools: Tool[] = [{ name: 'one', inputSchema: { type: 'object' } }];
    const changes: string[] = [];
    fake = await startFake((s) => s.setRequestHandler('tools/list', () => ({ tools }) as never), {
      client: { onListChanged: (kind) => changes.push(kind) },
    });
    expect((await fake.client.listAllTools()).map((t) => t.name)).toEqual(['one']);
    expect((await fake.client.listAllTools()).map((t) => t.name)).toEqual(['one']);
    expect(fake.requests('tools/list')).toHaveLength(1);
    tools = [{ name: 'two', inputSchema: { type: 'object' } }];
    await fake.server.notification('notifications/tools/list_changed');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(changes).toEqual(['tools']);
    expect((await fake.client.listAllTools()).map((t) => t.name)).toEqual(['two']);
    expect(fake.requests('tools/list')).toHaveLength(2);
  });

  it('drops modern tools with invalid x-mcp-header annotations and reports them', async () => {
    const rejected: string[] = [];
    const good: Tool = {
      name: 'sql',
      inputSchema: { type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' } } },
    };
    const bad: Tool = {
      name: 'bad',
      inputSchema: { type: 'object', properties: { n: { type: 'number', 'x-mcp-header': 'N' } } },
    };
    fake = await startFake(
      (s) => {
        s.setRequestHandler('tools/list', () => ({ tools: [good, bad], ...CACHE }) as never);
        s.setRequestHandler('tools/call', () => ({ content: [] }) as never);
      },
      {
        revisions: MODERN_ONLY,
        client: { onToolRejected: (tool, reason) => rejected.push(`${tool.name}: ${reason}`) },
      },
    );
    const page = await fake.client.listTools();
    expect(page.tools.map((t) => t.name)).toEqual(['sql']);
    expect(rejected).toEqual([
      expect.stringMatching(/^bad: .*type string, integer or boolean, received type "number"/),
    ]);
    expect(fake.client.paramHeadersFor('sql')).toEqual([{ header: 'Region', path: ['region'] }]);
    expect(
      fake.client.headersFor({
        method: 'tools/call',
        params: { name: 'sql', arguments: { region: 'us-west1' } },
      }),
    ).toEqual({
      'mcp-method': 'tools/call',
      'mcp-name': 'sql',
      'mcp-param-region': 'us-west1',
    });
    await expect(fake.client.callTool('bad', { n: 1 })).rejects.toThrow(/cannot be called/);
    expect(fake.requests('tools/call')).toHaveLength(0);
  });

  it('turns JSON-RPC errors into ProtocolError with the code, and honours timeout and abort', async () => {
    fake = await startFake(
      (s) => {
        s.setRequestHandler('tools/list', () => ({ tools: [] }) as never);
        s.setRequestHandler('tools/call', async (params, context) => {
          if (params.name === 'slow') {
            await new Promise((resolve) => {
              const timer = setTimeout(resolve, 5000);
              context.signal.addEventListener('abort', () => {
                clearTimeout(timer);
                resolve(undefined);
              });
            });
            return { content: [] } as never;
          }
          throw new ProtocolError(ErrorCode.InvalidParams, 'Unknown tool: nope');
        });
      },
      { client: { validateToolOutput: false } },
    );
    const error = await fake.client.callTool('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe(-32602);
    await expect(fake.client.callTool('slow', {}, { timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    setTimeout(() => controller.abort('user'), 20);
    await expect(fake.client.callTool('slow', {}, { signal: controller.signal })).rejects.toBeInstanceOf(
      AbortedError,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(
      fake.received.filter(
        (m) => !Array.isArray(m) && 'method' in m && m.method === 'notifications/cancelled',
      ),
    ).toHaveLength(2);
  });
});

describe('Client: resources, prompts, completion, logging', () => {
  it('maps each method to its request and refuses what the server did not declare', async () => {
    fake = await startFake(
      (s) => {
        s.setRequestHandler(
          'resources/read',
          (p) => ({ contents: [{ uri: p.uri, text: 'hello' }] }) as never,
        );
        s.setRequestHandler('resources/subscribe', () => ({}) as never);
        s.setRequestHandler(
          'prompts/get',
          (p) =>
            ({
              messages: [{ role: 'user', content: { type: 'text', text: `hi ${p.arguments?.who}` } }],
            }) as never,
        );
        s.setRequestHandler('completion/complete', () => ({ completion: { values: ['alpha'] } }) as never);
      },
      { capabilities: { resources: { subscribe: true }, prompts: {}, completions: {} } },
    );
    expect((await fake.client.readResource('file:///x')).contents[0]).toMatchObject({ text: 'hello' });
    await fake.client.subscribeResource('file:///x');
    expect((await fake.client.getPrompt('greet', { who: 'Ada' })).messages[0]!.content).toMatchObject({
      text: 'hi Ada',
    });
    const completion = await fake.client.complete({
      ref: { type: 'ref/prompt', name: 'greet' },
      argument: { name: 'who', value: 'a' },
    });
    expect(completion.completion.values).toEqual(['alpha']);
    await expect(fake.client.setLoggingLevel('debug')).rejects.toBeInstanceOf(CapabilityError);
    await expect(fake.client.listTools()).rejects.toBeInstanceOf(CapabilityError);
  });
});
