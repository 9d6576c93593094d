/**
 * Whole sessions through three fixture-server processes on one Redis behind HAProxy, which sends every
 * request to the next process (round robin, no stickiness): the official SDK v1 client and our client,
 * legacy Streamable HTTP sessions and 2026-07-28 requests. Consecutive requests of a session land on
 * different processes, so each step below crosses processes: a sampling or elicitation request made by
 * the tool's process is answered by a POST that another process receives; a resource update produced by
 * one process reaches the GET stream another holds; a stream cut mid-call is resumed elsewhere; DELETE
 * on one ends the session on all.
 */
import { Client } from '@mcpwire/client';
import type { JsonObject } from '@mcpwire/core';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { SseClientTransport } from '@mcpwire/transports/sse';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it, vi } from 'vitest';
import { eventually, useCluster } from './cluster.js';

// Each test is a whole session over several processes: generous for a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 120_000 });

const cluster = useCluster(3);
const WATCHED = 'test://watched-resource';
const POST_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

function texts(result: unknown): string[] {
  return (((result as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>).map(
    (c) => c.text ?? c.type,
  );
}

/** Requests the client made (method and Last-Event-ID), to see the resume happen. */
function recordingFetch(seen: Array<{ method: string; lastEventId: string | null }>): typeof fetch {
  return async (url, init) => {
    seen.push({
      method: init?.method ?? 'GET',
      lastEventId: new Headers(init?.headers).get('last-event-id'),
    });
    return fetch(url, init);
  };
}

/** A POST of the session straight to one replica (not through the balancer). */
function postTo(url: string, sessionId: string, body: JsonObject): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { ...POST_HEADERS, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify(body),
  });
}

describe('the official SDK v1 client, one session across three processes', () => {
  it('runs a whole session: calls, sampling and elicitation answered elsewhere, progress, logs, subscriptions, resume, DELETE', async () => {
    const sampled: string[] = [];
    const elicited: string[] = [];
    const logs: string[] = [];
    const updates: string[] = [];
    const seen: Array<{ method: string; lastEventId: string | null }> = [];
    const client = new SdkClient(
      { name: 'sdk-v1-scale-out', version: '1.0.0' },
      { capabilities: { sampling: {}, elicitation: {} } },
    );
    client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
      const first = request.params.messages[0]!.content;
      sampled.push(Array.isArray(first) ? 'array' : first.type === 'text' ? first.text : first.type);
      return { model: 'stub', role: 'assistant', content: { type: 'text', text: 'from the client' } };
    });
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      elicited.push(request.params.message);
      return { action: 'accept', content: { username: 'ada', email: 'ada@example.com' } };
    });
    client.setNotificationHandler(
      LoggingMessageNotificationSchema,
      (n) => void logs.push(String(n.params.data)),
    );
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
    const transport = new StreamableHTTPClientTransport(new URL(cluster.mcpUrl), {
      fetch: recordingFetch(seen),
    });
    await client.connect(transport);
    const sessionId = transport.sessionId!;
    try {
      // Three of each: the answer POST cannot follow its tools/call to the same process every time.
      for (const n of [1, 2, 3]) {
        const result = await client.callTool({ name: 'test_sampling', arguments: { prompt: `q${n}` } });
        expect(texts(result)).toEqual(['LLM response: from the client']);
        const form = await client.callTool({ name: 'test_elicitation', arguments: { message: `who${n}` } });
        expect(texts(form)[0]).toContain('"username":"ada"');
      }
      expect(sampled).toEqual(['q1', 'q2', 'q3']);
      expect(elicited).toEqual(['who1', 'who2', 'who3']);

      const progress: number[] = [];
      await client.callTool({ name: 'test_tool_with_progress' }, undefined, {
        onprogress: (p) => progress.push(p.progress),
      });
      expect(progress).toEqual([0, 50, 100]);
      // The level set through one process holds in the process that runs the next call.
      await client.setLoggingLevel('info');
      await client.callTool({ name: 'test_tool_with_logging' });
      expect(logs).toEqual(['Tool execution started', 'Tool processing data', 'Tool execution completed']);

      // Subscribed through one process, updated by another, delivered on the GET stream a third holds.
      await client.subscribeResource({ uri: WATCHED });
      expect(texts(await client.callTool({ name: 'test_update_resource' }))).toEqual([`Updated ${WATCHED}`]);
      await eventually(() => updates.length > 0);
      await client.callTool({ name: 'echo', arguments: { text: 'a later request' } });
      expect(updates).toEqual([WATCHED]);
      await client.unsubscribeResource({ uri: WATCHED });
      await client.callTool({ name: 'test_update_resource' });
      await client.callTool({ name: 'echo', arguments: { text: 'settle' } });
      expect(updates).toEqual([WATCHED]);

      // The server cuts this call's stream; the client resumes it with Last-Event-ID on another process.
      const resumed = await client.callTool({ name: 'test_reconnection' });
      expect(texts(resumed)).toEqual(['Reconnection test completed successfully']);
      expect(seen.some((r) => r.method === 'GET' && r.lastEventId !== null)).toBe(true);
      expect(texts(await client.callTool({ name: 'echo', arguments: { text: 'after' } }))).toEqual(['after']);

      await transport.terminateSession();
      // Ended on every process, whichever one took the DELETE.
      for (const replica of cluster.replicas) {
        const response = await postTo(replica.mcpUrl, sessionId, { jsonrpc: '2.0', id: 99, method: 'ping' });
        expect(response.status).toBe(404);
      }
    } finally {
      await client.close();
    }
  });
});

