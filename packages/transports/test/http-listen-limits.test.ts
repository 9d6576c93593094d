/**
 * listen() against slow and hostile clients (issue 13 item 4) and its Host guard on non-loopback binds
 * (item 8), with raw sockets: a body or headers trickled byte by byte get 408 and the connection closes
 * (while a long SSE answer is not cut), a body over the limit gets 413 and the connection closes instead
 * of being read to its end, the connection cap holds, and a non-loopback bind needs allowedHosts.
 */
import { connect, type Socket } from 'node:net';
import { ConfigError } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createStreamableHttpHandler, type Listening, listen } from '../src/http/index.js';
import { openSession } from './http-helpers/stalled-client.js';
import { next } from './stdio/helpers.js';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

function mcpHandler() {
  const server = new McpServer({ name: 'limits', version: '1.0.0' });
  const handler = createStreamableHttpHandler({ connect: (t) => server.connect(t).then(() => undefined) });
  open.push(server);
  return handler;
}

async function serve(options: Omit<Parameters<typeof listen>[0], 'handler'>, path: 'fast' | 'web' = 'fast') {
  const handler = mcpHandler();
  const served =
    path === 'fast'
      ? handler
      : Object.assign((request: Request) => handler(request), { close: handler.close });
  const listening = await listen({ handler: served, ...options });
  open.push(listening);
  return { handler, listening, url: new URL(`${listening.url}/mcp`) };
}

/** A raw connection: what it received, and a promise of its close. Reads at once, or after `readAfter`. */
function rawSocket(
  listening: Listening,
  readAfter?: Promise<unknown>,
): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(listening.port, '127.0.0.1');
  open.push({ close: () => socket.destroy() });
  let text = '';
  socket.setEncoding('utf8');
  const read = (): void => {
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
  };
  if (readAfter === undefined) read();
  else void readAfter.then(read);
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => text, closed };
}

/** Writes `text` one character every `everyMs` until the socket closes. */
function trickle(socket: Socket, text: string, everyMs = 50): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) {
      clearInterval(timer);
      return;
    }
    socket.write(text[at++]!);
  }, everyMs);
}

