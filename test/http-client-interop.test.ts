/**
 * Our client (@mcpwire/client over our Streamable HTTP and legacy SSE client transports) against real
 * official servers over HTTP: an SDK v1 McpServer behind its StreamableHTTPServerTransport on node:http
 * (stateful, SSE and JSON response modes), and @modelcontextprotocol/server-everything started in its
 * `streamableHttp` and `sse` modes (kept on 127.0.0.1 by the official-suite preload).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client } from '@mcpwire/client';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { SseClientTransport } from '@mcpwire/transports/sse';
import { Server as SdkServer } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  CreateMessageResultSchema,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const EVERYTHING = `${root}node_modules/@modelcontextprotocol/server-everything/dist/index.js`;
const PRELOAD = `${root}test/official/preload.mjs`;

function texts(result: unknown): string[] {
  return (((result as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>).map(
    (c) => c.text ?? c.type,
  );
}

/** An SDK McpServer per session behind the SDK's Streamable HTTP transport, as the SDK documents it. */
async function startSdkServer(enableJsonResponse: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  // The SDK's low-level Server: tools declared with plain JSON Schema (no zod at the repository root).
  const newServer = (): SdkServer => {
    const server = new SdkServer(
      { name: 'sdk-v1-server', version: '1.0.0' },
      { capabilities: { tools: {}, logging: {} } },
    );
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: [
        {
          name: 'add',
          description: 'Adds',
          inputSchema: {
            type: 'object',
            properties: { a: { type: 'number' }, b: { type: 'number' } },
            required: ['a', 'b'],
          },
        },
        {
          name: 'steps',
          description: 'Reports progress, then asks for a sample',
          inputSchema: { type: 'object' },
        },
      ],
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      if (request.params.name === 'add') {
        const { a, b } = request.params.arguments as { a: number; b: number };
        return { content: [{ type: 'text', text: String(a + b) }] };
      }
      const token = request.params._meta?.progressToken;
      for (let i = 1; i <= 3 && token !== undefined; i++) {
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress: i, total: 3 },
        });
      }
      const sampled = await extra.sendRequest(
        {
          method: 'sampling/createMessage',
          params: {
            messages: [{ role: 'user', content: { type: 'text', text: 'from the SDK server' } }],
            maxTokens: 10,
          },
        },
        CreateMessageResultSchema,
      );
      return { content: [{ type: 'text', text: `sampled: ${JSON.stringify(sampled.content)}` }] };
    });
    return server;
  };
  const readBody = async (req: IncomingMessage): Promise<unknown> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return chunks.length === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
  };
  const http: Server = createServer((req, res) => {
    void (async () => {
      const sessionId = req.headers['mcp-session-id'];
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      let transport = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
      if (transport === undefined) {
        if (req.method !== 'POST' || (body as { method?: string })?.method !== 'initialize') {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'No session' }, id: null }),
          );
          return;
        }
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          enableJsonResponse,
          onsessioninitialized: (id) => {
            transports.set(id, created);
          },
        });
        await newServer().connect(created);
        transport = created;
      }
      await transport.handleRequest(req, res, body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    close: async () => {
      await Promise.all([...transports.values()].map((t) => t.close()));
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

describe.each([false, true])('our client → SDK v1 Streamable HTTP server (JSON responses: %s)', (json) => {
  let sdk: Awaited<ReturnType<typeof startSdkServer>>;
  let client: Client;
  let transport: StreamableHttpClientTransport;
  const sampled: string[] = [];
  beforeAll(async () => {
    sdk = await startSdkServer(json);
    client = new Client(
      { name: 'mcpwire-http-interop', version: '1.0.0' },
      {
        handlers: {
          sampling: async (params) => {
            const content = params.messages[0]!.content;
            sampled.push(!Array.isArray(content) && content.type === 'text' ? content.text : 'other');
            return { model: 'stub', role: 'assistant', content: { type: 'text', text: 'ok' } };
          },
        },
      },
    );
    transport = new StreamableHttpClientTransport(sdk.url);
    await client.connect(transport);
  });
  afterAll(async () => {
    await client.close();
    await sdk.close();
  });

  it('falls back from the 2026-07-28 probe to a legacy session', () => {
    expect(client.era).toBe('legacy');
    expect(client.revision).toBe('2025-11-25');
    expect(client.serverInfo?.name).toBe('sdk-v1-server');
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists and calls tools', async () => {
    const tools = await client.listAllTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['add', 'steps']);
    expect(texts(await client.callTool('add', { a: 2, b: 40 }))).toEqual(['42']);
  });

  // The SDK server drops request-related notifications and requests in JSON mode (nothing can carry
  // them), so the streamed part is checked where it has a stream.
  if (json) return;
  it('receives progress and answers the server’s sampling request during a call', async () => {
    const progress: number[] = [];
    const result = await client.callTool('steps', {}, { onprogress: (p) => progress.push(p.progress) });
    expect(texts(result)[0]).toContain('sampled: {"type":"text","text":"ok"}');
    expect(sampled).toContain('from the SDK server');
    expect(progress).toEqual([1, 2, 3]);
  });
});

/** Starts server-everything in an HTTP mode on a free loopback port; resolves once it listens. */
async function startEverything(
  mode: 'streamableHttp' | 'sse',
): Promise<{ base: string; child: ChildProcess }> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const child = spawn(process.execPath, ['--import', PRELOAD, EVERYTHING, mode], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`Expected server-everything to listen, received: ${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk;
      if (/listening on port|running on port/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Expected server-everything to keep running, but it exited with ${code}: ${output}`));
    });
  });
  return { base: `http://127.0.0.1:${port}`, child };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
  await exited;
  clearTimeout(timer);
}

