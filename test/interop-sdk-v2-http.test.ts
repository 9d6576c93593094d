/**
 * The official SDK v2 client (@modelcontextprotocol/client, which speaks 2026-07-28) against our fixture
 * server over HTTP. With `versionNegotiation: 'auto'` it probes with `server/discover` and must land in the
 * modern era (stateless requests, no session, server→client input through input_required rounds); pinned
 * to 2026-07-28 likewise; with its default (legacy) mode it opens a 2025-11-25 session; and its
 * SSEClientTransport speaks the deprecated HTTP+SSE transport at /sse.
 */
import { type FixtureHttpServer, serveFixtureHttp } from '@mcpwire/conformance';
import {
  Client,
  type ClientOptions,
  SSEClientTransport,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let fixture: FixtureHttpServer;
beforeAll(async () => {
  fixture = await serveFixtureHttp();
});
afterAll(async () => {
  await fixture.close();
});

interface Wire {
  method: string;
  protocolVersion: string | null;
  sessionId: string | null;
  body: string;
}

function recordingFetch(wire: Wire[]): typeof fetch {
  return async (url, init) => {
    const headers = new Headers(init?.headers);
    wire.push({
      method: init?.method ?? 'GET',
      protocolVersion: headers.get('mcp-protocol-version'),
      sessionId: headers.get('mcp-session-id'),
      body: typeof init?.body === 'string' ? init.body : '',
    });
    return fetch(url, init);
  };
}

function newClient(mode: NonNullable<ClientOptions['versionNegotiation']>['mode']): {
  client: Client;
  sampled: string[];
  elicited: string[];
} {
  const sampled: string[] = [];
  const elicited: string[] = [];
  const client = new Client(
    { name: 'sdk-v2-http', version: '2.0.0' },
    {
      ...(mode === undefined ? {} : { versionNegotiation: { mode } }),
      capabilities: { sampling: {}, elicitation: { form: {} } },
    },
  );
  client.setRequestHandler('sampling/createMessage', async (request) => {
    const content = request.params.messages[0]!.content;
    sampled.push(!Array.isArray(content) && content.type === 'text' ? content.text : 'other');
    return { model: 'stub', role: 'assistant', content: { type: 'text', text: 'v2 sampled' } };
  });
  client.setRequestHandler('elicitation/create', async (request) => {
    elicited.push(request.params.message);
    return { action: 'accept', content: { username: 'grace', email: 'grace@example.com' } };
  });
  return { client, sampled, elicited };
}

function texts(result: unknown): string[] {
  return (((result as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>).map(
    (c) => c.text ?? c.type,
  );
}

describe.each([
  ['auto', 'auto'],
  ['pinned 2026-07-28', { pin: '2026-07-28' }],
] as const)('SDK v2 client (%s) → fixture server, modern era', (_label, mode) => {
  const wire: Wire[] = [];
  let peer: ReturnType<typeof newClient>;
  let transport: StreamableHTTPClientTransport;
  beforeAll(async () => {
    peer = newClient(mode);
    transport = new StreamableHTTPClientTransport(new URL(fixture.mcpUrl), { fetch: recordingFetch(wire) });
    await peer.client.connect(transport);
  });
  afterAll(async () => {
    await peer.client.close();
  });

  it('negotiates 2026-07-28 through server/discover, without initialize or a session', () => {
    expect(peer.client.getProtocolEra()).toBe('modern');
    expect(peer.client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(peer.client.getServerVersion()?.name).toBe('mcpwire-fixture-server');
    expect(wire[0]!.body).toContain('"server/discover"');
    expect(wire.some((w) => w.body.includes('"initialize"'))).toBe(false);
    expect(transport.sessionId).toBeUndefined();
  });

  it('lists and calls tools, reads resources, gets prompts; every request carries 2026-07-28', async () => {
    const { tools } = await peer.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['echo', 'json_schema_2020_12_tool']));
    expect(texts(await peer.client.callTool({ name: 'echo', arguments: { text: 'modern' } }))).toEqual([
      'modern',
    ]);
    const read = await peer.client.readResource({ uri: 'test://template/7/data' });
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({ id: '7' });
    const prompt = await peer.client.getPrompt({ name: 'test_simple_prompt' });
    expect(prompt.messages[0]!.content).toEqual({
      type: 'text',
      text: 'This is a simple prompt for testing.',
    });
    const posts = wire.filter((w) => w.method === 'POST');
    expect(posts.every((w) => w.protocolVersion === '2026-07-28' && w.sessionId === null)).toBe(true);
  });

  it('receives progress during a modern call', async () => {
    const progress: number[] = [];
    const result = await peer.client.callTool(
      { name: 'test_tool_with_progress', arguments: {} },
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(texts(result)).toEqual(['Tool with progress executed successfully']);
    expect(progress).toEqual([0, 50, 100]);
  });

  it('fulfils sampling and elicitation through input_required rounds (a retried tools/call)', async () => {
    const before = wire.length;
    const sampled = await peer.client.callTool({ name: 'test_sampling', arguments: { prompt: 'Q?' } });
    expect(texts(sampled)).toEqual(['LLM response: v2 sampled']);
    expect(peer.sampled).toContain('Q?');
    // Two POSTs of the same tools/call: the first answered input_required, the retry carried the answer.
    const calls = wire.slice(before).filter((w) => w.body.includes('"test_sampling"'));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body).toContain('inputResponses');
    const elicited = await peer.client.callTool({
      name: 'test_elicitation',
      arguments: { message: 'Name?' },
    });
    expect(texts(elicited)[0]).toContain('"username":"grace"');
    expect(peer.elicited).toContain('Name?');
  });
});

describe('SDK v2 client in its default (legacy) mode → fixture server', () => {
  it('opens a 2025-11-25 session and calls tools on it', async () => {
    const wire: Wire[] = [];
    const peer = newClient(undefined);
    const transport = new StreamableHTTPClientTransport(new URL(fixture.mcpUrl), {
      fetch: recordingFetch(wire),
    });
    await peer.client.connect(transport);
    try {
      expect(peer.client.getProtocolEra()).toBe('legacy');
      expect(peer.client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
      expect(transport.sessionId).toBeDefined();
      const sampled = await peer.client.callTool({ name: 'test_sampling', arguments: { prompt: 'L?' } });
      expect(texts(sampled)).toEqual(['LLM response: v2 sampled']);
      expect(wire.filter((w) => w.body.includes('"test_sampling"'))).toHaveLength(1);
    } finally {
      await peer.client.close();
    }
  });

  it('speaks the deprecated HTTP+SSE transport at /sse', async () => {
    const peer = newClient(undefined);
    await peer.client.connect(new SSEClientTransport(new URL(fixture.sseUrl)));
    try {
      expect(peer.client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
      expect(texts(await peer.client.callTool({ name: 'echo', arguments: { text: 'old wire' } }))).toEqual([
        'old wire',
      ]);
      const elicited = await peer.client.callTool({
        name: 'test_elicitation',
        arguments: { message: 'SSE?' },
      });
      expect(texts(elicited)[0]).toContain('action=accept');
    } finally {
      await peer.client.close();
    }
  });
});
