/**
 * HTTP statuses of JSON-RPC errors with the real McpServer behind our Streamable HTTP handler: the
 * 2026-07-28 mapping (400 for a bad `_meta` envelope, -32022, -32021 and -32020; 404 for -32601; a
 * handler's own -32602 stays in-band with 200), the legacy header refusal, and 2025-03-26 batches whose
 * invalid members are answered one by one while the valid ones run.
 */
import { McpServer } from '@mcpwire/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createStreamableHttpHandler, type Listening, listen } from '../src/http/index.js';
import { initializeBody, openSession, post } from './http-helpers/http-util.js';

const V = '2026-07-28';
const PV = 'io.modelcontextprotocol/protocolVersion';
const CAPS = 'io.modelcontextprotocol/clientCapabilities';

let listening: Listening | undefined;
let server: McpServer | undefined;
afterEach(async () => {
  await listening?.close();
  await server?.close();
  listening = undefined;
  server = undefined;
});

async function start(): Promise<string> {
  server = new McpServer({ name: 'status', version: '1.0.0' });
  server.tool(
    'echo',
    { description: 'Echoes', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } },
    (args) => String((args as { text?: string }).text ?? ''),
  );
  server.tool('ask', { description: 'Needs sampling' }, async (_args, ctx) => {
    const answer = await ctx.sample({
      messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }],
      maxTokens: 5,
    });
    return JSON.stringify(answer.content);
  });
  server.resource('greeting', 'test://greeting', {}, () => 'hello');
  const mcp = server;
  const handler = createStreamableHttpHandler({ connect: (t) => mcp.connect(t).then(() => undefined) });
  listening = await listen({ handler });
  return `${listening.url}/mcp`;
}

interface ErrorBody {
  jsonrpc: string;
  id?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: Record<string, unknown> };
}

function modern(id: number, method: string, params: Record<string, unknown>, meta: Record<string, unknown>) {
  return { jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } };
}
function headers(method: string, version = V, name?: string): Record<string, string> {
  return {
    'mcp-protocol-version': version,
    'mcp-method': method,
    ...(name === undefined ? {} : { 'mcp-name': name }),
  };
}
const fullMeta = { [PV]: V, [CAPS]: {} };

async function answer(res: Response): Promise<ErrorBody> {
  expect(res.headers.get('content-type')).toContain('application/json');
  return (await res.json()) as ErrorBody;
}

describe('2026-07-28 error statuses with McpServer behind the handler', () => {
  it('answers a request without _meta clientCapabilities with 400 and -32602 (M01)', async () => {
    const url = await start();
    const res = await post(url, modern(7, 'server/discover', {}, { [PV]: V }), headers('server/discover'));
    expect(res.status).toBe(400);
    const body = await answer(res);
    expect(body.id).toBe(7);
    expect(body.error?.code).toBe(-32602);
    expect(body.error?.message).toContain(CAPS);
  });

  it('answers a request whose clientCapabilities is not an object with 400 and -32602', async () => {
    const url = await start();
    const res = await post(
      url,
      modern(8, 'tools/list', {}, { [PV]: V, [CAPS]: 'all' }),
      headers('tools/list'),
    );
    expect(res.status).toBe(400);
    expect((await answer(res)).error?.code).toBe(-32602);
  });

  it('answers an unsupported version with 400, -32022 and data.supported/requested (M02)', async () => {
    const url = await start();
    for (const version of ['1900-01-01', '2025-11-25']) {
      const res = await post(
        url,
        modern(9, 'server/discover', {}, { [PV]: version, [CAPS]: {} }),
        headers('server/discover', version),
      );
      expect(res.status, version).toBe(400);
      const body = await answer(res);
      expect(body.id).toBe(9);
      expect(body.error?.code, version).toBe(-32022);
      expect(body.error?.data?.requested).toBe(version);
      expect(body.error?.data?.supported).toContain(V);
    }
  });

  it('answers a tool that needs an undeclared client capability with 400 and -32021 (M07)', async () => {
    const url = await start();
    const res = await post(
      url,
      modern(10, 'tools/call', { name: 'ask', arguments: {} }, fullMeta),
      headers('tools/call', V, 'ask'),
    );
    expect(res.status).toBe(400);
    const body = await answer(res);
    expect(body.id).toBe(10);
    expect(body.error?.code).toBe(-32021);
    expect(body.error?.data?.requiredCapabilities).toHaveProperty('sampling');
  });

  it('answers an unknown method with 404 and -32601 (J03)', async () => {
    const url = await start();
    const res = await post(
      url,
      modern(11, 'mcpwire/no-such-method', {}, fullMeta),
      headers('mcpwire/no-such-method'),
    );
    expect(res.status).toBe(404);
    const body = await answer(res);
    expect(body.id).toBe(11);
    expect(body.error?.code).toBe(-32601);
  });

  it('keeps a handler-level -32602 (unknown resource) in-band with 200', async () => {
    const url = await start();
    const res = await post(
      url,
      modern(12, 'resources/read', { uri: 'test://missing' }, fullMeta),
      headers('resources/read', V, 'test://missing'),
    );
    expect(res.status).toBe(200);
    const body = await answer(res);
    expect(body.error?.code).toBe(-32602);
    const ok = await post(
      url,
      modern(13, 'tools/call', { name: 'echo', arguments: { text: 'fine' } }, fullMeta),
      headers('tools/call', V, 'echo'),
    );
    expect(ok.status).toBe(200);
    expect(JSON.stringify(await ok.json())).toContain('fine');
  });
});

