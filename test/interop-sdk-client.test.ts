/**
 * Interop: the official SDK v1 client (Client + StdioClientTransport) drives our fixture server over stdio.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_COMMAND, ROOT } from './server-stdio-peer.js';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

describe('official SDK client against the fixture server over stdio', () => {
  let client: Client;
  const logs: unknown[] = [];
  const elicitations: unknown[] = [];

  beforeAll(async () => {
    client = new Client(
      { name: 'sdk-interop', version: '1.0.0' },
      { capabilities: { sampling: {}, elicitation: {} } },
    );
    client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
      const content = request.params.messages[0]?.content;
      const text = content !== undefined && 'text' in content ? content.text : '?';
      return { role: 'assistant', content: { type: 'text', text: `echo(${text})` }, model: 'sdk-test-model' };
    });
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      elicitations.push(request.params);
      return { action: 'accept', content: { username: 'testuser', email: 'test@example.com' } };
    });
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logs.push(notification.params);
    });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: FIXTURE_COMMAND,
      cwd: ROOT,
      stderr: 'pipe',
    });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client.close();
  });

  it('negotiates 2025-11-25 and sees the declared capabilities', () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'mcpwire-fixture-server' });
    expect(client.getServerCapabilities()).toMatchObject({
      tools: { listChanged: true },
      resources: { subscribe: true, listChanged: true },
      prompts: { listChanged: true },
      logging: {},
      completions: {},
    });
  });

  it('lists and calls every tool', async () => {
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(16);
    const args: Record<string, Record<string, unknown>> = {
      echo: { text: 'hi' },
      test_sampling: { prompt: 'What is 2+2?' },
      test_elicitation: { message: 'Your details?' },
      json_schema_2020_12_tool: { name: 'n' },
    };
    const results: Record<string, { content: { type: string; text?: string }[]; isError?: boolean }> = {};
    for (const tool of tools) {
      expect(tool.description, tool.name).toBeTruthy();
      const result = await client.callTool({ name: tool.name, arguments: args[tool.name] ?? {} });
      results[tool.name] = result as (typeof results)[string];
      expect(Array.isArray(result.content), tool.name).toBe(true);
    }
    expect(results.echo!.content).toEqual([{ type: 'text', text: 'hi' }]);
    expect(results.test_image_content!.content).toEqual([
      { type: 'image', data: PNG, mimeType: 'image/png' },
    ]);
    expect(results.test_error_handling!.isError).toBe(true);
    expect(results.test_sampling!.content[0]!.text).toBe('LLM response: echo(What is 2+2?)');
    expect(results.test_elicitation!.content[0]!.text).toBe(
      'User response: action=accept, content={"username":"testuser","email":"test@example.com"}',
    );
    expect(results.test_elicitation_sep1034_defaults!.content[0]!.text).toContain('action=accept');
    expect(elicitations).toHaveLength(3);
    expect(results.test_simple_text!.isError).toBeFalsy();
  });

  it('reads every resource and the template', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual([
      'test://static-text',
      'test://static-binary',
      'test://watched-resource',
    ]);
    for (const resource of resources) {
      const { contents } = await client.readResource({ uri: resource.uri });
      expect(contents[0]!.uri).toBe(resource.uri);
    }
    expect((await client.readResource({ uri: 'test://static-binary' })).contents[0]).toMatchObject({
      blob: PNG,
      mimeType: 'image/png',
    });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['test://template/{id}/data']);
    const { contents } = await client.readResource({ uri: 'test://template/777/data' });
    expect(JSON.parse((contents[0] as { text: string }).text)).toEqual({
      id: '777',
      templateTest: true,
      data: 'Data for ID: 777',
    });
    await client.subscribeResource({ uri: 'test://watched-resource' });
    await client.unsubscribeResource({ uri: 'test://watched-resource' });
    await expect(client.readResource({ uri: 'test://nope' })).rejects.toMatchObject({ code: -32002 });
  });

  it('gets every prompt', async () => {
    const { prompts } = await client.listPrompts();
    const args: Record<string, Record<string, string>> = {
      test_prompt_with_arguments: { arg1: 'testValue1', arg2: 'testValue2' },
      test_prompt_with_embedded_resource: { resourceUri: 'test://example-resource' },
    };
    for (const prompt of prompts) {
      expect(prompt.description).toBeTruthy();
      const result = await client.getPrompt({ name: prompt.name, arguments: args[prompt.name] ?? {} });
      expect(result.messages.length).toBeGreaterThan(0);
    }
    const withArgs = await client.getPrompt({
      name: 'test_prompt_with_arguments',
      arguments: args.test_prompt_with_arguments,
    });
    expect(JSON.stringify(withArgs.messages)).toContain("arg1='testValue1', arg2='testValue2'");
    await expect(
      client.getPrompt({ name: 'test_prompt_with_arguments', arguments: {} }),
    ).rejects.toMatchObject({ code: -32602 });
  });

  it('completes prompt arguments and template variables', async () => {
    const prompt = await client.complete({
      ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
      argument: { name: 'arg1', value: 'test' },
    });
    expect(prompt.completion.values).toEqual(['test', 'testValue1', 'testing']);
    const template = await client.complete({
      ref: { type: 'ref/resource', uri: 'test://template/{id}/data' },
      argument: { name: 'id', value: '4' },
    });
    expect(template.completion).toMatchObject({ values: ['456'], total: 1, hasMore: false });
  });

  it('receives log messages after setLevel, filtered by level', async () => {
    await client.setLoggingLevel('debug');
    logs.length = 0;
    await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
    expect(logs.map((entry) => (entry as { data: string }).data)).toEqual([
      'Tool execution started',
      'Tool processing data',
      'Tool execution completed',
    ]);
    await client.setLoggingLevel('error');
    logs.length = 0;
    await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
    expect(logs).toHaveLength(0);
  });

  it('receives progress before the result', async () => {
    const progress: number[] = [];
    const result = await client.callTool({ name: 'test_tool_with_progress', arguments: {} }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(progress).toEqual([0, 50, 100]);
    expect(result.content).toEqual([{ type: 'text', text: 'Tool with progress executed successfully' }]);
  });

  it('cancels a running tool and keeps serving', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const call = client.callTool({ name: 'test_tool_with_progress', arguments: {} }, undefined, {
      signal: controller.signal,
      onprogress: (p) => {
        progress.push(p.progress);
        controller.abort('user cancelled');
      },
    });
    await expect(call).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(progress).toEqual([0]);
    const after = await client.callTool({ name: 'echo', arguments: { text: 'alive' } });
    expect(after.content).toEqual([{ type: 'text', text: 'alive' }]);
  });

  it('pings', async () => {
    await expect(client.ping()).resolves.toEqual({});
  });
});
