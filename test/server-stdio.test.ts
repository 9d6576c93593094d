/**
 * The fixture server as a real child process over stdio, in both eras, and under hostile input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, modernMeta, StdioPeer } from './server-stdio-peer.js';

const EXPECTED_TOOLS = [
  'echo',
  'test_simple_text',
  'test_image_content',
  'test_audio_content',
  'test_embedded_resource',
  'test_multiple_content_types',
  'test_tool_with_logging',
  'test_tool_with_progress',
  'test_error_handling',
  'test_sampling',
  'test_elicitation',
  'test_elicitation_sep1034_defaults',
  'test_elicitation_sep1330_enums',
  'json_schema_2020_12_tool',
  'test_update_resource',
  'test_reconnection',
];

describe('fixture server over stdio, legacy era (2025-11-25)', () => {
  let peer: StdioPeer;
  beforeAll(async () => {
    peer = new StdioPeer();
    peer.answers['sampling/createMessage'] = () => ({
      role: 'assistant',
      content: { type: 'text', text: 'Paris' },
      model: 'm',
    });
    peer.answers['elicitation/create'] = () => ({
      action: 'accept',
      content: { username: 'u', email: 'e@x' },
    });
    const init = await peer.initialize('2025-11-25', { sampling: {}, elicitation: {} });
    expect((init.result as Json).protocolVersion).toBe('2025-11-25');
  });
  afterAll(async () => {
    expect(await peer.end()).toBe(0);
  });

  it('lists every tool of the surface, each with a description and an inputSchema', async () => {
    const tools = ((await peer.request('tools/list')).result as { tools: Json[] }).tools;
    expect(tools.map((tool) => tool.name)).toEqual(EXPECTED_TOOLS);
    for (const tool of tools) {
      expect(tool.description).toEqual(expect.any(String));
      expect((tool.inputSchema as Json).type).toBe('object');
    }
    const json2020 = tools.find((tool) => tool.name === 'json_schema_2020_12_tool')!;
    expect(json2020.inputSchema).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: {
        address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } },
      },
      properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
      additionalProperties: false,
    });
  });

  it('calls content tools and the echo tool', async () => {
    const call = async (name: string, args?: Json) =>
      (
        (await peer.request('tools/call', { name, ...(args === undefined ? {} : { arguments: args }) }))
          .result as Json
      ).content as Json[];
    expect(await call('echo', { text: 'hello stdio' })).toEqual([{ type: 'text', text: 'hello stdio' }]);
    expect(await call('test_simple_text')).toEqual([
      { type: 'text', text: 'This is a simple text response for testing.' },
    ]);
    expect((await call('test_audio_content'))[0]).toMatchObject({ type: 'audio', mimeType: 'audio/wav' });
    expect((await call('test_multiple_content_types')).map((c) => c.type)).toEqual([
      'text',
      'image',
      'resource',
    ]);
    const error = (await peer.request('tools/call', { name: 'test_error_handling' })).result as Json;
    expect(error.isError).toBe(true);
  });

  it('logs, reports progress, samples and elicits during a call', async () => {
    await peer.request('logging/setLevel', { level: 'debug' });
    peer.received.length = 0;
    await peer.request('tools/call', { name: 'test_tool_with_logging' });
    expect(peer.received.filter((m) => m.method === 'notifications/message')).toHaveLength(3);
    peer.received.length = 0;
    await peer.request('tools/call', { name: 'test_tool_with_progress', _meta: { progressToken: 'p1' } });
    const progress = peer.received
      .filter((m) => m.method === 'notifications/progress')
      .map((m) => (m.params as Json).progress);
    expect(progress).toEqual([0, 50, 100]);
    const sampled = (
      await peer.request('tools/call', { name: 'test_sampling', arguments: { prompt: 'Capital of France?' } })
    ).result as Json;
    expect(sampled.content).toEqual([{ type: 'text', text: 'LLM response: Paris' }]);
    const elicited = (
      await peer.request('tools/call', { name: 'test_elicitation', arguments: { message: 'Who?' } })
    ).result as Json;
    expect(elicited.content).toEqual([
      { type: 'text', text: 'User response: action=accept, content={"username":"u","email":"e@x"}' },
    ]);
  });

  it('reads resources and templates, gets prompts, completes', async () => {
    const text = (await peer.request('resources/read', { uri: 'test://static-text' })).result as Json;
    expect(text.contents).toEqual([
      {
        uri: 'test://static-text',
        mimeType: 'text/plain',
        text: 'This is the content of the static text resource.',
      },
    ]);
    const templated = (await peer.request('resources/read', { uri: 'test://template/123/data' })).result as {
      contents: Json[];
    };
    expect(templated.contents[0]!.text).toContain('123');
    const missing = await peer.request('resources/read', { uri: 'test://missing' });
    expect((missing.error as Json).code).toBe(-32002);
    const prompt = (
      await peer.request('prompts/get', {
        name: 'test_prompt_with_arguments',
        arguments: { arg1: 'a', arg2: 'b' },
      })
    ).result as Json;
    expect(JSON.stringify(prompt.messages)).toContain("Prompt with arguments: arg1='a', arg2='b'");
    const missingArg = await peer.request('prompts/get', {
      name: 'test_prompt_with_arguments',
      arguments: { arg1: 'a' },
    });
    expect((missingArg.error as Json).code).toBe(-32602);
    const completion = (
      await peer.request('completion/complete', {
        ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
        argument: { name: 'arg1', value: 'test' },
      })
    ).result as { completion: { values: string[] } };
    expect(completion.completion.values).toEqual(['test', 'testValue1', 'testing']);
    expect((await peer.request('resources/subscribe', { uri: 'test://watched-resource' })).result).toEqual(
      {},
    );
    expect((await peer.request('resources/unsubscribe', { uri: 'test://watched-resource' })).result).toEqual(
      {},
    );
  });
});

describe('fixture server over stdio, modern era (2026-07-28)', () => {
  let peer: StdioPeer;
  beforeAll(() => {
    peer = new StdioPeer();
  });
  afterAll(async () => {
    expect(await peer.end()).toBe(0);
  });

  it('discovers and calls tools with per-request _meta', async () => {
    const discover = (await peer.request('server/discover', { _meta: modernMeta() })).result as Json;
    expect(discover.supportedVersions).toContain('2026-07-28');
    const echo = (
      await peer.request('tools/call', { name: 'echo', arguments: { text: 'modern' }, _meta: modernMeta() })
    ).result as Json;
    expect(echo).toMatchObject({ resultType: 'complete', content: [{ type: 'text', text: 'modern' }] });
    const list = (await peer.request('tools/list', { _meta: modernMeta() })).result as Json;
    expect(list).toMatchObject({ resultType: 'complete', ttlMs: 0, cacheScope: 'public' });
    const missing = await peer.request('resources/read', { uri: 'test://missing', _meta: modernMeta() });
    expect((missing.error as Json).code).toBe(-32602);
  });

  it('asks for sampling through an input_required round and completes on retry', async () => {
    const params = {
      name: 'test_sampling',
      arguments: { prompt: 'Hi?' },
      _meta: modernMeta({ sampling: {} }),
    };
    const first = (await peer.request('tools/call', params)).result as Json;
    expect(first.resultType).toBe('input_required');
    const [key, request] = Object.entries(first.inputRequests as Record<string, Json>)[0]!;
    expect(request).toMatchObject({ method: 'sampling/createMessage', params: { maxTokens: 100 } });
    const retry = (
      await peer.request('tools/call', {
        ...params,
        requestState: first.requestState,
        inputResponses: {
          [key]: { role: 'assistant', content: { type: 'text', text: 'Hello!' }, model: 'm' },
        },
      })
    ).result as Json;
    expect(retry).toMatchObject({
      resultType: 'complete',
      content: [{ type: 'text', text: 'LLM response: Hello!' }],
    });
  });

  it('sends log messages only at the requested level', async () => {
    peer.received.length = 0;
    await peer.request('tools/call', { name: 'test_tool_with_logging', _meta: modernMeta() });
    expect(peer.received.filter((m) => m.method === 'notifications/message')).toHaveLength(0);
    await peer.request('tools/call', {
      name: 'test_tool_with_logging',
      _meta: modernMeta({}, { 'io.modelcontextprotocol/logLevel': 'info' }),
    });
    expect(peer.received.filter((m) => m.method === 'notifications/message')).toHaveLength(3);
  });
});

describe('fixture server over stdio, hostile input', () => {
  it('answers each bad message with the right error and keeps serving', async () => {
    const peer = new StdioPeer();
    // Before initialize, a request without the modern _meta is refused (and nothing breaks).
    const early = await peer.request('tools/list');
    expect((early.error as Json).code).toBe(-32602);
    peer.write('{"jsonrpc":"2.0","id":');
    peer.write('not json at all');
    const parseErrors = await peer.waitFor(null);
    expect((parseErrors.error as Json).code).toBe(-32700);
    await peer.initialize();
    peer.write({ jsonrpc: '2.0', id: 'w1', method: 'tools/call', params: 'wrong type' });
    expect(((await peer.waitFor('w1')).error as Json).code).toBeLessThan(-32599);
    peer.write({ jsonrpc: '2.0', id: 'w2', method: 'tools/call', params: { name: 42 } });
    expect(((await peer.waitFor('w2')).error as Json).code).toBe(-32602);
    expect(((await peer.request('no/such/method')).error as Json).code).toBe(-32601);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    peer.write(
      `{"jsonrpc":"2.0","id":"deep","method":"tools/call","params":{"name":"echo","arguments":{"text":${deep}}}}`,
    );
    const deepAnswer = await peer.waitFor('deep');
    expect(deepAnswer.error ?? (deepAnswer.result as Json).isError).toBeTruthy();
    // A line over the 4 MiB limit is dropped unread, so the error cannot carry its id.
    const hugeAnswer = peer.waitFor(null);
    peer.write(
      `{"jsonrpc":"2.0","id":"huge","method":"tools/call","params":{"name":"echo","arguments":{"text":"${'x'.repeat(5 * 1024 * 1024)}"}}}`,
    );
    const huge = await hugeAnswer;
    expect((huge.error as Json).code).toBeLessThan(-32599);
    const echo = (await peer.request('tools/call', { name: 'echo', arguments: { text: 'still here' } }))
      .result as Json;
    expect(echo.content).toEqual([{ type: 'text', text: 'still here' }]);
    expect(await peer.end()).toBe(0);
  });

  it('exits cleanly on stdin EOF and writes nothing but JSON-RPC to stdout', async () => {
    const peer = new StdioPeer();
    await peer.initialize();
    expect(await peer.end()).toBe(0);
    for (const message of peer.received) expect(message.jsonrpc).toBe('2.0');
  });

  it('prints usage and exits non-zero on bad arguments', async () => {
    const peer = new StdioPeer([
      '--import',
      'tsx',
      'packages/conformance/src/cli.ts',
      'fixture-server',
      '--bogus',
    ]);
    expect(await peer.exited).toBe(2);
    expect(peer.stderr.join('')).toContain('usage: mcpwire-conformance fixture-server --stdio');
    const none = new StdioPeer(['--import', 'tsx', 'packages/conformance/src/cli.ts', 'no-such-command']);
    expect(await none.exited).toBe(2);
    expect(none.stderr.join('')).toContain('Unknown command');
  });
});
