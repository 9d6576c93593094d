/**
 * Hostile input the server must take calmly (issue 13 item 8, server side), against real processes and
 * sockets: a notification MCP cannot use (positional params) is never answered, on stdio, Streamable HTTP
 * (both Node paths, both eras, batches) and legacy HTTP+SSE; plain JSON Schema tools get no own
 * `__proto__` key; `inputResponses.__proto__` is ignored; deeply nested arguments with a requestState get
 * -32602.
 */
import { McpServer } from '@mcpwire/server';
import { createRouter, createStreamableHttpHandler, type Listening, listen } from '@mcpwire/transports/http';
import { createSseHandler } from '@mcpwire/transports/sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, modernMeta, StdioPeer } from './server-stdio-peer.js';

const ARRAY_PARAMS = '{"jsonrpc":"2.0","method":"x","params":[1]}';
/** The first answer waits for the fixture process to start, which a loaded machine makes slow. */
const STARTUP_MS = 25_000;

// One fixture process per era, one after the other (two starting at once is slow on a loaded machine).
describe('fixture server over stdio, hostile input (2025-11-25)', () => {
  let legacy: StdioPeer;
  beforeAll(async () => {
    legacy = new StdioPeer();
    await legacy.initialize('2025-11-25', {}, STARTUP_MS);
  });
  afterAll(async () => {
    expect(await legacy.end()).toBe(0);
  });

  it('never answers a notification with positional params', async () => {
    legacy.received.length = 0;
    legacy.write(ARRAY_PARAMS);
    // Answers go out in order: an answer to the notification would come before the ping's.
    expect((await legacy.request('ping')).result).toEqual({});
    expect(legacy.received).toEqual([]);
  });

  it('gives a plain JSON Schema tool its arguments without own __proto__ keys, at any depth', async () => {
    const answer = legacy.waitFor(100);
    legacy.write(
      '{"jsonrpc":"2.0","id":100,"method":"tools/call","params":{"name":"json_schema_2020_12_tool","arguments":' +
        '{"name":"n","__proto__":{"polluted":true},"address":{"city":"c","__proto__":{"polluted":true}}}}}',
    );
    expect(((await answer).result as Json).content).toEqual([
      { type: 'text', text: 'JSON Schema 2020-12 tool called with {"name":"n","address":{"city":"c"}}' },
    ]);
  });
});

describe('fixture server over stdio, hostile input (2026-07-28)', () => {
  let modern: StdioPeer;
  beforeAll(async () => {
    modern = new StdioPeer();
    const discovered = await modern.request('server/discover', { _meta: modernMeta() }, STARTUP_MS);
    expect(discovered.result).toBeDefined();
  });
  afterAll(async () => {
    expect(await modern.end()).toBe(0);
  });

  /** test_sampling's first round: its requestState and the key of the input it asks for. */
  async function firstRound(): Promise<{ state: string; key: string }> {
    const first = (
      await modern.request('tools/call', {
        name: 'test_sampling',
        arguments: { prompt: 'Hi?' },
        _meta: modernMeta({ sampling: {} }),
      })
    ).result as Json;
    expect(first.resultType).toBe('input_required');
    return { state: first.requestState as string, key: Object.keys(first.inputRequests as Json)[0]! };
  }

  it('ignores inputResponses.__proto__ (an answer hidden there is not an answer)', async () => {
    const { state, key } = await firstRound();
    const sampled = { role: 'assistant', content: { type: 'text', text: 'Hello!' }, model: 'm' };
    const params = JSON.stringify({
      name: 'test_sampling',
      arguments: { prompt: 'Hi?' },
      _meta: modernMeta({ sampling: {} }),
      requestState: state,
    });
    const answer = modern.waitFor(200);
    // Written by hand: a `__proto__` member in an object literal would set the prototype instead.
    modern.write(
      `{"jsonrpc":"2.0","id":200,"method":"tools/call","params":${params.slice(0, -1)},"inputResponses":{"__proto__":{"${key}":${JSON.stringify(sampled)}}}}}`,
    );
    expect(((await answer).result as Json).resultType).toBe('input_required');
  });

  it('answers deeply nested arguments that come with a requestState with -32602', async () => {
    const { state } = await firstRound();
    const depth = 100_000;
    const params = JSON.stringify({
      name: 'test_sampling',
      _meta: modernMeta({ sampling: {} }),
      requestState: state,
    });
    const answer = modern.waitFor(300);
    modern.write(
      `{"jsonrpc":"2.0","id":300,"method":"tools/call","params":${params.slice(0, -1)},"arguments":{"prompt":"Hi?","deep":${'['.repeat(depth)}${']'.repeat(depth)}}}}`,
    );
    const error = (await answer).error as Json;
    expect(error.code).toBe(-32602);
    expect(error.message).toContain('nested at most');
  });
});

