/** Interop with the official TypeScript SDK as a real peer, over mcpwire's in-memory pair. */
import { createInMemoryPair, META_PROTOCOL_VERSION } from '@mcpwire/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport as SdkTransport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { settle } from './engine-fixtures.js';
import { makeClient, makeServer } from './lifecycle-fixtures.js';

describe('interop with @modelcontextprotocol/sdk', () => {
  it('an SDK client initializes against our dual-era server, lists and calls tools, gets progress and cancels', async () => {
    const server = makeServer();
    let handlerAborted = false;
    server.setRequestHandler('tools/list', () => ({
      tools: [{ name: 'echo', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }],
    }));
    server.setRequestHandler('tools/call', async (params, context) => {
      if (params.name === 'slow') {
        await new Promise<void>((resolve) =>
          context.signal.addEventListener('abort', () => resolve(), { once: true }),
        );
        handlerAborted = true;
        return { content: [] };
      }
      await context.sendProgress(1, 2);
      await context.sendProgress(2, 2);
      return { content: [{ type: 'text', text: String((params.arguments as { text?: string }).text) }] };
    });
    const [clientTransport, serverTransport] = createInMemoryPair();
    await server.connect(serverTransport);
    const sdk = new Client({ name: 'sdk-client', version: '1.0.0' });
    await sdk.connect(clientTransport as unknown as SdkTransport);
    expect(server.negotiatedRevision).toBe('2025-11-25');
    expect(sdk.getServerVersion()).toEqual({ name: 'test-server', version: '1.0.0' });
    const tools = await sdk.listTools();
    expect(tools.tools.map((t) => t.name)).toEqual(['echo']);
    const progress: number[] = [];
    const result = await sdk.callTool({ name: 'echo', arguments: { text: 'hi' } }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(result.content).toEqual([{ type: 'text', text: 'hi' }]);
    expect(progress).toEqual([1, 2]);
    const controller = new AbortController();
    const slow = sdk.callTool({ name: 'slow', arguments: {} }, undefined, { signal: controller.signal });
    await settle();
    controller.abort('enough');
    await expect(slow).rejects.toThrow();
    await settle();
    expect(handlerAborted).toBe(true);
    expect(server.stats.activeHandlers).toBe(0);
    await sdk.close();
  });

  it('our client probes an SDK server, falls back to initialize, and calls its tools', async () => {
    const sdkServer = new McpServer({ name: 'sdk-server', version: '9.9.9' });
    sdkServer.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({
      content: [{ type: 'text', text }],
    }));
    const [clientTransport, serverTransport] = createInMemoryPair();
    await sdkServer.connect(serverTransport as unknown as SdkTransport);
    const client = makeClient({ capabilities: {} });
    const sent: string[] = [];
    const send = clientTransport.send.bind(clientTransport);
    clientTransport.send = (message, options) => {
      sent.push((message as { method?: string }).method ?? 'response');
      return send(message, options);
    };
    await client.connect(clientTransport);
    expect(sent.slice(0, 3)).toEqual(['server/discover', 'initialize', 'notifications/initialized']);
    expect(client.era).toBe('legacy');
    expect(client.negotiatedRevision).toBe('2025-11-25');
    expect(client.serverInfo).toMatchObject({ name: 'sdk-server', version: '9.9.9' });
    const result = await client.request('tools/call', { name: 'echo', arguments: { text: 'from mcpwire' } });
    expect(result.content).toEqual([{ type: 'text', text: 'from mcpwire' }]);
    await expect(client.request('prompts/list')).rejects.toMatchObject({
      code: 'MCPWIRE_CAPABILITY_NOT_SUPPORTED',
    });
    await client.close();
  });

  it('the SDK client and a modern request share one dual-era server definition', async () => {
    const server = makeServer();
    const [clientTransport, serverTransport] = createInMemoryPair();
    await server.connect(serverTransport);
    const modern = makeClient({ revision: '2026-07-28' });
    const [mTransport, sTransport] = createInMemoryPair();
    const second = makeServer();
    await second.connect(sTransport);
    await modern.connect(mTransport);
    const sdk = new Client({ name: 'sdk', version: '1' });
    await sdk.connect(clientTransport as unknown as SdkTransport);
    const [legacyResult, modernResult] = await Promise.all([
      sdk.callTool({ name: 'x', arguments: {} }),
      modern.request('tools/call', { name: 'x', _meta: { [META_PROTOCOL_VERSION]: 'ignored' } }),
    ]);
    expect(legacyResult.content).toEqual([{ type: 'text', text: 'x via legacy 2025-11-25' }]);
    expect(modernResult.content).toEqual([{ type: 'text', text: 'x via modern 2026-07-28' }]);
    await sdk.close();
    await modern.close();
  });
});