describe('legacy sessions', () => {
  it('refuses an unsupported MCP-Protocol-Version on a session request with 400 (H13)', async () => {
    const url = await start();
    const session = await openSession(url, '2025-11-25');
    const bad = await post(
      url,
      { jsonrpc: '2.0', id: 2, method: 'ping' },
      { 'mcp-session-id': session, 'mcp-protocol-version': '1900-01-01' },
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as ErrorBody;
    expect(body.error?.code).toBe(-32600);
    expect(body.error?.message).toContain('1900-01-01');
    const good = await post(
      url,
      { jsonrpc: '2.0', id: 3, method: 'ping' },
      { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' },
    );
    expect(good.status).toBe(200);
  });

  it('answers each invalid member of a 2025-03-26 batch and runs the valid ones', async () => {
    const url = await start();
    const init = await post(url, initializeBody(1, '2025-03-26'));
    const session = init.headers.get('mcp-session-id')!;
    await init.text();
    const sessionHeaders = { 'mcp-session-id': session, 'mcp-protocol-version': '2025-03-26' };
    await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, sessionHeaders);
    const res = await post(
      url,
      [
        { jsonrpc: '2.0', id: 'a', method: 'ping' },
        { jsonrpc: '1.0', id: 'b', method: 'ping' },
        { hello: 'world' },
        { jsonrpc: '2.0', id: 'c', method: 'tools/call', params: { name: 'echo', arguments: { text: 'x' } } },
      ],
      { ...sessionHeaders, accept: 'application/json' },
    );
    expect(res.status).toBe(200);
    const replies = (await res.json()) as ErrorBody[];
    expect(replies).toHaveLength(4);
    const byId = new Map(replies.filter((r) => 'id' in r).map((r) => [r.id, r]));
    expect(byId.get('a')?.result).toEqual({});
    expect(byId.get('b')?.error?.code).toBe(-32600);
    expect(JSON.stringify(byId.get('c')?.result)).toContain('"x"');
    // The member without a readable id gets an error without an id member, never `"id": null`.
    const anonymous = replies.filter((r) => !('id' in r));
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]!.error?.code).toBe(-32600);
  });

  it('answers a 2025-03-26 batch of only invalid members with their errors, and still refuses batches in later revisions', async () => {
    const url = await start();
    const init = await post(url, initializeBody(1, '2025-03-26'));
    const session = init.headers.get('mcp-session-id')!;
    await init.text();
    const res = await post(url, [{ jsonrpc: '2.0', id: 5 }, 42], {
      'mcp-session-id': session,
      'mcp-protocol-version': '2025-03-26',
    });
    expect(res.status).toBe(200);
    const replies = (await res.json()) as ErrorBody[];
    expect(replies.map((r) => r.error?.code)).toEqual([-32600, -32600]);
    expect(replies.every((r) => r.id !== null)).toBe(true);

    const later = await openSession(url, '2025-11-25');
    const refused = await post(url, [{ jsonrpc: '2.0', id: 1, method: 'ping' }, { oops: true }], {
      'mcp-session-id': later,
      'mcp-protocol-version': '2025-11-25',
    });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error?.code).toBe(-32600);
    expect('id' in body).toBe(false);
  });
});
