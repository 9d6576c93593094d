/**
 * Two Streamable HTTP servers with the same options, one reached through the Node fast path (the light
 * form) and one through the web-standard path, and the raw-request helpers that compare their answers.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';
import {
  createStreamableHttpHandler,
  type Listening,
  listen,
  type StreamableHttpHandler,
  type StreamableHttpHandlerOptions,
} from '../../src/http/index.js';
import { LIGHT_HANDLER, lightHandlerOf } from '../../src/http/server/http-io.js';
import { attachEchoEngine, type EchoEngineRecord } from './echo-engine.js';

export interface Served {
  url: string;
  handler: StreamableHttpHandler;
  records: EchoEngineRecord[];
  listening: Listening;
}

const open: Listening[] = [];

/** Closes every server `pair` started (call from afterEach). */
export async function closePairs(): Promise<void> {
  await Promise.all(open.splice(0).map((l) => l.close()));
}

/** Two servers with the same options: `fast` through the light form, `web` through Request/Response. */
export async function pair(
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

export interface Sent {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as these chunks (chunked encoding unless a content-length header is given). */
  body?: Array<string | Uint8Array> | string;
}

export interface Received {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Content-Length or chunked: kept apart from the compared answer because the paths may frame alike
 * answers differently (the fast path sends an SSE answer that is complete at once with a Content-Length).
 */
export interface Framed extends Received {
  framing: string;
}

export const ACCEPT = 'application/json, text/event-stream';
export const JSON_POST = { 'content-type': 'application/json', accept: ACCEPT };
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

export function send(url: string, sent: Sent): Promise<Framed> {
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
export async function both(
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

export const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
});
export const call = (id: number, name: string, args: Record<string, unknown> = {}) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

export async function sessions(servers: {
  fast: Served;
  web: Served;
}): Promise<{ fast: string; web: string }> {
  const opened = await both(servers, () => ({ headers: JSON_POST, body: initialize }));
  const ids = {
    fast: opened.fast.headers['mcp-session-id']!,
    web: opened.web.headers['mcp-session-id']!,
  };
  expect(ids.fast).toBeDefined();
  expect(ids.web).toBeDefined();
  return ids;
}

export const legacy = (session: string) => ({
  ...JSON_POST,
  'mcp-protocol-version': '2025-06-18',
  'mcp-session-id': session,
});