describe('our client, across three processes', () => {
  it('runs a legacy 2025-11-25 session: server requests answered elsewhere, cancellation, progress, updates from elsewhere, resume', async () => {
    const updates: string[] = [];
    // An elicitation asking to 'wait' is answered only when the server withdraws it.
    let waiting: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    const withdrawn: string[] = [];
    const client = new Client(
      { name: 'ours-legacy', version: '1.0.0' },
      {
        revision: '2025-11-25',
        handlers: {
          sampling: async () => ({
            model: 'stub',
            role: 'assistant',
            content: { type: 'text', text: 'ours' },
          }),
          elicitation: async (params, { signal }) => {
            if (params.message !== 'wait') {
              return { action: 'accept', content: { username: 'grace', email: 'g@example.com' } };
            }
            waiting();
            return new Promise((_resolve, reject) =>
              signal.addEventListener('abort', () => {
                withdrawn.push(params.message);
                reject(signal.reason);
              }),
            );
          },
        },
        onResourceUpdated: (uri) => void updates.push(uri),
      },
    );
    const transport = new StreamableHttpClientTransport(cluster.mcpUrl);
    await client.connect(transport);
    try {
      expect(client.revision).toBe('2025-11-25');
      for (const n of [1, 2, 3]) {
        expect(texts(await client.callTool('test_sampling', { prompt: `p${n}` }))).toEqual([
          'LLM response: ours',
        ]);
        expect(texts(await client.callTool('test_elicitation', { message: `m${n}` }))[0]).toContain('grace');
      }
      // The client cancels a call whose tool waits on an elicitation: the notifications/cancelled goes
      // through the next process to the one running the tool, which stops and withdraws its elicitation.
      const controller = new AbortController();
      const cancelled = client.callTool(
        'test_elicitation',
        { message: 'wait' },
        { signal: controller.signal },
      );
      await asked;
      controller.abort(new Error('changed my mind'));
      await expect(cancelled).rejects.toThrow('changed my mind');
      await eventually(() => withdrawn.length === 1, 20_000);
      expect(withdrawn).toEqual(['wait']);
      const progress: number[] = [];
      await client.callTool('test_tool_with_progress', {}, { onprogress: (p) => progress.push(p.progress) });
      expect(progress).toEqual([0, 50, 100]);
      await client.subscribeResource(WATCHED);
      await client.callTool('test_update_resource');
      await eventually(() => updates.length > 0);
      await client.callTool('echo', { text: 'settle' });
      expect(updates).toEqual([WATCHED]);
      expect(texts(await client.callTool('test_reconnection'))).toEqual([
        'Reconnection test completed successfully',
      ]);
    } finally {
      await client.close();
    }
  });

  it('speaks 2026-07-28: requests, multi round-trip requests and subscriptions/listen cross processes', async () => {
    const asked: string[] = [];
    const updates: string[] = [];
    const client = new Client(
      { name: 'ours-modern', version: '1.0.0' },
      {
        handlers: {
          sampling: async (params) => {
            const content = params.messages[0]!.content;
            asked.push(
              Array.isArray(content) ? 'array' : content.type === 'text' ? content.text : content.type,
            );
            return { model: 'stub', role: 'assistant', content: { type: 'text', text: 'modern' } };
          },
        },
        onResourceUpdated: (uri) => void updates.push(uri),
      },
    );
    await client.connect(new StreamableHttpClientTransport(cluster.mcpUrl));
    try {
      expect(client.era).toBe('modern');
      expect(texts(await client.callTool('echo', { text: 'stateless' }))).toEqual(['stateless']);
      // The input round's requestState is sealed by one process and opened by the next.
      for (const n of [1, 2, 3]) {
        expect(texts(await client.callTool('test_sampling', { prompt: `r${n}` }))).toEqual([
          'LLM response: modern',
        ]);
      }
      expect(asked).toEqual(['r1', 'r2', 'r3']);
      // A listen stream held by one process hears updates made by the others.
      const subscription = client.listen({ resourceSubscriptions: [WATCHED] });
      await subscription.acknowledged;
      for (const _ of [1, 2, 3]) await client.callTool('test_update_resource');
      await eventually(() => updates.length === 3);
      subscription.close();
      await subscription.done;
      expect(updates).toEqual([WATCHED, WATCHED, WATCHED]);
    } finally {
      await client.close();
    }
  });
});

