/** 2026-07-28 on the same endpoint: stateless requests, header validation, cancellation, 405/404. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createStreamableHttpHandler,
  type Listening,
  listen,
  StreamableHttpClientTransport,
  type StreamableHttpHandlerOptions,
} from '../src/http/index.js';
import { attachEchoEngine, type EchoEngineRecord } from './http-helpers/echo-engine.js';
import { post, readSse } from './http-helpers/http-util.js';
import { miniClient } from './http-helpers/mini-client.js';

const V = '2026-07-28';
const meta = {
  'io.modelcontextprotocol/protocolVersion': V,
  'io.modelcontextprotocol/clientCapabilities': {},
};
let server: Listening | undefined;
let handler: ReturnType<typeof createStreamableHttpHandler> | undefined;
const records: EchoEngineRecord[] = [];

async function start(options: Partial<StreamableHttpHandlerOptions> = {}): Promise<string> {
  handler = createStreamableHttpHandler({
    connect: (t) => void records.push(attachEchoEngine(t)),
    ...options,
  });
  server = await listen({ handler });
  return `${server.url}/mcp`;
}
afterEach(async () => {
  await server?.close();
  server = undefined;
  records.length = 0;
});

function toolCall(id: number, name: string, args: Record<string, unknown> = {}) {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args, _meta: { ...meta } } };
}
const modernHeaders = (method: string, name?: string) => ({
  'mcp-protocol-version': V,
  'mcp-method': method,
  ...(name === undefined ? {} : { 'mcp-name': name }),
});

describe('Streamable HTTP server, 2026-07-28 requests', () => {
  it('serves a modern request statelessly: no session id, JSON answer, transport closed afterwards', async () => {
    const url = await start();
    const res = await post(url, toolCall(1, 'echo', { text: 'modern' }), modernHeaders('tools/call', 'echo'));
    expect(res.status).toBe(200);
    expect(res.headers.get('mcp-session-id')).toBeNull();
    expect(JSON.stringify(await res.json())).toContain('modern');
    expect(handler!.sessionCount).toBe(0);
  });

  it('ignores a stale Mcp-Session-Id on a modern request', async () => {
    const url = await start();
    const res = await post(url, toolCall(1, 'echo', { text: 'x' }), {
      ...modernHeaders('tools/call', 'echo'),
      'mcp-session-id': 'old-session',
    });
    expect(res.status).toBe(200);
  });

  it('rejects missing or mismatched Mcp-Method / Mcp-Name / version headers with 400 and -32020', async () => {
    const url = await start();
    const cases: Array<Record<string, string>> = [
      { 'mcp-protocol-version': V, 'mcp-name': 'echo' },
      modernHeaders('tools/list', 'echo'),
      modernHeaders('tools/call'),
      modernHeaders('tools/call', 'other'),
      { ...modernHeaders('tools/call', 'echo'), 'mcp-protocol-version': '2025-11-25' },
    ];
    for (const headers of cases) {
      const res = await post(url, toolCall(5, 'echo'), headers);
      expect(res.status, JSON.stringify(headers)).toBe(400);
      const body = (await res.json()) as { id: number; error: { code: number; message: string } };
      expect(body.error.code).toBe(-32020);
      expect(body.id).toBe(5);
    }
  });

  it('decodes a base64-sentinel Mcp-Name before comparing it with the body', async () => {
    const url = await start();
    const name = 'héllo wörld';
    const encoded = `=?base64?${Buffer.from(name).toString('base64')}?=`;
    const ok = await post(url, toolCall(1, name), modernHeaders('tools/call', encoded));
    expect(ok.status).toBe(200);
    const wrong = `=?base64?${Buffer.from('other').toString('base64')}?=`;
    const bad = await post(url, toolCall(2, name), modernHeaders('tools/call', wrong));
    expect(bad.status).toBe(400);
  });

  it('checks Mcp-Param-* headers of x-mcp-header arguments (numbers compare numerically)', async () => {
    const url = await start({
      paramHeaders: (tool) =>
        tool === 'echo'
          ? [
              { header: 'Region', path: ['region'] },
              { header: 'Count', path: ['opts', 'count'], type: 'integer' },
            ]
          : undefined,
    });
    const args = { text: 'a', region: 'us-west1', opts: { count: 42 } };
    const headers = {
      ...modernHeaders('tools/call', 'echo'),
      'mcp-param-region': 'us-west1',
      'mcp-param-count': '42.0',
    };
    expect((await post(url, toolCall(1, 'echo', args), headers)).status).toBe(200);
    const missing = await post(url, toolCall(2, 'echo', args), modernHeaders('tools/call', 'echo'));
    expect(missing.status).toBe(400);
    const mismatch = await post(url, toolCall(3, 'echo', args), { ...headers, 'mcp-param-region': 'eu' });
    expect(((await mismatch.json()) as { error: { code: number } }).error.code).toBe(-32020);
    // Argument absent: the header must not be expected.
    const absent = await post(url, toolCall(4, 'echo', { text: 'a' }), modernHeaders('tools/call', 'echo'));
    expect(absent.status).toBe(200);
  });

  it('answers an unsupported version with 400/-32022 listing the supported ones', async () => {
    const url = await start({ supportedVersions: ['2025-11-25', V] });
    const body = toolCall(1, 'echo');
    (body.params._meta as Record<string, unknown>)['io.modelcontextprotocol/protocolVersion'] = '2099-01-01';
    const res = await post(url, body, {
      ...modernHeaders('tools/call', 'echo'),
      'mcp-protocol-version': '2099-01-01',
    });
    expect(res.status).toBe(400);
    const error = (
      (await res.json()) as { error: { code: number; data: { supported: string[]; requested: string } } }
    ).error;
    expect(error.code).toBe(-32022);
    expect(error.data).toEqual({ supported: ['2025-11-25', V], requested: '2099-01-01' });
  });

  it('maps unknown methods to 404/-32601, by callback or from the engine answer', async () => {
    const url = await start({ isKnownMethod: (m) => m !== 'initialize' && m !== 'nope/nothing' });
    const byCallback = await post(
      url,
      { jsonrpc: '2.0', id: 1, method: 'nope/nothing', params: { _meta: meta } },
      modernHeaders('nope/nothing'),
    );
    expect(byCallback.status).toBe(404);
    expect(((await byCallback.json()) as { error: { code: number } }).error.code).toBe(-32601);
    const byEngine = await post(
      url,
      { jsonrpc: '2.0', id: 2, method: 'other/unknown', params: { _meta: meta } },
      modernHeaders('other/unknown'),
    );
    expect(byEngine.status).toBe(404);
  });

  it('answers GET and DELETE from modern clients with 405', async () => {
    const url = await start();
    expect(
      (await fetch(url, { headers: { 'mcp-protocol-version': V, accept: 'text/event-stream' } })).status,
    ).toBe(405);
    expect((await fetch(url, { method: 'DELETE', headers: { 'mcp-protocol-version': V } })).status).toBe(405);
  });

  it('streams related notifications as SSE and treats closing the stream as cancellation', async () => {
    const url = await start();
    const streamed = await post(
      url,
      toolCall(1, 'progress', { steps: 2 }),
      modernHeaders('tools/call', 'progress'),
    );
    expect(streamed.headers.get('content-type')).toBe('text/event-stream');
    const events = await readSse(streamed);
    expect(events.map((e) => JSON.parse(e.data).method ?? 'result')).toEqual([
      'notifications/progress',
      'notifications/progress',
      'notifications/message',
      'result',
    ]);

    await server!.close();
    const handlerWithSse = await start({ responseMode: 'sse' });
    const controller = new AbortController();
    const res = await fetch(handlerWithSse, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...modernHeaders('tools/call', 'slow'),
      },
      body: JSON.stringify(toolCall(9, 'slow', { ms: 5000 })),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    controller.abort();
    const record = records.at(-1)!;
    for (let i = 0; i < 100 && record.cancelled.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(record.cancelled).toEqual([9]);
  });
});

describe('Streamable HTTP client, 2026-07-28 headers', () => {
  it('sends MCP-Protocol-Version, Mcp-Method, sentinel-encoded Mcp-Name and Mcp-Param-* headers', async () => {
    const url = await start({
      paramHeaders: (tool) => (tool === 'héllo' ? [{ header: 'Region', path: ['region'] }] : undefined),
    });
    const transport = new StreamableHttpClientTransport(url, {
      paramHeaders: (tool) => (tool === 'héllo' ? [{ header: 'Region', path: ['region'] }] : undefined),
    });
    const mc = miniClient(transport);
    await transport.start();
    const answer = await mc.request('tools/call', {
      name: 'héllo',
      arguments: { region: ' padded ' },
      _meta: meta,
    });
    // The echo engine answers unknown tools with -32602: it got past header validation.
    expect((answer as { error?: { code: number } }).error?.code).toBe(-32602);
    const headers = records[0]!.contexts[0]!.requestInfo!.headers!;
    expect(headers['mcp-method']).toBe('tools/call');
    expect(headers['mcp-name']).toBe(`=?base64?${Buffer.from('héllo').toString('base64')}?=`);
    expect(headers['mcp-param-region']).toBe(`=?base64?${Buffer.from(' padded ').toString('base64')}?=`);
    expect(headers['mcp-protocol-version']).toBe(V);
    expect(headers['mcp-session-id']).toBeUndefined();
    await transport.close();
  });

  it('hands a modern JSON-RPC error body (404/-32601) to the engine instead of failing the send', async () => {
    const url = await start({ isKnownMethod: () => false });
    const transport = new StreamableHttpClientTransport(url);
    const mc = miniClient(transport);
    await transport.start();
    const answer = await mc.request('mystery', { _meta: meta });
    expect((answer as { error?: { code: number } }).error?.code).toBe(-32601);
    await transport.close();
  });
});
