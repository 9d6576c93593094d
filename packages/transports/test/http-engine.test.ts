/**
 * The HTTP transports under the real protocol engine: McpServer behind our handler, driven by the
 * official SDK client (legacy era) and by our own Client (which probes 2026-07-28 first).
 */
import { Client as McpwireClient } from '@mcpwire/client';
import { McpServer } from '@mcpwire/server';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createStreamableHttpHandler,
  type Listening,
  listen,
  StreamableHttpClientTransport,
} from '../src/http/index.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function startServer(): Promise<{ url: string; server: McpServer }> {
  const server = new McpServer({ name: 'engine-http', version: '1.0.0' });
  server.tool(
    'shout',
    { description: 'Upper-cases', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } },
    (args) => String((args as { text?: string }).text ?? '').toUpperCase(),
  );
  const handler = createStreamableHttpHandler({ connect: (t) => server.connect(t).then(() => undefined) });
  const listening: Listening = await listen({ handler });
  cleanups.push(() => listening.close());
  cleanups.push(() => server.close());
  return { url: `${listening.url}/mcp`, server };
}

describe('HTTP transports with the real engine', () => {
  it('official SDK client (legacy) → McpServer over our handler', async () => {
    const { url } = await startServer();
    const client = new SdkClient({ name: 'sdk', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(url));
    await client.connect(transport);
    cleanups.push(() => client.close());
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toEqual(['shout']);
    const result = await client.callTool({ name: 'shout', arguments: { text: 'engine' } });
    expect((result.content as Array<{ text: string }>)[0]!.text).toBe('ENGINE');
  });

  it('our Client + our client transport → McpServer over our handler', async () => {
    const { url } = await startServer();
    const client = new McpwireClient({ name: 'mcpwire', version: '1.0.0' });
    const transport = new StreamableHttpClientTransport(url);
    await client.connect(transport);
    cleanups.push(() => client.close());
    const result = await client.callTool('shout', { text: 'both ends' });
    expect(JSON.stringify(result)).toContain('BOTH ENDS');
    expect(client.era).toBe('modern');
    expect(transport.sessionId).toBeUndefined();
  });

  it('our Client pinned to a legacy revision opens a session', async () => {
    const { url } = await startServer();
    const client = new McpwireClient({ name: 'mcpwire', version: '1.0.0' }, { revision: '2025-11-25' });
    const transport = new StreamableHttpClientTransport(url);
    await client.connect(transport);
    cleanups.push(() => client.close());
    expect(transport.sessionId).toBeDefined();
    const result = await client.callTool('shout', { text: 'legacy' });
    expect(JSON.stringify(result)).toContain('LEGACY');
  });
});
