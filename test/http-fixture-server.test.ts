/**
 * `mcpwire-conformance fixture-server --http` as a real child process (from sources through tsx): the
 * printed URL, both eras and legacy HTTP+SSE on one port, DNS-rebinding protection, unknown paths, usage
 * errors, a busy port, and a clean stop on SIGTERM and SIGINT.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { Client } from '@mcpwire/client';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = ['--import', 'tsx', 'packages/conformance/src/cli.ts', 'fixture-server'];

interface Running {
  child: ChildProcess;
  url: string;
  stdout: string;
  stderr: string;
}

function start(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const running: Running = { child, url: '', stdout: '', stderr: '' };
  child.stderr!.on('data', (chunk: Buffer) => {
    running.stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Expected a URL line within 20 s: ${running.stderr}`)),
      20_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      running.stdout += chunk;
      const match = /^mcpwire fixture server listening on (\S+)\n/.exec(running.stdout);
      if (match) {
        clearTimeout(timer);
        running.url = match[1]!;
        resolve(running);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Expected the server to keep running, but it exited with ${code}: ${running.stderr}`));
    });
  });
}

/** Runs the command to completion (usage errors and failures). */
function runToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** A raw request with full control of Host and Origin (fetch would not let us set Host). */
function raw(
  url: string,
  options: { method: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        // SSE answers stay open: the first event is enough.
        if (res.headers['content-type']?.startsWith('text/event-stream') && body.includes('\n\n')) {
          res.destroy();
          resolve({ status: res.statusCode!, headers: res.headers, body });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const POST_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('fixture-server --http', () => {
  let server: Running;
  beforeAll(async () => {
    server = await start(['--http', '--port', '0']);
  });
  afterAll(async () => {
    if (server.child.exitCode === null) {
      const exited = exitOf(server.child);
      server.child.kill('SIGKILL');
      await exited;
    }
  });

  it('prints one stdout line with its Streamable HTTP URL on 127.0.0.1 and the SSE URL on stderr', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(server.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    // The two pipes are read independently: give stderr a moment (bounded) to arrive.
    const sseUrl = server.url.replace(/\/mcp$/, '/sse');
    for (let i = 0; i < 40 && !server.stderr.includes(sseUrl); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(server.stderr).toContain(sseUrl);
  });

  it('serves a 2026-07-28 client statelessly and a pinned legacy client with a session, on /mcp', async () => {
    const modern = new Client({ name: 'modern', version: '1.0.0' });
    const modernTransport = new StreamableHttpClientTransport(server.url);
    await modern.connect(modernTransport);
    const legacy = new Client({ name: 'legacy', version: '1.0.0' }, { revision: '2025-06-18' });
    const legacyTransport = new StreamableHttpClientTransport(server.url);
    await legacy.connect(legacyTransport);
    try {
      expect(modern.era).toBe('modern');
      expect(modernTransport.sessionId).toBeUndefined();
      expect(legacy.revision).toBe('2025-06-18');
      expect(legacyTransport.sessionId).toBeDefined();
      for (const client of [modern, legacy]) {
        const result = await client.callTool('echo', { text: client.era });
        expect(result.content).toEqual([{ type: 'text', text: client.era }]);
      }
    } finally {
      await modern.close();
      await legacy.close();
    }
  });

  it('serves legacy HTTP+SSE on /sse: the endpoint event names /messages with a session id', async () => {
    const answer = await raw(server.url.replace(/\/mcp$/, '/sse'), {
      method: 'GET',
      headers: { accept: 'text/event-stream' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/event: endpoint\ndata: \/messages\?sessionId=[\w-]+\n/);
  });

  it('refuses a foreign Host or Origin with 403 and accepts its own localhost name', async () => {
    const port = new URL(server.url).port;
    const evilHost = await raw(server.url, {
      method: 'POST',
      headers: { ...POST_HEADERS, host: 'evil.example.com', origin: 'http://evil.example.com' },
      body: INITIALIZE,
    });
    expect(evilHost.status).toBe(403);
    const evilOrigin = await raw(server.url, {
      method: 'POST',
      headers: { ...POST_HEADERS, host: `localhost:${port}`, origin: 'http://evil.example.com' },
      body: INITIALIZE,
    });
    expect(evilOrigin.status).toBe(403);
    expect(JSON.parse(evilOrigin.body).error.message).toContain('evil.example.com');
    const own = await raw(server.url, {
      method: 'POST',
      headers: { ...POST_HEADERS, host: `localhost:${port}`, origin: `http://localhost:${port}` },
      body: INITIALIZE,
    });
    expect(own.status).toBe(200);
    expect(own.headers['mcp-session-id']).toBeDefined();
  });

  it('answers 404 with the served paths for an unknown path', async () => {
    const answer = await raw(server.url.replace(/\/mcp$/, '/nope'), { method: 'GET', headers: {} });
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('/mcp');
    expect(answer.body).toContain('"/nope"');
  });
});

describe('fixture-server --http lifecycle and usage', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops cleanly on %s with exit code 0', async (signal) => {
    const running = await start(['--http', '--port', '0']);
    // An open SSE stream must not keep the process alive.
    const open = raw(running.url.replace(/\/mcp$/, '/sse'), { method: 'GET', headers: {} });
    await open;
    const exited = exitOf(running.child);
    running.child.kill(signal);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(running.stderr).toContain(`stopped on ${signal}`);
  });

  it('exits 2 with a usage message when --port is missing or not a port', async () => {
    const missing = await runToExit(['--http']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('expected --port N');
    const wrong = await runToExit(['--http', '--port', 'eighty']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--port: expected an integer from 0 to 65535, received "eighty"');
  });

  it('exits 1 and says why when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runToExit(['--http', '--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`expected to listen on 127.0.0.1:${port}`);
      expect(result.stderr).toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
