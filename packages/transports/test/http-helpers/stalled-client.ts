/**
 * A client that does not read (issue 13 item 3): a raw socket that sends one HTTP request and leaves the
 * answer in the kernel until the test calls `read()`. Also a McpServer with a flooding tool behind our
 * handler on the Node fast path or the web-standard path, and the session helpers the tests share.
 */
import { connect, type Socket } from 'node:net';
import { McpServer } from '@mcpwire/server';
import {
  createStreamableHttpHandler,
  type Listening,
  listen,
  type StreamableHttpHandler,
  type StreamableHttpHandlerOptions,
} from '../../src/http/index.js';

export const ACCEPT = 'application/json, text/event-stream';

export class StalledClient {
  private readonly socket: Socket;
  private readonly closed: Promise<void>;

  constructor(url: URL, method: string, headers: Record<string, string>, body?: string) {
    this.socket = connect(Number(url.port), url.hostname);
    this.socket.on('error', () => {});
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
    // `connection: close`: the server ends the connection with the response, so reading ends there.
    let head = `${method} ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\naccept: ${ACCEPT}\r\nconnection: close\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    if (body !== undefined) {
      head += `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
    }
    this.socket.write(`${head}\r\n${body ?? ''}`);
    // No 'data' listener yet: the socket stays paused and the kernel's receive window closes.
  }

  /** Starts reading; resolves with everything received once the connection has closed. */
  async read(): Promise<string> {
    const chunks: Buffer[] = [];
    this.socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await this.closed;
    return Buffer.concat(chunks).toString('utf8');
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** Counts of what a flooding tool did, shared with the test. */
export interface FloodState {
  sent: number;
  done: boolean;
}

/**
 * A McpServer whose `flood` tool sends `count` progress notifications of about `size` characters each,
 * awaiting each send when `wait` is true (a well-behaved tool) or not at all.
 */
export function floodServer(state: FloodState): McpServer {
  const server = new McpServer({ name: 'flood', version: '1.0.0' });
  server.tool(
    'flood',
    {
      description: 'Floods its stream with progress notifications',
      inputSchema: {
        type: 'object',
        properties: { count: { type: 'number' }, size: { type: 'number' }, wait: { type: 'boolean' } },
      },
    },
    async (args, ctx) => {
      const { count, size, wait } = args as { count: number; size: number; wait: boolean };
      const padding = 'x'.repeat(size);
      for (let i = 1; i <= count; i++) {
        const sent = ctx.progress(i, count, padding);
        if (wait) await sent;
        else sent.catch(() => {});
        state.sent = i;
      }
      state.done = true;
      return 'flooded';
    },
  );
  return server;
}

export interface Served {
  url: URL;
  handler: StreamableHttpHandler;
  listening: Listening;
}

/** Serves `server` through listen(): the fast path, or (`web`) a plain function that hides it. */
export async function serve(
  server: McpServer,
  path: 'fast' | 'web',
  options: Partial<StreamableHttpHandlerOptions> = {},
): Promise<Served> {
  const handler = createStreamableHttpHandler({
    connect: (transport) => server.connect(transport).then(() => undefined),
    ...options,
  });
  const served =
    path === 'fast'
      ? handler
      : Object.assign((request: Request) => handler(request), { close: handler.close });
  const listening = await listen({ handler: served });
  return { url: new URL(`${listening.url}/mcp`), handler, listening };
}

/** initialize + initialized over fetch; the headers later requests of the session carry. */
export async function openSession(url: URL): Promise<Record<string, string>> {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: ACCEPT, ...headers },
      body: JSON.stringify(body),
    });
  const init = await post({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
  });
  await init.text();
  const headers = {
    'mcp-session-id': init.headers.get('mcp-session-id')!,
    'mcp-protocol-version': '2025-06-18',
  };
  await (await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, headers)).text();
  return headers;
}

export function floodCall(id: number, count: number, size: number, wait: boolean): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'flood', arguments: { count, size, wait }, _meta: { progressToken: 'p' } },
  });
}
