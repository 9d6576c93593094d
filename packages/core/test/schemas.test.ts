/** Per-revision schema behaviour: the era differences, loose objects and `_meta` key rules. */
import {
  type CallToolResult,
  type JsonObject,
  REVISIONS,
  Rev2024_11_05,
  Rev2025_03_26,
  Rev2025_06_18,
  Rev2025_11_25,
  Rev2026_07_28,
  schemas,
} from '@mcpwire/core';
import { describe, expect, it } from 'vitest';

const text = { type: 'text', text: 'hi' };
const audio = { type: 'audio', data: 'UklGRg==', mimeType: 'audio/wav' };
const link = { type: 'resource_link', uri: 'file:///a', name: 'a' };
const complete = { resultType: 'complete' };

describe('content per revision', () => {
  it('rejects audio content in 2024-11-05 and accepts it from 2025-03-26', () => {
    expect(Rev2024_11_05.CallToolResult.safeParse({ content: [audio] }).success).toBe(false);
    expect(Rev2025_03_26.CallToolResult.safeParse({ content: [audio] }).success).toBe(true);
    expect(Rev2025_06_18.PromptMessage.safeParse({ role: 'user', content: audio }).success).toBe(true);
    expect(Rev2024_11_05.SamplingMessage.safeParse({ role: 'user', content: audio }).success).toBe(false);
  });

  it('accepts resource links only from 2025-06-18', () => {
    expect(Rev2025_03_26.CallToolResult.safeParse({ content: [link] }).success).toBe(false);
    expect(Rev2025_06_18.CallToolResult.safeParse({ content: [link] }).success).toBe(true);
    expect(Rev2025_06_18.ResourceLink.safeParse({ type: 'resource_link', uri: 'file:///a' }).success).toBe(
      false,
    );
  });

  it('accepts tool_use / tool_result and arrays of content in sampling only from 2025-11-25', () => {
    const toolUse = { type: 'tool_use', id: 'u1', name: 'echo', input: { text: 'x' } };
    const message = { role: 'assistant', content: [text, toolUse] };
    expect(Rev2025_06_18.SamplingMessage.safeParse(message).success).toBe(false);
    expect(Rev2025_11_25.SamplingMessage.safeParse(message).success).toBe(true);
    const toolResult = { type: 'tool_result', toolUseId: 'u1', content: [text], structuredContent: [1] };
    expect(Rev2025_11_25.ToolResultContent.safeParse(toolResult).success).toBe(false);
    expect(Rev2026_07_28.ToolResultContent.safeParse(toolResult).success).toBe(true);
  });

  it('checks annotations: priority within 0..1, audience of roles', () => {
    const annotated = (annotations: unknown) => ({ content: [{ ...text, annotations }] });
    expect(
      Rev2024_11_05.CallToolResult.safeParse(annotated({ priority: 0.5, audience: ['user'] })).success,
    ).toBe(true);
    expect(Rev2024_11_05.CallToolResult.safeParse(annotated({ priority: 1.5 })).success).toBe(false);
    expect(Rev2025_06_18.CallToolResult.safeParse(annotated({ audience: ['robot'] })).success).toBe(false);
    expect(Rev2025_06_18.CallToolResult.safeParse(annotated({ lastModified: 5 })).success).toBe(false);
    expect(Rev2025_03_26.CallToolResult.safeParse(annotated({ lastModified: 5 })).success).toBe(true);
  });
});

describe('structured output', () => {
  it('keeps structuredContent as an unknown extra field in 2025-03-26', () => {
    const parsed = Rev2025_03_26.CallToolResult.parse({
      content: [text],
      structuredContent: [1, 2],
    }) as JsonObject;
    expect(parsed['structuredContent']).toEqual([1, 2]);
  });

  it('requires an object structuredContent in 2025-06-18 and 2025-11-25, any value in 2026-07-28', () => {
    for (const ns of [Rev2025_06_18, Rev2025_11_25]) {
      expect(ns.CallToolResult.safeParse({ content: [text], structuredContent: [1] }).success).toBe(false);
      expect(
        (ns.CallToolResult.parse({ content: [text], structuredContent: { t: 1 } }) as CallToolResult)
          .structuredContent,
      ).toEqual({
        t: 1,
      });
    }
    expect(
      Rev2026_07_28.CallToolResult.safeParse({ ...complete, content: [text], structuredContent: 3 }).success,
    ).toBe(true);
  });

  it('types outputSchema from 2025-06-18 and loosens tool schemas in 2026-07-28', () => {
    const tool = { name: 't', inputSchema: { type: 'object' }, outputSchema: { type: 'array' } };
    expect(Rev2025_03_26.Tool.safeParse(tool).success).toBe(true);
    expect(Rev2025_06_18.Tool.safeParse(tool).success).toBe(false);
    expect(Rev2026_07_28.Tool.safeParse(tool).success).toBe(true);
    const withOneOf = { name: 't', inputSchema: { type: 'object', properties: { a: true } } };
    expect(Rev2025_11_25.Tool.safeParse(withOneOf).success).toBe(false);
    expect(Rev2026_07_28.Tool.safeParse(withOneOf).success).toBe(true);
  });
});

