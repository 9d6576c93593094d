/**
 * The Streamable HTTP client against wrong and hostile servers (issue 13 items 7 and 8), over real
 * sockets: a URL that serves an HTML page, a JSON answer far larger than any MCP response (declared or
 * streamed), an SSE event over the size limit, and many calls in flight. Each must fail the call at once
 * with an error that says what happened (not after its timeout), never read without bound, and not warn.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Client } from '@mcpwire/client';
import { type FixtureHttpServer, serveFixtureHttp } from '@mcpwire/conformance';
import { TransportError } from '@mcpwire/core';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { SseClientTransport } from '@mcpwire/transports/sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN } from '../packages/client/test/helpers.js';
// The transports package's own undici (the root has none): the dispatcher type the transport accepts.
import { Agent } from '../packages/transports/node_modules/undici/index.js';

type Mode = 'huge-declared' | 'huge-streamed' | 'big-event' | 'silent';

/** A minimal 2025-11-25 server over node:http whose tools/call answer misbehaves as `mode` says. */
class RawServer {
  mode: Mode = 'huge-declared';
  /** When each method arrived (ms since start), for the probe-timeout check. */
  readonly arrivals: { method: string; at: number }[] = [];
  readonly server: Server;
  bytesSent = 0;
  private readonly started = Date.now();

