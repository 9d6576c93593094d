/**
 * The Node fast path with request bodies that arrive late or too big, and with clients that go away
 * mid-request (helpers shared with http-node-fast-path.test.ts).
 */
import { request as httpRequest } from 'node:http';
import { AbortedError, ServerConnection } from '@mcpwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createStreamableHttpHandler, listen } from '../src/http/index.js';
import { closePairs, initialize, JSON_POST, pair, sessions } from './http-helpers/fast-path.js';

afterEach(closePairs);

describe('Node fast path: request bodies', () => {
  /** POSTs with the headers first and the body in `parts`, each after `gapMs` (chunked encoding). */
  function postSlowly(url: string, headers: Record<string, string>, parts: string[], gapMs: number) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.flushHeaders();
      let next = 0;
      const tick = (): void => {
        if (next === parts.length) {
          req.end();
          return;
        }
        req.write(parts[next++]);
        setTimeout(tick, gapMs);
      };
      setTimeout(tick, gapMs);
    });
  }

  it('reads a body that arrives after the headers, in pieces, and still refuses one over the limit (413)', async () => {
    const servers = await pair({ maxBodyBytes: 400 });
    const opened = await postSlowly(
      servers.fast.url,
      JSON_POST,
      [initialize.slice(0, 40), initialize.slice(40)],
      30,
    );
    expect(opened.status).toBe(200);
    expect(JSON.parse(opened.body).result.protocolVersion).toBe('2025-06-18');
    const big = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping', params: { pad: 'x'.repeat(500) } });
    const refused = await postSlowly(servers.fast.url, JSON_POST, [big.slice(0, 300), big.slice(300)], 30);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).error.message).toContain('at most 400 bytes');
  });
});

/** A 2026-07-28 call of the slow tool (5 s unless cancelled). */
const MODERN_SLOW = {
  headers: {
    ...JSON_POST,
    'mcp-protocol-version': '2026-07-28',
    'mcp-method': 'tools/call',
    'mcp-name': 'slow',
  },
  body: JSON.stringify({
    jsonrpc: '2.0',
    id: 9,
    method: 'tools/call',
    params: {
      name: 'slow',
      arguments: { ms: 5000 },
      _meta: {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientCapabilities': {},
      },
    },
  }),
};

describe('Node fast path: clients that go away', () => {
  /** Starts a request and destroys its socket after `ms`. */
  function abandon(
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    ms: number,
  ): Promise<void> {
    return new Promise((resolve) => {
      const req = httpRequest(url, { method: body === undefined ? 'GET' : 'POST', headers, agent: false });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      if (body !== undefined) req.write(body);
      req.end();
      setTimeout(() => req.destroy(), ms);
    });
  }

  async function until(check: () => boolean, ms = 3000): Promise<void> {
    const end = Date.now() + ms;
    while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  }

  it('a 2026-07-28 request is cancelled when its client disconnects, on both paths', async () => {
    const servers = await pair();
    for (const served of [servers.fast, servers.web]) {
      await abandon(served.url, MODERN_SLOW.headers, MODERN_SLOW.body, 150);
      await until(() => served.records[0]?.cancelled.length === 1);
      expect(served.records[0]!.cancelled).toEqual([9]);
    }
  });

  it('closing the stream aborts the handler of a real engine (ServerConnection), not only the echo engine', async () => {
    let started = false;
    let aborted = false;
    let reason: unknown;
    const handler = createStreamableHttpHandler({
      connect: async (transport) => {
        const connection = new ServerConnection({
          serverInfo: { name: 't', version: '1' },
          capabilities: { tools: {} },
        });
        connection.setRequestHandler(
          'tools/call',
          (_params, context) =>
            new Promise((resolve) => {
              started = true;
              context.signal.addEventListener('abort', () => {
                aborted = true;
                reason = context.signal.reason;
                resolve({ content: [] });
              });
            }),
        );
        await connection.connect(transport);
      },
    });
    const listening = await listen({ handler });
    try {
      await abandon(`${listening.url}/mcp`, MODERN_SLOW.headers, MODERN_SLOW.body, 150);
      await until(() => aborted);
      expect(started).toBe(true);
      expect(aborted).toBe(true);
      // Cancelled as a request whose caller left (watchCaller), not merely because its transport closed.
      expect(reason).toBeInstanceOf(AbortedError);
      expect((reason as Error).message).toContain('the caller went away');
    } finally {
      await listening.close();
    }
  });

  it('a closed GET stream frees the session for a new one, on both paths', async () => {
    const servers = await pair();
    const ids = await sessions(servers);
    for (const [served, id] of [
      [servers.fast, ids.fast],
      [servers.web, ids.web],
    ] as const) {
      const get = { accept: 'text/event-stream', 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' };
      await abandon(served.url, get, undefined, 150);
      await until(() => served.handler.session(id)!.isIdle);
      expect(served.handler.session(id)!.isIdle).toBe(true);
      // The stream slot is free again: a second GET is not refused with 409.
      const status = await new Promise<number>((resolve) => {
        const req = httpRequest(served.url, { headers: get, agent: false }, (res) => {
          resolve(res.statusCode!);
          req.destroy();
        });
        req.on('error', () => {});
        req.end();
      });
      expect(status).toBe(200);
    }
  });
});