describe('legacy HTTP+SSE (2024-11-05) across three processes', () => {
  it('serves the SDK v1 client: POSTs to /messages reach the process holding the stream, whichever gets them', async () => {
    const sampled: string[] = [];
    const updates: string[] = [];
    const client = new SdkClient(
      { name: 'sdk-v1-sse', version: '1.0.0' },
      { capabilities: { sampling: {} } },
    );
    client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
      const first = request.params.messages[0]!.content;
      sampled.push(Array.isArray(first) ? 'array' : first.type === 'text' ? first.text : first.type);
      return { model: 'stub', role: 'assistant', content: { type: 'text', text: 'over sse' } };
    });
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
    await client.connect(new SSEClientTransport(new URL(cluster.sseUrl)));
    try {
      for (const n of [1, 2, 3]) {
        expect(texts(await client.callTool({ name: 'echo', arguments: { text: `e${n}` } }))).toEqual([
          `e${n}`,
        ]);
        const result = await client.callTool({ name: 'test_sampling', arguments: { prompt: `s${n}` } });
        expect(texts(result)).toEqual(['LLM response: over sse']);
      }
      expect(sampled).toEqual(['s1', 's2', 's3']);
      await client.subscribeResource({ uri: WATCHED });
      await client.callTool({ name: 'test_update_resource' });
      await eventually(() => updates.length === 1);
      expect(updates).toEqual([WATCHED]);
    } finally {
      await client.close();
    }
  });

  it('serves our client over HTTP+SSE', async () => {
    const client = new Client({ name: 'ours-sse', version: '1.0.0' }, { revision: '2024-11-05' });
    await client.connect(new SseClientTransport(cluster.sseUrl));
    try {
      for (const n of [1, 2, 3])
        expect(texts(await client.callTool('echo', { text: `o${n}` }))).toEqual([`o${n}`]);
      const progress: number[] = [];
      await client.callTool('test_tool_with_progress', {}, { onprogress: (p) => progress.push(p.progress) });
      expect(progress).toEqual([0, 50, 100]);
    } finally {
      await client.close();
    }
  });
});