describe.each(['fast', 'web'] as const)('listen() and clients that trickle (%s path)', (path) => {
  it('drops a body trickled past requestTimeoutMs with 408, while an SSE stream outlives it', async () => {
    const { handler, listening, url } = await serve({ requestTimeoutMs: 400, headersTimeoutMs: 200 }, path);
    const headers = await openSession(url);
    const stream = await fetch(url, { headers: { ...headers, accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    const events = stream.body!.pipeThrough(new TextDecoderStream()).getReader();

    const trickler = rawSocket(listening);
    trickler.socket.write(
      `POST /mcp HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n`,
    );
    trickle(trickler.socket, 'x'.repeat(1000));
    await trickler.closed;
    expect(trickler.received()).toMatch(/^HTTP\/1\.1 408 /);

    // The GET stream was opened before the trickle began: well past the request timeout, it still works.
    await handler.session(headers['mcp-session-id']!)!.send({
      jsonrpc: '2.0',
      method: 'notifications/message',
      params: { level: 'info', data: 'still here' },
    });
    let seen = '';
    while (!seen.includes('still here')) seen += (await events.read()).value ?? '';
    await events.cancel();
  });

  it('drops headers trickled past headersTimeoutMs with 408', async () => {
    const { listening } = await serve({ headersTimeoutMs: 200 }, path);
    const trickler = rawSocket(listening);
    trickle(trickler.socket, 'POST /mcp HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n');
    await trickler.closed;
    expect(trickler.received()).toMatch(/^HTTP\/1\.1 408 /);
  });
});

const FIFTY_MB = 50 * 1024 * 1024;

/**
 * Sends a 50 MB body as fast as the server takes it (declared with Content-Length, or chunked), reading
 * the answer meanwhile or only `readAfterMs` later; resolves with what was written when the connection
 * closed or all was written.
 */
async function sendHugeBody(
  listening: Listening,
  chunked: boolean,
  headers: Record<string, string>,
  readAfterMs?: number,
) {
  const later =
    readAfterMs === undefined ? undefined : new Promise((resolve) => setTimeout(resolve, readAfterMs));
  const { socket, received, closed } = rawSocket(listening, later);
  let head =
    'POST /mcp HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\naccept: application/json, text/event-stream\r\n';
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  head += chunked ? 'transfer-encoding: chunked\r\n\r\n' : `content-length: ${FIFTY_MB}\r\n\r\n`;
  socket.write(head);
  const piece = Buffer.alloc(64 * 1024, 0x20);
  const framed = chunked
    ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
    : piece;
  let written = 0;
  const allWritten = new Promise<void>((resolve) => {
    const pump = (): void => {
      while (written < FIFTY_MB && !socket.destroyed) {
        written += piece.length;
        if (!socket.write(framed)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (written >= FIFTY_MB) resolve();
    };
    pump();
  });
  const ended = await Promise.race([closed.then(() => 'closed'), allWritten.then(() => 'all written')]);
  return { ended, written, received: received() };
}

describe.each(['fast', 'web'] as const)('a body over maxBodyBytes (%s path)', (path) => {
  it.each([
    { chunked: true, readAfterMs: undefined },
    // A client that reads late still gets the answer: the connection is not reset under it.
    { chunked: false, readAfterMs: 300 },
  ])(
    'gets 413 and the connection closes instead of being read to its end (%o)',
    async ({ chunked, readAfterMs }) => {
      const { listening, url } = await serve({}, path);
      const headers = await openSession(url);
      const result = await sendHugeBody(listening, chunked, headers, readAfterMs);
      expect(result.received).toMatch(/^HTTP\/1\.1 413 /);
      expect(result.received.toLowerCase()).toContain('connection: close');
      expect(result.ended).toBe('closed');
      // What the kernel's buffers took before the close, not 50 MB.
      expect(result.written).toBeLessThan(FIFTY_MB / 2);
    },
  );
});

describe('listen() connection cap', () => {
  it('closes connections beyond maxConnections as they arrive, and takes new ones once there is room', async () => {
    const { listening } = await serve({ maxConnections: 2 });
    const counted = (): Promise<number> =>
      new Promise((resolve, reject) =>
        listening.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      );
    const first = rawSocket(listening);
    const second = rawSocket(listening);
    await next<void>((deliver) => {
      const check = (): void => void counted().then((n) => (n === 2 ? deliver() : setTimeout(check, 20)));
      check();
    });
    const third = rawSocket(listening);
    await third.closed;
    expect(third.received()).toBe('');
    first.socket.destroy();
    await first.closed;
    await next<void>((deliver) => {
      const check = (): void => void counted().then((n) => (n === 1 ? deliver() : setTimeout(check, 20)));
      check();
    });
    const fourth = rawSocket(listening);
    fourth.socket.write('GET /mcp HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n');
    await fourth.closed;
    expect(fourth.received()).toMatch(/^HTTP\/1\.1 400 /); // answered: no session id
    second.socket.destroy();
  });
});

describe('listen() on a non-loopback address', () => {
  // 127.0.0.2 is not a loopback *name* to the Host guard, but stays on this machine.
  const host = '127.0.0.2';

  it('refuses to start without allowedHosts or allowAnyHost, saying what is expected', async () => {
    const error = await listen({ handler: mcpHandler(), host }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /expected allowedHosts .* or allowAnyHost: true .* "127\.0\.0\.2"/,
    );
  });

  it('answers only the allowed Host names', async () => {
    const listening = await listen({ handler: mcpHandler(), host, allowedHosts: ['mcp.example'] });
    open.push(listening);
    const get = (hostHeader: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(listening.port, host);
        let text = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
        });
        socket.on('close', () => resolve(text));
        socket.write(`GET /mcp HTTP/1.1\r\nhost: ${hostHeader}\r\nconnection: close\r\n\r\n`);
      });
    const refused = await get('evil.example');
    expect(refused).toMatch(/^HTTP\/1\.1 403 /);
    expect(refused).toContain('allow-list, received \\"evil.example\\"');
    expect(await get(`mcp.example:${listening.port}`)).toMatch(/^HTTP\/1\.1 400 /); // past the guard
  });

  it('with allowAnyHost, starts and warns that any Host is accepted', async () => {
    const warning = next<Error>((deliver) => process.once('warning', deliver));
    const listening = await listen({ handler: mcpHandler(), host, allowAnyHost: true });
    open.push(listening);
    expect((await warning).message).toContain('any Host header is accepted');
  });
});