  constructor(private readonly html = false) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (this.html) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body>Welcome to our product page</body></html>');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const message = JSON.parse(body) as { id?: number; method?: string };
      this.arrivals.push({ method: message.method ?? '', at: Date.now() - this.started });
      if (message.id === undefined) {
        res.writeHead(202).end();
        return;
      }
      if (this.mode === 'silent') return; // never answers
      const json = (result: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's1' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
      };
      if (message.method === 'initialize') {
        json({
          protocolVersion: '2025-11-25',
          capabilities: { tools: {} },
          serverInfo: { name: 'raw', version: '1' },
        });
      } else if (message.method === 'tools/list') {
        json({ tools: [{ name: 'echo', inputSchema: { type: 'object' } }] });
      } else if (this.mode === 'huge-declared') {
        // Says 400 MB are coming, sends the first bytes, and holds the connection.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400000000' });
        res.write(`{"jsonrpc":"2.0","id":${message.id},"result":{"content":[{"type":"text","text":"`);
      } else if (this.mode === 'huge-streamed') {
        res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no length to refuse early
        res.write(`{"jsonrpc":"2.0","id":${message.id},"result":{"content":[{"type":"text","text":"`);
        const chunk = 'x'.repeat(64 * 1024);
        const pump = () => {
          while (this.bytesSent < 64 * 1024 * 1024 && !res.destroyed) {
            this.bytesSent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end('"}]}}');
        };
        pump();
      } else {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const data = JSON.stringify({
          jsonrpc: '2.0',
          method: 'notifications/message',
          params: { level: 'info', data: 'y'.repeat(200 * 1024) },
        });
        res.write(`id: 1\ndata: ${data}\n\n`); // and the answer never follows
      }
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/mcp`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Runs the built CLI (`pnpm run build` first). */
function mcpwire(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const LONG = { defaultTimeoutMs: 20_000, probeTimeoutMs: 20_000 };
let raw: RawServer;
let rawUrl: string;
let html: RawServer;
let htmlUrl: string;
beforeAll(async () => {
  raw = new RawServer();
  rawUrl = await raw.listen();
  html = new RawServer(true);
  htmlUrl = await html.listen();
});
afterAll(async () => {
  await raw.close();
  await html.close();
});

describe('a URL that is not an MCP endpoint', () => {
  it('fails connect at once: "not an MCP endpoint: received text/html" (not after 5 s + 60 s)', async () => {
    const client = new Client({ name: 'hostile', version: '1' }, LONG);
    const error = await client.connect(new StreamableHttpClientTransport(htmlUrl)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toContain('not an MCP endpoint: received text/html');
  });

  it('fails the CLI at once with the same message', async () => {
    const run = await mcpwire(['tools', 'list', '--url', htmlUrl, '--timeout', '20000']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not an MCP endpoint: received text/html');
  });

  it('bounds the CLI server/discover probe by --timeout', async () => {
    raw.mode = 'silent';
    raw.arrivals.length = 0;
    const run = await mcpwire(['tools', 'list', '--url', rawUrl, '--timeout', '700']);
    expect(run.code).toBe(1);
    const discover = raw.arrivals.find((a) => a.method === 'server/discover');
    const initialize = raw.arrivals.find((a) => a.method === 'initialize');
    expect(discover).toBeDefined();
    expect(initialize).toBeDefined();
    // The probe gave up after --timeout (700 ms), not after its 5 s default, then fell back to initialize.
    expect(initialize!.at - discover!.at).toBeLessThan(4000);
  });
});

describe('answers over the size limits', () => {
  let client: Client;
  beforeAll(async () => {
    raw.mode = 'huge-declared';
    client = new Client({ name: 'hostile', version: '1' }, { revision: '2025-11-25', ...LONG });
    await client.connect(
      new StreamableHttpClientTransport(rawUrl, {
        maxResponseBytes: 1024 * 1024,
        maxEventLength: 64 * 1024,
        reconnect: { initialDelayMs: 10, maxRetries: 2 },
      }),
    );
  });
  afterAll(async () => {
    await client.close();
  });

  it('refuses a declared 400 MB JSON body unread', async () => {
    raw.mode = 'huge-declared';
    const error = await client.callTool('echo', { text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/Response too large: expected at most 1048576 bytes.*400000000/);
  });

  it('stops reading a streamed JSON body once it passes the limit', async () => {
    raw.mode = 'huge-streamed';
    raw.bytesSent = 0;
    const error = await client.callTool('echo', { text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toContain('Response too large: expected at most 1048576 bytes');
    // The server stopped well short of the 64 MiB it meant to send: the client hung up.
    expect(raw.bytesSent).toBeLessThan(32 * 1024 * 1024);
  });

  it('fails the call at once on an SSE event over maxEventLength (resuming would meet it again)', async () => {
    raw.mode = 'big-event';
    const error = await client.callTool('echo', { text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/SSE event too large: expected at most 65536 characters/);
    // The connection is still usable for the next call.
    raw.mode = 'huge-declared';
    await expect(client.callTool('echo', { text: 'x' })).rejects.toThrow(/Response too large/);
  });
});

describe('the legacy HTTP+SSE client', () => {
  /** 2024-11-05 over HTTP+SSE: answers arrive on the GET stream; tools/call gets an oversized event. */
  function legacyServer(): Server {
    let stream: ServerResponse | undefined;
    const push = (message: unknown) => stream?.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    return createServer((req, res) => {
      if (req.method === 'GET') {
        stream = res;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: endpoint\ndata: /messages\n\n');
        return;
      }
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk));
      req.on('end', () => {
        res.writeHead(202).end();
        const message = JSON.parse(body) as { id?: number; method: string };
        if (message.id === undefined) return;
        if (message.method === 'initialize') {
          push({
            jsonrpc: '2.0',
            id: message.id,
            result: {
              protocolVersion: '2024-11-05',
              capabilities: { tools: {} },
              serverInfo: { name: 'sse', version: '1' },
            },
          });
        } else if (message.method === 'tools/list') {
          push({
            jsonrpc: '2.0',
            id: message.id,
            result: { tools: [{ name: 'echo', inputSchema: { type: 'object' } }] },
          });
        } else {
          push({
            jsonrpc: '2.0',
            method: 'notifications/message',
            params: { level: 'info', data: 'z'.repeat(200 * 1024) },
          });
        }
      });
    });
  }

  it('ends the connection, and the calls in flight, on an SSE event over maxEventLength', async () => {
    const server = legacyServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/sse`;
    const errors: Error[] = [];
    const client = new Client(
      { name: 'hostile', version: '1' },
      { revision: '2024-11-05', ...LONG, onError: (error) => errors.push(error) },
    );
    try {
      await client.connect(new SseClientTransport(url, { maxEventLength: 64 * 1024 }));
      const error = await client.callTool('echo', { text: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(errors.map((e) => e.message).join('\n')).toMatch(/SSE event too large: expected at most 65536/);
    } finally {
      await client.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('many calls in flight', () => {
  let fixture: FixtureHttpServer;
  beforeAll(async () => {
    fixture = await serveFixtureHttp();
  });
  afterAll(async () => {
    await fixture.close();
  });

  for (const dispatcher of ['its own', 'a caller-provided'] as const) {
    it(`raise no MaxListenersExceededWarning (transport with ${dispatcher} dispatcher)`, async () => {
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on('warning', onWarning);
      const agent = dispatcher === 'its own' ? undefined : new Agent();
      const client = new Client({ name: 'many', version: '1' });
      try {
        await client.connect(new StreamableHttpClientTransport(fixture.mcpUrl, { dispatcher: agent }));
        const texts = await Promise.all(
          Array.from({ length: 40 }, async (_, i) => {
            const result = await client.callTool('echo', { text: `call ${i}` });
            return (result.content[0] as { text: string }).text;
          }),
        );
        expect(texts).toEqual(Array.from({ length: 40 }, (_, i) => `call ${i}`));
        await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
        expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
      } finally {
        process.off('warning', onWarning);
        await client.close();
        await agent?.close();
      }
    });
  }

  it('raise no MaxListenersExceededWarning over legacy HTTP+SSE (every POST listens for the close)', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const client = new Client({ name: 'many', version: '1' }, { revision: '2024-11-05' });
    try {
      await client.connect(new SseClientTransport(fixture.sseUrl));
      const texts = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const result = await client.callTool('echo', { text: `call ${i}` });
          return (result.content[0] as { text: string }).text;
        }),
      );
      expect(texts).toEqual(Array.from({ length: 40 }, (_, i) => `call ${i}`));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await client.close();
    }
  });
});
