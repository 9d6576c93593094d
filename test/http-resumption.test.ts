/**
 * Resumption end to end through the fixture server: a TCP proxy between client and server cuts the
 * connection of a POST's SSE stream right after a streamed notification (or inside one). The client must come
 * back with GET + Last-Event-ID and receive the rest exactly once: no message lost, none duplicated.
 * Driven by our client and by the official SDK v1 client.
 */
import { Client } from '@mcpwire/client';
import { type FixtureHttpServer, serveFixtureHttp } from '@mcpwire/conformance';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CuttingProxy } from './cutting-proxy.js';

let fixture: FixtureHttpServer;
let proxy: CuttingProxy;
let url: string;
beforeAll(async () => {
  fixture = await serveFixtureHttp({ retryMs: 50 });
  proxy = new CuttingProxy(fixture.port);
  // The Host header names the proxy's loopback port: DNS-rebinding protection still lets it in.
  url = `http://127.0.0.1:${await proxy.listen()}/mcp`;
});
afterAll(async () => {
  await proxy.close();
  await fixture.close();
});
beforeEach(() => {
  proxy.cuts = 0;
});

function texts(result: unknown): string[] {
  return (((result as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>).map(
    (c) => c.text ?? c.type,
  );
}

describe('our client resumes a POST stream cut mid-call', () => {
  let client: Client;
  const logs: string[] = [];
  beforeAll(async () => {
    client = new Client(
      { name: 'mcpwire-resume', version: '1.0.0' },
      { revision: '2025-11-25', onLog: (params) => logs.push(String(params.data)) },
    );
    await client.connect(
      new StreamableHttpClientTransport(url, { reconnect: { initialDelayMs: 20, maxRetries: 5 } }),
    );
  });
  afterAll(async () => {
    await client.close();
  });

  /** Calls the progress tool with the proxy armed; every notification must arrive once, then the result. */
  async function progressSurvives(marker: string, at: 'after' | 'inside'): Promise<void> {
    proxy.arm(marker, at);
    const progress: number[] = [];
    const result = await client.callTool(
      'test_tool_with_progress',
      {},
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(proxy.cuts).toBe(1);
    expect(progress).toEqual([0, 50, 100]);
    expect(texts(result)).toEqual(['Tool with progress executed successfully']);
  }

  it('progress: every notification once, then the result', async () => {
    await progressSurvives('"notifications/progress"', 'after');
  });

  it('a cut inside an event resumes from the last event that arrived whole, so that one comes again', async () => {
    // The connection dies after the `id:` line of the second progress event, before its data: resuming
    // from that id (not the one before it) would skip the event.
    await progressSurvives('"progress":50', 'inside');
  });

  it('logs: every message once, then the result', async () => {
    await client.setLoggingLevel('info');
    logs.length = 0;
    proxy.arm('Tool execution started');
    const result = await client.callTool('test_tool_with_logging', {});
    expect(proxy.cuts).toBe(1);
    expect(logs).toEqual(['Tool execution started', 'Tool processing data', 'Tool execution completed']);
    expect(texts(result)).toEqual(['Tool with logging executed successfully']);
    // The session survived the cut.
    expect(texts(await client.callTool('echo', { text: 'still here' }))).toEqual(['still here']);
  });
});

describe('the SDK v1 client resumes a POST stream cut mid-call', () => {
  it('logs: every message once, then the result', async () => {
    const client = new SdkClient({ name: 'sdk-resume', version: '1.0.0' });
    const logs: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      logs.push(String(n.params.data));
    });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        reconnectionOptions: {
          initialReconnectionDelay: 20,
          maxReconnectionDelay: 200,
          reconnectionDelayGrowFactor: 1.5,
          maxRetries: 5,
        },
      }),
    );
    try {
      await client.setLoggingLevel('info');
      proxy.arm('Tool execution started');
      const result = await client.callTool({ name: 'test_tool_with_logging' });
      expect(proxy.cuts).toBe(1);
      expect(logs).toEqual(['Tool execution started', 'Tool processing data', 'Tool execution completed']);
      expect(texts(result)).toEqual(['Tool with logging executed successfully']);
    } finally {
      await client.close();
    }
  });
});