describe.each(['streamableHttp', 'sse'] as const)('our client → server-everything (%s mode)', (mode) => {
  let everything: Awaited<ReturnType<typeof startEverything>>;
  let client: Client;
  const sampled: string[] = [];
  beforeAll(async () => {
    everything = await startEverything(mode);
    client = new Client(
      { name: 'mcpwire-everything-http', version: '1.0.0' },
      {
        handlers: {
          sampling: async (params) => {
            const content = params.messages[0]!.content;
            sampled.push(!Array.isArray(content) && content.type === 'text' ? content.text : 'other');
            return {
              model: 'stub',
              role: 'assistant',
              content: { type: 'text', text: 'sampled by mcpwire' },
            };
          },
        },
      },
    );
    const transport =
      mode === 'streamableHttp'
        ? new StreamableHttpClientTransport(`${everything.base}/mcp`)
        : new SseClientTransport(`${everything.base}/sse`);
    await client.connect(transport);
  }, 30_000);
  afterAll(async () => {
    await client?.close();
    if (everything !== undefined) await stopChild(everything.child);
  });

  it('handshakes in the legacy era with the everything server', () => {
    expect(client.era).toBe('legacy');
    expect(client.serverInfo?.name).toBe('mcp-servers/everything');
  });

  it('lists and calls tools, including one that samples through our handler', async () => {
    const names = (await client.listAllTools()).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['echo', 'get-sum', 'trigger-sampling-request']));
    expect(texts(await client.callTool('echo', { message: `over ${mode}` }))).toEqual([`Echo: over ${mode}`]);
    expect(texts(await client.callTool('get-sum', { a: 19, b: 23 }))[0]).toContain('42');
    const sampling = await client.callTool('trigger-sampling-request', { prompt: 'Say hi', maxTokens: 20 });
    expect(JSON.stringify(sampling)).toContain('sampled by mcpwire');
    expect(sampled.some((text) => text.includes('Say hi'))).toBe(true);
  });

  it('reads a resource and gets a prompt', async () => {
    const resources = [];
    for await (const resource of client.resources()) {
      resources.push(resource);
      if (resources.length >= 3) break;
    }
    expect(resources.length).toBeGreaterThan(0);
    const read = await client.readResource(resources[0]!.uri);
    expect(read.contents[0]!.uri).toBe(resources[0]!.uri);
    const prompts = [];
    for await (const prompt of client.prompts()) prompts.push(prompt.name);
    expect(prompts.length).toBeGreaterThan(0);
  });
});
