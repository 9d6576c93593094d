/**
 * The Node fast path (IncomingMessage/ServerResponse straight into the handler's light form) must answer
 * exactly as the web-standard path (Request → handler → Response) does: the same inputs go to two servers,
 * one per path, and status, headers, bodies, SSE events and cancellation are compared.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createStreamableHttpHandler,
  type Listening,
  listen,
  type StreamableHttpHandler,
  type StreamableHttpHandlerOptions,
} from '../src/http/index.js';
import { LIGHT_HANDLER, lightHandlerOf } from '../src/http/server/http-io.js';
import { attachEchoEngine, type EchoEngineRecord } from './http-helpers/echo-engine.js';

interface Served {
  url: string;
  handler: StreamableHttpHandler;
  records: EchoEngineRecord[];
  listening: Listening;
}

const open: Listening[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

/** Two servers with the same options: `fast` through the light form, `web` through Request/Response. */
async function pair(
  options: Partial<StreamableHttpHandlerOptions> = {},
): Promise<{ fast: Served; web: Served }> {
  const make = async (path: 'fast' | 'web'): Promise<Served> => {
    const records: EchoEngineRecord[] = [];
    const handler = createStreamableHttpHandler({
      connect: (t) => void records.push(attachEchoEngine(t)),
      ...options,
    });
    const close = { value: () => handler.close() };
    // The fast server's web form throws, so any answer it gives proves the light form served it.
    const served =
      path === 'fast'
        ? Object.defineProperties(
            async (): Promise<Response> => {
              throw new Error('the web-standard path was used');
            },
            { [LIGHT_HANDLER]: { value: lightHandlerOf(handler) }, close },
          )
        : Object.defineProperties(async (r: Request) => handler(r), { close });
    const listening = await listen({ handler: served as typeof handler });
    open.push(listening);
    return { url: `${listening.url}/mcp`, handler, records, listening };
  };
  return { fast: await make('fast'), web: await make('web') };
}

interface Sent {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as these chunks (chunked encoding unless a content-length header is given). */
  body?: Array<string | Uint8Array> | string;
}

