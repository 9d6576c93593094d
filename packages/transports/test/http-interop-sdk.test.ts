/**
 * Interop with the official TypeScript SDK v1 as a real peer: its clients against our handlers, and our
 * client transports against its servers.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectWithFallback,
  createStreamableHttpHandler,
  InMemoryEventStore,
  type Listening,
  listen,
  StreamableHttpClientTransport,
  type StreamableHttpServerTransport,
} from '../src/http/index.js';
import { createSseHandler, SseClientTransport } from '../src/sse/index.js';
import { attachEchoEngine } from './http-helpers/echo-engine.js';
import { initParams, miniClient } from './http-helpers/mini-client.js';
import {
  type RunningSdkServer,
  startSdkSseServer,
  startSdkStreamableServer,
} from './http-helpers/sdk-servers.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

const textOf = (result: unknown) => (result as { content: Array<{ text: string }> }).content[0]!.text;

describe('official SDK client → our servers', () => {
  it('StreamableHTTPClientTransport drives our handler: list, call, streamed logs, terminate', async () => {
    const handler = createStreamableHttpHandler({ connect: (t) => void attachEchoEngine(t) });
    const server: Listening = await listen({ handler });
    cleanups.push(() => server.close());
    const client = new Client({ name: 'sdk-client', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`));
    await client.connect(transport);
    cleanups.push(() => client.close());
    expect(transport.sessionId).toBeDefined();
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain('echo');
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'interop' } }))).toBe('interop');
    const progress: number[] = [];
    const result = await client.callTool({ name: 'progress', arguments: { steps: 3 } }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(textOf(result)).toBe('progressed 3');
    expect(handler.sessionCount).toBe(1);
    await transport.terminateSession();
    expect(handler.sessionCount).toBe(0);
  });

  it('StreamableHTTPClientTransport resumes a stream our server closed early (priming, retry, Last-Event-ID)', async () => {
    const handler = createStreamableHttpHandler({
      connect: (t) =>
        void attachEchoEngine(t, {
          onPoll: (transport, id) =>
            (transport as StreamableHttpServerTransport).closeRequestStream(id, { retryMs: 100 }),
        }),
      eventStore: new InMemoryEventStore(),
      priming: 'always',
    });
    const server: Listening = await listen({ handler });
    cleanups.push(() => server.close());
    const client = new Client({ name: 'sdk-client', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`));
    await client.connect(transport);
    cleanups.push(() => client.close());
    const result = await client.callTool({ name: 'poll', arguments: { ms: 30 } });
    expect(textOf(result)).toBe('polled');
  });

  it('SSEClientTransport drives our legacy SSE handler', async () => {
    const handler = createSseHandler({ connect: (t) => void attachEchoEngine(t) });
    const server = await listen({ handler });
    cleanups.push(() => server.close());
    const client = new Client({ name: 'sdk-sse-client', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`${server.url}/sse`)));
    cleanups.push(() => client.close());
    expect(handler.sessionCount).toBe(1);
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'legacy' } }))).toBe('legacy');
  });
});

describe('our clients → official SDK servers', () => {
  for (const json of [false, true]) {
    it(`StreamableHttpClientTransport against the SDK Streamable HTTP server (${json ? 'JSON' : 'SSE'} responses)`, async () => {
      const sdk: RunningSdkServer = await startSdkStreamableServer(json);
      cleanups.push(() => sdk.close());
      const transport = new StreamableHttpClientTransport(sdk.url);
      cleanups.push(() => transport.close());
      const mc = miniClient(transport);
      await transport.start();
      const init = await mc.request('initialize', initParams('2025-06-18'));
      expect((init as unknown as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe(
        'sdk-server',
      );
      transport.setProtocolVersion('2025-06-18');
      await mc.notify('notifications/initialized');
      const echo = await mc.request('tools/call', { name: 'echo', arguments: { text: 'to the sdk' } });
      expect(textOf((echo as { result: unknown }).result)).toBe('to the sdk');
      const before = mc.received.length;
      await mc.request('tools/call', { name: 'progress', arguments: { steps: 2 } });
      const kinds = mc.received.slice(before).map((m) => ('method' in m ? m.method : 'result'));
      // In JSON mode the SDK drops request-related notifications; in SSE mode they come first.
      expect(kinds).toEqual(json ? ['result'] : ['notifications/message', 'notifications/message', 'result']);
      expect(mc.errors).toEqual([]);
    });
  }

  it('SseClientTransport against the SDK SSE server', async () => {
    const sdk = await startSdkSseServer();
    cleanups.push(() => sdk.close());
    const transport = new SseClientTransport(sdk.url);
    cleanups.push(() => transport.close());
    const mc = miniClient(transport);
    await transport.start();
    expect(transport.endpointUrl).toContain('/messages?sessionId=');
    await mc.request('initialize', initParams('2024-11-05'));
    await mc.notify('notifications/initialized');
    const echo = await mc.request('tools/call', { name: 'echo', arguments: { text: 'sse' } });
    expect(textOf((echo as { result: unknown }).result)).toBe('sse');
  });

  it('connectWithFallback falls back to HTTP+SSE when initialize gets 404 from a legacy server', async () => {
    const sdk = await startSdkSseServer();
    cleanups.push(() => sdk.close());
    let versions: unknown;
    const { transport, kind } = await connectWithFallback(sdk.url, async (t) => {
      const mc = miniClient(t);
      await t.start();
      const init = await mc.request('initialize', initParams('2024-11-05'));
      versions = (init as unknown as { result: { protocolVersion: string } }).result.protocolVersion;
    });
    cleanups.push(() => transport.close());
    expect(kind).toBe('sse');
    expect(versions).toBe('2024-11-05');
  });

  it('connectWithFallback stays on Streamable HTTP for a Streamable HTTP server', async () => {
    const sdk = await startSdkStreamableServer();
    cleanups.push(() => sdk.close());
    const { transport, kind } = await connectWithFallback(sdk.url, async (t) => {
      await t.start();
      await miniClient(t).request('initialize', initParams('2025-06-18'));
    });
    cleanups.push(() => transport.close());
    expect(kind).toBe('streamable-http');
  });
});
