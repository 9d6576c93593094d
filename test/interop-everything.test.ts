/**
 * @mcpwire/client against the real @modelcontextprotocol/server-everything over stdio: every feature it
 * offers, including its sampling, elicitation and roots requests answered by our handlers.
 */
import type { Client } from '@mcpwire/client';
import { AbortedError, TimeoutError } from '@mcpwire/core';
import type { StdioClientTransport } from '@mcpwire/transports/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNode, EVERYTHING_BIN, isAlive, waitFor } from '../packages/client/test/helpers.js';

let client: Client;
let transport: StdioClientTransport;
const samplingRequests: unknown[] = [];
const logs: unknown[] = [];

beforeAll(async () => {
  ({ client, transport } = await connectNode([EVERYTHING_BIN], {
    handlers: {
      sampling: async (params) => {
        samplingRequests.push(params);
        return {
          role: 'assistant',
          content: { type: 'text', text: 'sampled by mcpwire' },
          model: 'mcpwire-test-model',
        };
      },
      elicitation: async () => ({ action: 'accept', content: { name: 'Ada Lovelace', check: true } }),
    },
    roots: [{ uri: 'file:///tmp/mcpwire-root', name: 'test root' }],
    onLog: (params) => logs.push(params),
  }));
});

afterAll(async () => {
  const pid = transport.pid!;
  await client.close();
  expect(await waitFor(() => !isAlive(pid))).toBe(true);
});

describe('server-everything over stdio', () => {
  it('negotiates the legacy era after the probe and reports the server', () => {
    expect(client.era).toBe('legacy');
    expect(client.revision).toBe('2025-11-25');
    expect(client.serverInfo?.name).toBe('mcp-servers/everything');
    expect(client.serverCapabilities).toHaveProperty('tools');
    expect(client.instructions).toMatch(/Everything Server/);
  });

  it('lists tools, including the ones registered because we declared sampling, elicitation and roots', async () => {
    const names: string[] = [];
    for await (const tool of client.tools()) names.push(tool.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'echo',
        'get-sum',
        'trigger-sampling-request',
        'trigger-elicitation-request',
        'get-roots-list',
      ]),
    );
  });

  it('calls tools: text results, validated structured output, and tool failures as isError results', async () => {
    expect((await client.callTool('echo', { message: 'hello' })).content).toEqual([
      { type: 'text', text: 'Echo: hello' },
    ]);
    expect((await client.callTool('get-sum', { a: 2, b: 40 })).content[0]).toMatchObject({
      text: expect.stringContaining('42'),
    });
    const structured = await client.callTool('get-structured-content', { location: 'Chicago' });
    expect(structured.structuredContent).toMatchObject({ temperature: expect.any(Number) });
    const failed = await client.callTool('get-sum', { a: 'not a number' });
    expect(failed.isError).toBe(true);
  });

  it("answers the server's sampling request", async () => {
    const result = await client.callTool('trigger-sampling-request', {
      prompt: 'write a haiku',
      maxTokens: 20,
    });
    expect(samplingRequests).toHaveLength(1);
    expect(samplingRequests[0]).toMatchObject({ maxTokens: 20 });
    expect((result.content[0] as { text: string }).text).toContain('sampled by mcpwire');
  });

  it("answers the server's elicitation request, with schema defaults for untouched fields", async () => {
    const result = await client.callTool('trigger-elicitation-request', {});
    const text = result.content.map((block) => (block as { text?: string }).text ?? '').join('\n');
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('It was a dark and stormy night.'); // the schema default of "firstLine"
  });

  it('serves roots to the server', async () => {
    const result = await client.callTool('get-roots-list', {});
    expect((result.content[0] as { text: string }).text).toContain('file:///tmp/mcpwire-root');
  });

  it('reports progress, times out and aborts long calls', async () => {
    const progress: number[] = [];
    await client.callTool(
      'trigger-long-running-operation',
      { duration: 1, steps: 4 },
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(progress).toEqual([1, 2, 3, 4]);
    await expect(
      client.callTool('trigger-long-running-operation', { duration: 5, steps: 5 }, { timeoutMs: 300 }),
    ).rejects.toBeInstanceOf(TimeoutError);
    // Progress every 200 ms keeps a 500 ms timeout alive; the total cap still ends it.
    await expect(
      client.callTool(
        'trigger-long-running-operation',
        { duration: 3, steps: 15 },
        {
          timeoutMs: 500,
          resetTimeoutOnProgress: true,
          maxTotalTimeoutMs: 1200,
          onprogress: () => undefined,
        },
      ),
    ).rejects.toMatchObject({ timeoutMs: 1200 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(
      client.callTool(
        'trigger-long-running-operation',
        { duration: 5, steps: 5 },
        { signal: controller.signal },
      ),
    ).rejects.toBeInstanceOf(AbortedError);
    await client.ping(); // the connection is still healthy
  });

  it('lists and reads resources and resource templates', async () => {
    const resources = [];
    for await (const resource of client.resources()) resources.push(resource);
    expect(resources.length).toBeGreaterThan(0);
    const first = resources[0]!;
    const read = await client.readResource(first.uri);
    expect(read.contents[0]).toMatchObject({ uri: first.uri });
    const templates = [];
    for await (const template of client.resourceTemplates()) templates.push(template.uriTemplate);
    expect(templates).toContain('demo://resource/dynamic/text/{resourceId}');
    const dynamic = await client.readResource('demo://resource/dynamic/text/7');
    expect((dynamic.contents[0] as { text: string }).text).toContain('Resource 7');
    await client.subscribeResource(first.uri);
    await client.unsubscribeResource(first.uri);
  });

  it('lists and gets prompts, and completes prompt arguments', async () => {
    const prompts = [];
    for await (const prompt of client.prompts()) prompts.push(prompt.name);
    expect(prompts).toEqual(expect.arrayContaining(['simple-prompt', 'args-prompt', 'completable-prompt']));
    const prompt = await client.getPrompt('args-prompt', { city: 'Paris' });
    expect(JSON.stringify(prompt.messages)).toContain('Paris');
    const completion = await client.complete({
      ref: { type: 'ref/prompt', name: 'completable-prompt' },
      argument: { name: 'department', value: 'Eng' },
    });
    expect(completion.completion.values).toContain('Engineering');
  });

  it('sets the logging level', async () => {
    await client.setLoggingLevel('debug');
    await client.ping();
  });
});
