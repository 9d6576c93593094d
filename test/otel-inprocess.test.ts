/**
 * OpenTelemetry with the real SDK, client and server in one process over the in-memory transport: span
 * names, kinds and attributes as the MCP semantic conventions give them, parent/child links carried by
 * `_meta` trace context (not by the ambient context), server→client requests, errors, and the duration
 * metrics.
 */
import { Client } from '@mcpwire/client';
import { createInMemoryPair, type JSONRPCPayload, type JsonObject, type Revision } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { DataPointType, type HistogramMetricData } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { byName, parentOf, type RegisteredSdk, registerSdk } from './otel-sdk.js';

let sdk: RegisteredSdk;
const tracer = () => trace.getTracer('otel-test');

function makeServer(): McpServer {
  const server = new McpServer({ name: 'traced', version: '1.0.0' });
  server.tool('echo', { inputSchema: { text: z.string() } }, ({ text }) => {
    // Work the handler does joins the trace under the server span.
    tracer().startSpan('inside-echo').end();
    return text;
  });
  server.tool('broken', {}, () => {
    throw new Error('it broke');
  });
  server.tool('ask', {}, async (_args, ctx) => {
    const answer = await ctx.sample({
      messages: [{ role: 'user', content: { type: 'text', text: 'capital of France?' } }],
      maxTokens: 10,
    });
    return (answer.content as { text: string }).text;
  });
  server.prompt('greet', { arguments: [{ name: 'who', required: true }] }, ({ who }) => `Hello ${who}`);
  server.resource('readme', 'file:///readme', { mimeType: 'text/plain' }, () => 'read me');
  return server;
}

async function connect(revision: Revision, sent: JSONRPCPayload[]): Promise<Client> {
  const [clientSide, serverSide] = createInMemoryPair();
  const send = clientSide.send.bind(clientSide);
  clientSide.send = (message, options) => {
    sent.push(message);
    return send(message, options);
  };
  await makeServer().connect(serverSide);
  const client = new Client(
    { name: 'traced-client', version: '1.0.0' },
    {
      revision,
      handlers: {
        sampling: async () => {
          tracer().startSpan('inside-sampling').end();
          return { role: 'assistant', content: { type: 'text', text: 'Paris' }, model: 'm' };
        },
      },
    },
  );
  await client.connect(clientSide);
  return client;
}

/** Runs `work` inside an active root span and returns that span's context. */
async function underRoot(work: () => Promise<unknown>): Promise<{ traceId: string; spanId: string }> {
  return tracer().startActiveSpan('root', async (root) => {
    try {
      await work();
    } catch {
      // the spans are what is checked
    }
    root.end();
    return root.spanContext();
  });
}

function only(spans: ReadableSpan[], name: string, kind: SpanKind): ReadableSpan {
  const found = byName(spans, name).filter((span) => span.kind === kind);
  expect(found, `${name} (${SpanKind[kind]})`).toHaveLength(1);
  return found[0]!;
}

beforeAll(() => {
  sdk = registerSdk();
});
afterAll(async () => {
  await sdk.shutdown();
});
beforeEach(() => {
  sdk.exporter.reset();
});

describe.each(['2025-11-25', '2026-07-28'] as const)(
  'traces over the in-memory transport (%s)',
  (revision) => {
    it('a tool call is a CLIENT span under the caller and a SERVER span under it, linked through _meta', async () => {
      const sent: JSONRPCPayload[] = [];
      const client = await connect(revision, sent);
      const root = await underRoot(() => client.callTool('echo', { text: 'hi' }));
      const spans = sdk.spans();
      const clientSpan = only(spans, 'tools/call echo', SpanKind.CLIENT);
      const serverSpan = only(spans, 'tools/call echo', SpanKind.SERVER);
      expect(clientSpan.spanContext().traceId).toBe(root.traceId);
      expect(parentOf(clientSpan)).toBe(root.spanId);
      // The server span's parent is the client span (from _meta), not the root that was ambient.
      expect(serverSpan.spanContext().traceId).toBe(root.traceId);
      expect(parentOf(serverSpan)).toBe(clientSpan.spanContext().spanId);
      expect(parentOf(only(spans, 'inside-echo', SpanKind.INTERNAL))).toBe(serverSpan.spanContext().spanId);

      const call = (sent as unknown as JsonObject[]).find((message) => message.method === 'tools/call')!;
      const meta = (call.params as JsonObject)._meta as JsonObject;
      expect(meta.traceparent).toBe(`00-${root.traceId}-${clientSpan.spanContext().spanId}-01`);

      for (const span of [clientSpan, serverSpan]) {
        expect(span.attributes).toMatchObject({
          'mcp.method.name': 'tools/call',
          'gen_ai.tool.name': 'echo',
          'gen_ai.operation.name': 'execute_tool',
          'mcp.protocol.version': revision,
          'jsonrpc.request.id': String(call.id),
        });
        expect(span.attributes['error.type']).toBeUndefined();
        expect(span.status.code).toBe(SpanStatusCode.UNSET);
      }
      await client.close();
    });

    it('prompts and resources get their own attributes; a JSON-RPC error sets error.type and the status', async () => {
      const client = await connect(revision, []);
      await client.getPrompt('greet', { who: 'you' });
      await client.readResource('file:///readme');
      await expect(client.callTool('missing')).rejects.toThrow();
      const spans = sdk.spans();
      for (const kind of [SpanKind.CLIENT, SpanKind.SERVER]) {
        expect(only(spans, 'prompts/get greet', kind).attributes['gen_ai.prompt.name']).toBe('greet');
        const read = only(spans, 'resources/read', kind);
        expect(read.attributes['mcp.resource.uri']).toBe('file:///readme');
        const failed = only(spans, 'tools/call missing', kind);
        expect(failed.attributes['error.type']).toBe('-32602');
        expect(failed.attributes['rpc.response.status_code']).toBe('-32602');
        expect(failed.status.code).toBe(SpanStatusCode.ERROR);
        expect(failed.status.message).toMatch(/Unknown tool/);
      }
      await client.close();
    });

    it('a tool that fails is a tool_error on both sides', async () => {
      const client = await connect(revision, []);
      const result = await client.callTool('broken');
      expect(result.isError).toBe(true);
      for (const kind of [SpanKind.CLIENT, SpanKind.SERVER]) {
        const span = only(sdk.spans(), 'tools/call broken', kind);
        expect(span.attributes['error.type']).toBe('tool_error');
        expect(span.status.code).toBe(SpanStatusCode.ERROR);
      }
      await client.close();
    });
  },
);

