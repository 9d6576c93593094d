/**
 * The official SDK v1 client (@modelcontextprotocol/sdk) against our fixture server over HTTP, in process:
 * StreamableHTTPClientTransport on /mcp (a legacy session, with the event store) and SSEClientTransport on
 * the deprecated /sse + /messages endpoints. Every feature kind, server→client requests during a call, and
 * resumption of a stream the server closes mid-call (test_reconnection).
 */
import { type FixtureHttpServer, PNG_1X1, serveFixtureHttp } from '@mcpwire/conformance';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let fixture: FixtureHttpServer;
beforeAll(async () => {
  fixture = await serveFixtureHttp({ retryMs: 100 });
});
afterAll(async () => {
  await fixture.close();
});

interface Connected {
  client: Client;
  transport: Transport;
  logs: string[];
  sampled: string[];
  elicited: string[];
}

async function connect(kind: 'streamable' | 'sse'): Promise<Connected> {
  const client = new Client(
    { name: 'sdk-v1-http', version: '1.0.0' },
    { capabilities: { sampling: {}, elicitation: {} } },
  );
  const connected: Connected = { client, transport: undefined!, logs: [], sampled: [], elicited: [] };
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
    connected.logs.push(String(n.params.data));
  });
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    const first = request.params.messages[0]!.content;
    const content = Array.isArray(first) ? first[0] : first;
    connected.sampled.push(content?.type === 'text' ? content.text : String(content?.type));
    return { model: 'stub', role: 'assistant', content: { type: 'text', text: 'sampled over HTTP' } };
  });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    connected.elicited.push(request.params.message);
    return { action: 'accept', content: { username: 'ada', email: 'ada@example.com' } };
  });
  connected.transport =
    kind === 'streamable'
      ? new StreamableHTTPClientTransport(new URL(fixture.mcpUrl))
      : new SSEClientTransport(new URL(fixture.sseUrl));
  await client.connect(connected.transport);
  return connected;
}

function texts(result: unknown): string[] {
  return (((result as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>).map(
    (c) => c.text ?? c.type,
  );
}

describe.each(['streamable', 'sse'] as const)('SDK v1 client over %s → fixture server', (kind) => {
  let peer: Connected;
  beforeAll(async () => {
    peer = await connect(kind);
  });
  afterAll(async () => {
    await peer.client.close();
  });

  it('negotiates the latest legacy revision with the fixture identity', () => {
    expect(peer.client.getServerVersion()?.name).toBe('mcpwire-fixture-server');
    expect(peer.client.getServerCapabilities()?.tools).toBeDefined();
    if (kind === 'streamable') {
      expect((peer.transport as StreamableHTTPClientTransport).sessionId).toMatch(/^[\x21-\x7e]+$/);
    }
  });

  it('lists and calls tools', async () => {
    const { tools } = await peer.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['echo', 'test_simple_text', 'test_image_content', 'test_sampling']),
    );
    expect(texts(await peer.client.callTool({ name: 'echo', arguments: { text: `via ${kind}` } }))).toEqual([
      `via ${kind}`,
    ]);
    const image = await peer.client.callTool({ name: 'test_image_content' });
    expect(image.content).toEqual([{ type: 'image', data: PNG_1X1, mimeType: 'image/png' }]);
    const failed = await peer.client.callTool({ name: 'test_error_handling' });
    expect(failed.isError).toBe(true);
  });

  it('reads resources and templates and gets prompts', async () => {
    const { resources } = await peer.client.listResources();
    expect(resources.map((r) => r.uri)).toContain('test://static-text');
    const text = await peer.client.readResource({ uri: 'test://static-text' });
    expect(text.contents[0]).toMatchObject({ text: 'This is the content of the static text resource.' });
    const binary = await peer.client.readResource({ uri: 'test://static-binary' });
    expect(binary.contents[0]).toMatchObject({ blob: PNG_1X1, mimeType: 'image/png' });
    const templated = await peer.client.readResource({ uri: 'test://template/42/data' });
    expect(JSON.parse((templated.contents[0] as { text: string }).text)).toMatchObject({ id: '42' });
    const prompt = await peer.client.getPrompt({
      name: 'test_prompt_with_arguments',
      arguments: { arg1: 'one', arg2: 'two' },
    });
    expect(JSON.stringify(prompt.messages)).toContain("arg1='one', arg2='two'");
  });

  it('receives progress and logs while a call runs', async () => {
    const progress: number[] = [];
    await peer.client.callTool({ name: 'test_tool_with_progress' }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(progress).toEqual([0, 50, 100]);
    await peer.client.setLoggingLevel('info');
    peer.logs.length = 0;
    await peer.client.callTool({ name: 'test_tool_with_logging' });
    expect(peer.logs).toEqual(['Tool execution started', 'Tool processing data', 'Tool execution completed']);
  });

  it('answers sampling and elicitation requests the server sends during a call', async () => {
    const sampled = await peer.client.callTool({ name: 'test_sampling', arguments: { prompt: 'Hi?' } });
    expect(texts(sampled)).toEqual(['LLM response: sampled over HTTP']);
    expect(peer.sampled).toContain('Hi?');
    const elicited = await peer.client.callTool({ name: 'test_elicitation', arguments: { message: 'Who?' } });
    expect(texts(elicited)[0]).toContain('"username":"ada"');
    expect(peer.elicited).toContain('Who?');
  });
});

describe('SDK v1 client resumes a stream the fixture closes mid-call', () => {
  it('gets the test_reconnection result once, through GET + Last-Event-ID', async () => {
    const seen: Array<{ method: string; lastEventId: string | null }> = [];
    const client = new Client({ name: 'sdk-v1-resume', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(fixture.mcpUrl), {
      fetch: async (url, init) => {
        const headers = new Headers(init?.headers);
        seen.push({ method: init?.method ?? 'GET', lastEventId: headers.get('last-event-id') });
        return fetch(url, init);
      },
    });
    await client.connect(transport);
    try {
      const result = await client.callTool({ name: 'test_reconnection' });
      expect(texts(result)).toEqual(['Reconnection test completed successfully']);
      // The POST stream was cut, and the client came back with the priming event's id.
      expect(seen.some((r) => r.method === 'GET' && r.lastEventId !== null)).toBe(true);
      // The session goes on normally afterwards.
      expect(texts(await client.callTool({ name: 'echo', arguments: { text: 'after' } }))).toEqual(['after']);
    } finally {
      await client.close();
    }
  });
});