interface Received {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Content-Length or chunked: kept apart from the compared answer because the paths may frame alike
 * answers differently (the fast path sends an SSE answer that is complete at once with a Content-Length).
 */
interface Framed extends Received {
  framing: string;
}

const ACCEPT = 'application/json, text/event-stream';
const JSON_POST = { 'content-type': 'application/json', accept: ACCEPT };
const VOLATILE = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

function framingOf(headers: IncomingHttpHeaders): string {
  return headers['content-length'] !== undefined ? `length ${headers['content-length']}` : 'chunked';
}

function normalise(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (VOLATILE.has(name) || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function send(url: string, sent: Sent): Promise<Framed> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: sent.method ?? 'POST', headers: sent.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: normalise(res.headers),
            body,
            framing: framingOf(res.headers),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const chunks = typeof sent.body === 'string' ? [sent.body] : (sent.body ?? []);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/** Sends the same request to both servers; the session ids each issued are replaced by a placeholder. */
async function both(
  servers: { fast: Served; web: Served },
  sent: (session: string) => Sent,
  sessions?: { fast: string; web: string },
): Promise<{ fast: Received; web: Received; framing: { fast: string; web: string } }> {
  const fast = await send(servers.fast.url, sent(sessions?.fast ?? ''));
  const web = await send(servers.web.url, sent(sessions?.web ?? ''));
  const scrub = (r: Framed, id: string | undefined): Received => ({
    status: r.status,
    headers: id ? JSON.parse(JSON.stringify(r.headers).replaceAll(id, 'SESSION')) : r.headers,
    body: id ? r.body.replaceAll(id, 'SESSION') : r.body,
  });
  return {
    fast: scrub(fast, sessions?.fast),
    web: scrub(web, sessions?.web),
    framing: { fast: fast.framing, web: web.framing },
  };
}

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
});
const call = (id: number, name: string, args: Record<string, unknown> = {}) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

async function sessions(servers: { fast: Served; web: Served }): Promise<{ fast: string; web: string }> {
  const opened = await both(servers, () => ({ headers: JSON_POST, body: initialize }));
  const ids = {
    fast: opened.fast.headers['mcp-session-id']!,
    web: opened.web.headers['mcp-session-id']!,
  };
  expect(ids.fast).toBeDefined();
  expect(ids.web).toBeDefined();
  return ids;
}

const legacy = (session: string) => ({
  ...JSON_POST,
  'mcp-protocol-version': '2025-06-18',
  'mcp-session-id': session,
});

describe('Node fast path and web-standard path answer alike', () => {
  it('legacy session: initialize, JSON call, SSE call with notifications, notification 202, DELETE', async () => {
    const servers = await pair();
    const opened = await both(servers, () => ({ headers: JSON_POST, body: initialize }));
    expect(opened.fast.status).toBe(200);
    const { 'mcp-session-id': fastId, ...fastRest } = opened.fast.headers;
    const { 'mcp-session-id': webId, ...webRest } = opened.web.headers;
    expect(fastRest).toEqual(webRest);
    expect(opened.fast.body).toBe(opened.web.body);
    const ids = { fast: fastId!, web: webId! };

    const cases: Array<(s: string) => Sent> = [
      (s) => ({ headers: legacy(s), body: call(2, 'echo', { text: 'héllo ✓' }) }),
      (s) => ({ headers: legacy(s), body: call(3, 'progress', { steps: 2 }) }),
      (s) => ({ headers: legacy(s), body: '{"jsonrpc":"2.0","method":"notifications/roots/list_changed"}' }),
      (s) => ({
        headers: { ...legacy(s), accept: 'application/json' },
        body: call(4, 'progress', { steps: 1 }),
      }),
      (s) => ({ headers: legacy(s), body: call(5, 'nope/such') }),
      (s) => ({ method: 'DELETE', headers: legacy(s) }),
      (s) => ({ headers: legacy(s), body: call(6, 'echo') }),
    ];
    const statuses: number[] = [];
    for (const make of cases) {
      const got = await both(servers, make, ids);
      expect(got.fast).toEqual(got.web);
      statuses.push(got.fast.status);
    }
    // The SSE answer carried the progress notifications before the result.
    const sse = await both(servers, (s) => ({ headers: legacy(s), body: call(7, 'echo') }), ids);
    expect(sse.fast.status).toBe(404);
    expect(statuses).toEqual([200, 200, 202, 200, 200, 200, 404]);
  });

  it('SSE events are identical, in order, and carry the progress before the result', async () => {
    const servers = await pair();
    const ids = await sessions(servers);
    const got = await both(
      servers,
      (s) => ({ headers: legacy(s), body: call(2, 'progress', { steps: 3 }) }),
      ids,
    );
    expect(got.fast).toEqual(got.web);
    expect(got.fast.headers['content-type']).toBe('text/event-stream');
    // The whole answer was ready at once: one body framed by its length, not chunked.
    expect(got.framing.fast).toBe(`length ${Buffer.byteLength(got.fast.body)}`);
    const events = got.fast.body
      .split('\n\n')
      .filter((e) => e.startsWith('data: '))
      .map((e) => JSON.parse(e.slice(6)) as { method?: string; id?: number });
    expect(events.map((e) => e.method ?? `result ${e.id}`)).toEqual([
      'notifications/progress',
      'notifications/progress',
      'notifications/progress',
      'notifications/message',
      'result 2',
    ]);
  });

  it('refusals: 415, 406, 400 parse error, 400 no session, 404 unknown session, 405, GET without session', async () => {
    const servers = await pair();
    const cases: Sent[] = [
      { headers: { ...JSON_POST, 'content-type': 'text/plain' }, body: initialize },
      { headers: { ...JSON_POST, accept: 'text/html' }, body: initialize },
      { headers: JSON_POST, body: '{"jsonrpc":' },
      { headers: JSON_POST, body: call(2, 'echo') },
      { headers: { ...JSON_POST, 'mcp-session-id': 'unknown' }, body: call(2, 'echo') },
      { method: 'PUT', headers: JSON_POST, body: '{}' },
      { method: 'GET', headers: { accept: 'text/event-stream' } },
      { headers: { ...JSON_POST, origin: 'http://evil.example' }, body: initialize },
      { headers: { ...JSON_POST, host: 'evil.example' }, body: initialize },
    ];
    const statuses: number[] = [];
    for (const sent of cases) {
      const got = await both(servers, () => sent);
      expect(got.fast).toEqual(got.web);
      statuses.push(got.fast.status);
    }
    expect(statuses).toEqual([415, 406, 400, 400, 404, 405, 400, 403, 403]);
  });

  it('body limits: declared and streamed bodies over maxBodyBytes get 413; UTF-8 split across chunks and a BOM decode alike', async () => {
    const servers = await pair({ maxBodyBytes: 1024 });
    const big = call(1, 'echo', { text: 'x'.repeat(2000) });
    const declared = await both(servers, () => ({
      headers: { ...JSON_POST, 'content-length': String(Buffer.byteLength(big)) },
      body: big,
    }));
    expect(declared.fast).toEqual(declared.web);
    expect(declared.fast.status).toBe(413);
    const streamed = await both(servers, () => ({
      headers: JSON_POST,
      body: [big.slice(0, 900), big.slice(900)],
    }));
    expect(streamed.fast).toEqual(streamed.web);
    expect(streamed.fast.status).toBe(413);
    expect(streamed.fast.body).toContain('received 2');

    const ids = await sessions(servers);
    const bytes = Buffer.from(`\uFEFF${call(2, 'echo', { text: 'naïve ✓ 🐕' })}`);
    const cut = bytes.indexOf(Buffer.from('🐕')) + 2; // inside the 4-byte sequence
    const split = await both(
      servers,
      (s) => ({ headers: legacy(s), body: [bytes.subarray(0, cut), bytes.subarray(cut)] }),
      ids,
    );
    expect(split.fast).toEqual(split.web);
    expect(split.fast.status).toBe(200);
    expect(split.fast.body).toContain('naïve ✓ 🐕');
  });

  it('CORS preflight and CORS headers on answers', async () => {
    const servers = await pair({
      cors: { origin: ['http://localhost:3000'], allowHeaders: ['x-extra'] },
      dnsRebinding: { allowedOrigins: ['http://localhost:3000'] },
    });
    const origin = 'http://localhost:3000';
    const preflight = await both(servers, () => ({
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-headers': 'mcp-param-region' },
    }));
    expect(preflight.fast).toEqual(preflight.web);
    expect(preflight.fast.status).toBe(204);
    expect(preflight.fast.headers['access-control-allow-headers']).toContain('mcp-param-region');
    const answered = await both(servers, () => ({ headers: { ...JSON_POST, origin }, body: initialize }));
    expect(answered.fast.headers['access-control-allow-origin']).toBe(origin);
    expect(answered.fast.status).toBe(answered.web.status);
    expect(answered.fast.headers['access-control-expose-headers']).toBe(
      answered.web.headers['access-control-expose-headers'],
    );
  });

  it('2026-07-28: stateless answers and header validation', async () => {
    const servers = await pair();
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const body = (name: string) =>
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name, arguments: { text: 'm' }, _meta: meta },
      });
    const headers = (name: string) => ({
      ...JSON_POST,
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': name,
    });
    const ok = await both(servers, () => ({ headers: headers('echo'), body: body('echo') }));
    expect(ok.fast).toEqual(ok.web);
    expect(ok.fast.status).toBe(200);
    const mismatch = await both(servers, () => ({ headers: headers('other'), body: body('echo') }));
    expect(mismatch.fast).toEqual(mismatch.web);
    expect(mismatch.fast.status).toBe(400);
  });

  it('auth hooks get a Request with the headers on both paths; their Responses pass through', async () => {
    const seen: string[] = [];
    const servers = await pair({
      authenticate: (request) => {
        const header = request.headers.get('authorization');
        seen.push(`${request.method} ${new URL(request.url).pathname} ${header}`);
        if (header !== 'Bearer good') {
          return new Response('{"error":"invalid_token"}', {
            status: 401,
            headers: {
              'www-authenticate': 'Bearer error="invalid_token"',
              'content-type': 'application/json',
            },
          });
        }
        return { token: 'good', clientId: 'c', scopes: [] };
      },
    });
    const refused = await both(servers, () => ({ headers: JSON_POST, body: initialize }));
    expect(refused.fast).toEqual(refused.web);
    expect(refused.fast.status).toBe(401);
    expect(refused.fast.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    const allowed = await both(servers, () => ({
      headers: { ...JSON_POST, authorization: 'Bearer good' },
      body: initialize,
    }));
    expect(allowed.fast.status).toBe(200);
    expect(allowed.web.status).toBe(200);
    expect(seen).toEqual([
      'POST /mcp null',
      'POST /mcp null',
      'POST /mcp Bearer good',
      'POST /mcp Bearer good',
    ]);
    const ctx = (s: Served) => s.records[0]!.contexts[0]!;
    expect(ctx(servers.fast).authInfo).toEqual(ctx(servers.web).authInfo);
    expect(ctx(servers.fast).requestInfo?.headers?.authorization).toBe('Bearer good');
    expect(Object.keys(ctx(servers.fast).requestInfo!.headers!).sort()).toEqual(
      Object.keys(ctx(servers.web).requestInfo!.headers!).sort(),
    );
    // Built on first read, each path's own URL, and visible to JSON.stringify (logging).
    const info = ctx(servers.fast).requestInfo!;
    expect(info.url).toBe(servers.fast.url);
    expect(ctx(servers.web).requestInfo!.url).toBe(servers.web.url);
    expect(JSON.parse(JSON.stringify(info))).toEqual({ headers: info.headers, url: info.url });
  });
});

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
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const headers = {
      ...JSON_POST,
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': 'slow',
    };
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 9,
      method: 'tools/call',
      params: { name: 'slow', arguments: { ms: 5000 }, _meta: meta },
    });
    for (const served of [servers.fast, servers.web]) {
      await abandon(served.url, headers, body, 150);
      await until(() => served.records[0]?.cancelled.length === 1);
      expect(served.records[0]!.cancelled).toEqual([9]);
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