describe('Streamable HTTP and legacy HTTP+SSE, a notification with positional params', () => {
  let listening: Listening;
  let base: string;
  const server = new McpServer({ name: 'hostile', version: '1.0.0' });
  beforeAll(async () => {
    const connect = (t: Parameters<typeof server.connect>[0]) => server.connect(t).then(() => undefined);
    const mcp = createStreamableHttpHandler({ connect });
    const sse = createSseHandler({ connect });
    // /mcp on the Node fast path, /web through a plain function (the web-standard path), /sse legacy.
    const web = Object.assign((request: Request) => mcp(request), { close: () => mcp.close() });
    listening = await listen({
      handler: createRouter({ '/mcp': mcp, '/web': web, '/sse': sse, '/messages': sse }),
    });
    base = listening.url;
  });
  afterAll(async () => {
    await listening.close();
    await server.close();
  });

  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body,
    });

  async function session(url: string, version: string): Promise<Record<string, string>> {
    const init = await post(
      url,
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 't', version: '1' } },
      }),
    );
    await init.text();
    const headers = {
      'mcp-session-id': init.headers.get('mcp-session-id')!,
      'mcp-protocol-version': version,
    };
    await (await post(url, '{"jsonrpc":"2.0","method":"notifications/initialized"}', headers)).text();
    return headers;
  }

  it.each(['fast', 'web'])(
    'gets 202 with no body, in a session, in 2026-07-28 and in a batch (%s path)',
    async (path) => {
      const url = `${base}/${path === 'fast' ? 'mcp' : 'web'}`;
      const headers = await session(url, '2025-03-26');
      const alone = await post(url, ARRAY_PARAMS, headers);
      expect(alone.status).toBe(202);
      expect(await alone.text()).toBe('');
      const modern = await post(url, ARRAY_PARAMS, { 'mcp-protocol-version': '2026-07-28' });
      expect(modern.status).toBe(202);
      expect(await modern.text()).toBe('');
      // In a batch, the request is answered and the notification is not.
      const batch = await post(url, `[{"jsonrpc":"2.0","id":7,"method":"ping"},${ARRAY_PARAMS}]`, headers);
      expect(await batch.json()).toEqual([{ jsonrpc: '2.0', id: 7, result: {} }]);
    },
  );

  it('legacy HTTP+SSE: 202, and nothing on the event stream before the next answer', async () => {
    const stream = await fetch(`${base}/sse`, { headers: { accept: 'text/event-stream' } });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
    const endpoint = `${base}${/data: (\S+)/.exec(text)![1]}`;
    text = text.slice(text.indexOf('\n\n') + 2);
    const initialize = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    });
    expect((await post(endpoint, initialize)).status).toBe(202);
    const refused = await post(endpoint, ARRAY_PARAMS);
    expect(refused.status).toBe(202);
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":2,"method":"ping"}')).status).toBe(202);
    while (!text.includes('"id":2')) text += (await reader.read()).value ?? '';
    const messages = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as Json);
    expect(messages.map((m) => m.id)).toEqual([1, 2]);
    await reader.cancel();
  });
});