describe('loose objects', () => {
  it('keeps unknown fields at every level in every revision', () => {
    for (const revision of REVISIONS) {
      const ns = schemas[revision];
      const result = ns.ListToolsResult.parse({
        tools: [{ name: 'a', inputSchema: { type: 'object', 'x-extra': 1 }, vendor: { deep: true } }],
        extraTop: 'kept',
        ...(revision === '2026-07-28' ? { ...complete, ttlMs: 0, cacheScope: 'private' } : {}),
      }) as JsonObject;
      expect(result['extraTop'], revision).toBe('kept');
      const tool = (result.tools as Record<string, unknown>[])[0] as Record<string, unknown>;
      expect(tool['vendor'], revision).toEqual({ deep: true });
      expect((tool['inputSchema'] as Record<string, unknown>)['x-extra'], revision).toBe(1);
    }
  });
});

describe('_meta key rules', () => {
  const withMeta = (_meta: Record<string, unknown>) => ({ content: [text], _meta });

  it('are enforced from 2025-06-18 and not before', () => {
    const bad = withMeta({ '-bad': 1 });
    expect(Rev2025_03_26.CallToolResult.safeParse(bad).success).toBe(true);
    expect(Rev2025_06_18.CallToolResult.safeParse(bad).success).toBe(false);
    expect(Rev2025_11_25.CallToolResult.safeParse(bad).success).toBe(false);
    expect(Rev2026_07_28.CallToolResult.safeParse({ ...bad, ...complete }).success).toBe(false);
  });

  it('accept prefixed and plain names', () => {
    const good = withMeta({ 'com.example/trace-id': 'x', progressToken: 1, 'a.b-c/x_y.z': 2, 'io.mcp/': 3 });
    expect(Rev2025_06_18.CallToolResult.safeParse(good).success).toBe(true);
  });

  it('apply to nested _meta objects (content blocks, tools, request params)', () => {
    expect(Rev2025_06_18.TextContent.safeParse({ ...text, _meta: { 'x y': 1 } }).success).toBe(false);
    expect(
      Rev2025_11_25.CallToolRequestParams.safeParse({ name: 'a', _meta: { 'com.example./x': 1 } }).success,
    ).toBe(false);
  });
});

describe('revision-specific shapes', () => {
  it('makes notifications/cancelled requestId optional only in 2025-11-25', () => {
    expect(Rev2025_06_18.CancelledNotificationParams.safeParse({ reason: 'x' }).success).toBe(false);
    expect(Rev2025_11_25.CancelledNotificationParams.safeParse({ reason: 'x' }).success).toBe(true);
    expect(Rev2026_07_28.CancelledNotificationParams.safeParse({ reason: 'x' }).success).toBe(false);
  });

  it('knows URL elicitation from 2025-11-25, with elicitationId only in 2025-11-25', () => {
    const url = { mode: 'url', message: 'Sign in', url: 'https://example.com', elicitationId: 'e1' };
    const withoutId = { mode: 'url', message: 'Sign in', url: 'https://example.com' };
    expect(Rev2025_06_18.ElicitRequestParams.safeParse(url).success).toBe(false);
    expect(Rev2025_11_25.ElicitRequestParams.safeParse(url).success).toBe(true);
    expect(Rev2025_11_25.ElicitRequestParams.safeParse(withoutId).success).toBe(false);
    expect(Rev2026_07_28.ElicitRequestParams.safeParse(withoutId).success).toBe(true);
  });

  it('accepts non-integer numbers in elicitation answers, as a NumberSchema field allows (SEP-1034 default 95.5)', () => {
    const answer = { action: 'accept', content: { score: 95.5, age: 30 } };
    expect(Rev2025_06_18.ElicitResult.safeParse(answer).success).toBe(true);
    expect(Rev2025_11_25.ElicitResult.safeParse(answer).success).toBe(true);
    expect(
      Rev2025_11_25.ElicitResult.safeParse({ action: 'accept', content: { score: { x: 1 } } }).success,
    ).toBe(false);
  });

  it('accepts multi-select elicitation answers only from 2025-11-25', () => {
    const answer = { action: 'accept', content: { colors: ['red', 'blue'] } };
    expect(Rev2025_06_18.ElicitResult.safeParse(answer).success).toBe(false);
    expect(Rev2025_11_25.ElicitResult.safeParse(answer).success).toBe(true);
  });

  it('requires resultType and caching hints in 2026-07-28', () => {
    const list = { tools: [] };
    expect(Rev2025_11_25.ListToolsResult.safeParse(list).success).toBe(true);
    expect(Rev2026_07_28.ListToolsResult.safeParse({ ...list, ...complete }).success).toBe(false);
    expect(
      Rev2026_07_28.ListToolsResult.safeParse({ ...list, ...complete, ttlMs: 10, cacheScope: 'public' })
        .success,
    ).toBe(true);
    expect(
      Rev2026_07_28.ListToolsResult.safeParse({ ...list, ...complete, ttlMs: 1.5, cacheScope: 'public' })
        .success,
    ).toBe(false);
  });

  it('requires protocol version and client capabilities in every 2026-07-28 request _meta', () => {
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
    };
    expect(Rev2026_07_28.CallToolRequestParams.safeParse({ name: 'a', _meta: meta }).success).toBe(true);
    expect(Rev2026_07_28.CallToolRequestParams.safeParse({ name: 'a' }).success).toBe(false);
    const { 'io.modelcontextprotocol/clientCapabilities': _, ...noCaps } = meta;
    expect(Rev2026_07_28.CallToolRequestParams.safeParse({ name: 'a', _meta: noCaps }).success).toBe(false);
  });

  it('parses what the named CallToolResult type describes', () => {
    const parsed = Rev2026_07_28.CallToolResult.parse({
      ...complete,
      content: [text],
      isError: true,
    }) as CallToolResult;
    expect(parsed.isError).toBe(true);
    expect(parsed.content[0]?.type).toBe('text');
  });
});
