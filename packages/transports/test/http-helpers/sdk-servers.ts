/**
 * Real official-SDK servers for interop tests: an SDK McpServer behind its Streamable HTTP transport
 * (one transport per session, as the SDK documents) and behind its legacy SSE transport.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SdkServer } from '@modelcontextprotocol/sdk/server/index.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

/** The SDK's low-level Server (no zod needed here): tools echo and progress (logs before the result). */
function sdkServer(): SdkServer {
  const server = new SdkServer(
    { name: 'sdk-server', version: '1.0.0' },
    { capabilities: { tools: {}, logging: {} } },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      { name: 'echo', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } },
      { name: 'progress', inputSchema: { type: 'object', properties: { steps: { type: 'number' } } } },
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const args = (request.params.arguments ?? {}) as { text?: string; steps?: number };
    if (request.params.name === 'progress') {
      const steps = args.steps ?? 2;
      for (let i = 1; i <= steps; i++) {
        await extra.sendNotification({
          method: 'notifications/message',
          params: { level: 'info', data: `step ${i}` },
        });
      }
      return { content: [{ type: 'text', text: `done ${steps}` }] };
    }
    return { content: [{ type: 'text', text: String(args.text ?? '') }] };
  });
  return server;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length > 0 ? JSON.parse(text) : undefined;
}

export interface RunningSdkServer {
  url: string;
  close(): Promise<void>;
}

async function serve(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** SDK Streamable HTTP server at /mcp (sessions; JSON responses when `json`). */
export async function startSdkStreamableServer(json = false): Promise<RunningSdkServer> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    const sessionId = req.headers['mcp-session-id'] as string | undefined;
    let transport = sessionId ? transports.get(sessionId) : undefined;
    if (!transport) {
      if (sessionId) {
        res.writeHead(404).end();
        return;
      }
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => crypto.randomUUID(),
        enableJsonResponse: json,
        onsessioninitialized: (id) => {
          transports.set(id, transport!);
        },
      });
      transport.onclose = () => {
        if (transport!.sessionId) transports.delete(transport!.sessionId);
      };
      await sdkServer().connect(transport);
    }
    await transport.handleRequest(req, res, body);
  });
  const url = await serve(http);
  return {
    url: `${url}/mcp`,
    close: async () => {
      for (const t of transports.values()) await t.close();
      await stop(http);
    },
  };
}

/** SDK legacy HTTP+SSE server: GET /sse, POST /messages?sessionId=... (POST /sse gets 404). */
export async function startSdkSseServer(): Promise<RunningSdkServer> {
  const transports = new Map<string, SSEServerTransport>();
  const http = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/sse') {
      const transport = new SSEServerTransport('/messages', res);
      transports.set(transport.sessionId, transport);
      res.on('close', () => transports.delete(transport.sessionId));
      await sdkServer().connect(transport);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/messages') {
      const transport = transports.get(url.searchParams.get('sessionId') ?? '');
      if (!transport) {
        res.writeHead(404).end();
        return;
      }
      await transport.handlePostMessage(req, res, await readJson(req));
      return;
    }
    res.writeHead(404).end('not found');
  });
  const url = await serve(http);
  return {
    url: `${url}/sse`,
    close: async () => {
      for (const t of transports.values()) await t.close();
      await stop(http);
    },
  };
}
