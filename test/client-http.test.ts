/**
 * The client and the CLI over HTTP against our fixture server (in this process, 127.0.0.1, port 0):
 * Streamable HTTP in 2026-07-28 (with the client's Mcp-Param header specs wired into the transport),
 * legacy Streamable HTTP, HTTP+SSE from an mcpServers `url` entry, and `mcpwire --url`.
 */
import { spawn } from 'node:child_process';
import { connectConfigured } from '@mcpwire/client/node';
import { type FixtureHttpServer, serveFixtureHttp } from '@mcpwire/conformance';
import { McpServer } from '@mcpwire/server';
import { createStreamableHttpHandler, listen } from '@mcpwire/transports/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN } from '../packages/client/test/helpers.js';

let fixture: FixtureHttpServer;
beforeAll(async () => {
  fixture = await serveFixtureHttp({ port: 0 });
});
afterAll(async () => {
  await fixture.close();
});

describe('client over HTTP', () => {
  it('speaks 2026-07-28 over Streamable HTTP after the probe', async () => {
    const client = await connectConfigured({ type: 'http', url: fixture.mcpUrl });
    try {
      expect(client.era).toBe('modern');
      const result = await client.callTool('echo', { text: 'over http' });
      expect(result.content).toEqual([{ type: 'text', text: 'over http' }]);
      const prompts: string[] = [];
      for await (const prompt of client.prompts()) prompts.push(prompt.name);
      expect(prompts.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('speaks a pinned legacy revision over Streamable HTTP, and 2024-11-05 over HTTP+SSE', async () => {
    const legacy = await connectConfigured({ type: 'http', url: fixture.mcpUrl }, { revision: '2025-06-18' });
    try {
      expect(legacy.revision).toBe('2025-06-18');
      expect((await legacy.callTool('echo', { text: 'legacy' })).content[0]).toMatchObject({
        text: 'legacy',
      });
    } finally {
      await legacy.close();
    }
    const sse = await connectConfigured({ type: 'sse', url: fixture.sseUrl }, { revision: '2024-11-05' });
    try {
      expect(sse.era).toBe('legacy');
      expect((await sse.callTool('echo', { text: 'sse' })).content[0]).toMatchObject({ text: 'sse' });
    } finally {
      await sse.close();
    }
  });
});

describe('x-mcp-header over Streamable HTTP', () => {
  it('mirrors annotated arguments into Mcp-Param-* headers the server checks against the body', async () => {
    const server = new McpServer({ name: 'headers', version: '1.0.0' });
    server.tool(
      'sql',
      {
        description: 'Runs a query in a region',
        inputSchema: {
          type: 'object',
          properties: { region: { type: 'string', 'x-mcp-header': 'Region' }, query: { type: 'string' } },
          required: ['region', 'query'],
        },
      },
      (args) => `ran ${JSON.stringify(args)}`,
    );
    const seenRegions: Array<string | null> = [];
    const handler = createStreamableHttpHandler({
      connect: async (transport) => {
        await server.connect(transport);
      },
      paramHeaders: (name) =>
        name === 'sql' ? [{ header: 'Region', path: ['region'], type: 'string' }] : undefined,
    });
    const listening = await listen({
      handler: Object.assign(
        (request: Request) => {
          if (request.method === 'POST') seenRegions.push(request.headers.get('mcp-param-region'));
          return handler(request);
        },
        { close: () => handler.close() },
      ),
      port: 0,
    });
    const client = await connectConfigured({ type: 'http', url: `${listening.url}/mcp` });
    try {
      expect(client.era).toBe('modern');
      const result = await client.callTool('sql', { region: 'eu-west 1 ✓', query: 'select 1' });
      expect(result.isError).not.toBe(true);
      expect(client.paramHeadersFor('sql')).toEqual([{ header: 'Region', path: ['region'] }]);
      // The non-ASCII value travels base64-encoded, as the spec requires.
      expect(seenRegions).toContain(`=?base64?${Buffer.from('eu-west 1 ✓').toString('base64')}?=`);
    } finally {
      await client.close();
      await listening.close();
    }
  });
});

describe('mcpwire --url', () => {
  it('calls a tool on a Streamable HTTP server and prints JSON', { timeout: 60_000 }, async () => {
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [
        CLI_BIN,
        'tools',
        'call',
        'echo',
        '--arg',
        'text=via url',
        '--json',
        '--url',
        fixture.mcpUrl,
      ]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).content).toEqual([{ type: 'text', text: 'via url' }]);
  });
});
