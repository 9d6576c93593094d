/**
 * The Node fast path (IncomingMessage/ServerResponse straight into the handler's light form) must answer
 * exactly as the web-standard path (Request → handler → Response) does: the same inputs go to two servers,
 * one per path, and status, headers, bodies and SSE events are compared. Late bodies and clients that
 * leave are in http-node-fast-path-requests.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  both,
  call,
  closePairs,
  initialize,
  JSON_POST,
  legacy,
  pair,
  type Sent,
  type Served,
  sessions,
} from './http-helpers/fast-path.js';

afterEach(closePairs);

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