describe('server→client requests', () => {
  it('legacy: the server’s sampling request is a CLIENT span under its tools/call span, the client handles it under that', async () => {
    const client = await connect('2025-11-25', []);
    const root = await underRoot(() => client.callTool('ask'));
    const spans = sdk.spans();
    const serverCall = only(spans, 'tools/call ask', SpanKind.SERVER);
    const serverAsks = only(spans, 'sampling/createMessage', SpanKind.CLIENT);
    const clientHandles = only(spans, 'sampling/createMessage', SpanKind.SERVER);
    expect(serverCall.spanContext().traceId).toBe(root.traceId);
    expect(parentOf(serverAsks)).toBe(serverCall.spanContext().spanId);
    expect(parentOf(clientHandles)).toBe(serverAsks.spanContext().spanId);
    expect(clientHandles.spanContext().traceId).toBe(root.traceId);
    expect(parentOf(only(spans, 'inside-sampling', SpanKind.INTERNAL))).toBe(
      clientHandles.spanContext().spanId,
    );
    await client.close();
  });

  it('2026-07-28: an input request carries the server span’s context; the client handles it under that span', async () => {
    const client = await connect('2026-07-28', []);
    const root = await underRoot(() => client.callTool('ask'));
    const spans = sdk.spans();
    // Two rounds: the first asks for input, the retry completes.
    const serverCalls = byName(spans, 'tools/call ask').filter((span) => span.kind === SpanKind.SERVER);
    expect(serverCalls).toHaveLength(2);
    const clientHandles = only(spans, 'sampling/createMessage', SpanKind.SERVER);
    expect(clientHandles.spanContext().traceId).toBe(root.traceId);
    const asking = serverCalls.find((span) => span.spanContext().spanId === parentOf(clientHandles));
    expect(asking, 'the sampling span is a child of a tools/call server span').toBeDefined();
    for (const span of byName(spans, 'tools/call ask').filter((each) => each.kind === SpanKind.CLIENT)) {
      expect(parentOf(span)).toBe(root.spanId);
    }
    await client.close();
  });
});

describe('metrics', () => {
  it('mcp.client.operation.duration and mcp.server.operation.duration: seconds, the semconv buckets, low-cardinality attributes', async () => {
    const client = await connect('2025-11-25', []);
    await client.callTool('echo', { text: 'x' });
    await client.close();
    const all = await sdk.metrics();
    // Both sides report both directions (the client handles sampling requests), each under its own scope.
    const named = (name: string) =>
      all.filter((candidate) => candidate.descriptor.name === name) as HistogramMetricData[];
    for (const name of ['mcp.client.operation.duration', 'mcp.server.operation.duration']) {
      const found = named(name);
      expect(found.length, name).toBeGreaterThan(0);
      for (const metric of found) {
        expect(metric.descriptor.unit).toBe('s');
        expect(metric.dataPointType).toBe(DataPointType.HISTOGRAM);
      }
      const point = found
        .flatMap((metric) => metric.dataPoints)
        .find(
          (candidate) =>
            candidate.attributes['mcp.method.name'] === 'tools/call' &&
            candidate.attributes['gen_ai.tool.name'] === 'echo',
        );
      expect(point, `${name} tools/call echo`).toBeDefined();
      expect(point!.value.buckets.boundaries).toEqual([
        0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300,
      ]);
      expect(point!.attributes['mcp.protocol.version']).toBe('2025-11-25');
      expect(point!.attributes['jsonrpc.request.id']).toBeUndefined();
      expect(point!.value.count).toBeGreaterThanOrEqual(1);
    }
    for (const name of ['mcp.client.session.duration', 'mcp.server.session.duration']) {
      const points = named(name).flatMap((metric) => metric.dataPoints);
      expect(
        points.some((point) => point.attributes['mcp.protocol.version'] === '2025-11-25'),
        name,
      ).toBe(true);
    }
  });
});
