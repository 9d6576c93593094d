/**
 * Streamable HTTP transport checks (H01–H15) for legacy runs, M06/M17 for modern runs, and E01 for the
 * 2024-11-05 HTTP+SSE transport. They run after the common checks on the same session, plus a few
 * short-lived sessions of their own (Origin, DELETE) so the main session is not disturbed.
 */
import { isObject, type RunContext } from '../runner/context.js';
import type { HttpWire } from '../runner/http-wire.js';
import { note, received, sent } from '../runner/recorder.js';
import type { SseWire } from '../runner/sse-wire.js';
import { delay, type Exchange } from '../runner/wire.js';
import { evidenceOf } from './jsonrpc.js';
import { CLIENT_INFO } from './lifecycle.js';

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

function status(exchange: Exchange): number {
  return exchange.http?.status ?? 0;
}

export async function legacyHttpChecks(ctx: RunContext): Promise<void> {
  const wire = ctx.wire as HttpWire;
  const { rec } = ctx;
  judgePosts(ctx, wire);
  // H06: the session id, if any, came with the InitializeResult and is visible ASCII.
  if (wire.initSessionHeader === undefined) rec.skip('H06', 'the server issued no session id (stateless)');
  else if (!VISIBLE_ASCII.test(wire.initSessionHeader))
    rec.fail(
      'H06',
      `expected a session id of visible ASCII (0x21-0x7E), received ${JSON.stringify(wire.initSessionHeader)}`,
    );
  else rec.pass('H06', 'the session id is visible ASCII and came with the InitializeResult');

  // H04 + H05: GET is an SSE stream or 405; the stream carries no response.
  const fromSeq = wire.log.length;
  const get = await wire.openGet().catch((e: unknown) => ({
    status: 0,
    headers: {} as Record<string, string>,
    close: () => undefined,
    error: String(e),
  }));
  const type = get.headers['content-type'] ?? '';
  if (get.status === 405) rec.pass('H04', 'GET gets 405 (no server stream)');
  else if (get.status >= 200 && get.status < 300 && type.startsWith('text/event-stream'))
    rec.pass('H04', 'GET opens an SSE stream');
  else
    rec.fail('H04', `expected text/event-stream or 405 for GET, received HTTP ${get.status} ${type}`, [
      note(`GET ${wire.url}`),
    ]);
  if (get.status >= 200 && get.status < 300) {
    await ctx.call('ping');
    await delay(300);
    const responses = wire.log
      .slice(fromSeq)
      .filter((m) => m.via === 'get' && isObject(m.value) && ('result' in m.value || 'error' in m.value));
    if (responses.length > 0)
      rec.fail(
        'H05',
        'expected no JSON-RPC response on the GET stream, received one',
        responses.slice(0, 3).map((m) => received(m.raw)),
      );
    else rec.pass('H05', 'the GET stream carried no response');
  } else rec.skip('H05', 'the server offers no GET stream');
  get.close();

  if (wire.sessionId !== undefined) {
    const unknown = await ctx.call('ping', undefined, {
      headers: { 'mcp-session-id': 'mcpwire-conformance-unknown-session' },
    });
    if (status(unknown) === 404) rec.pass('H08', 'an unknown session id gets 404');
    else
      rec.fail(
        'H08',
        `expected 404 for an unknown session id, received HTTP ${status(unknown)}`,
        evidenceOf(unknown),
      );
    const missing = await ctx.call('ping', undefined, { headers: { 'mcp-session-id': null } });
    if (status(missing) === 400) rec.pass('H10', 'a request without the session id gets 400');
    else
      rec.fail(
        'H10',
        `expected 400 for a request without the required session id, received HTTP ${status(missing)}`,
        evidenceOf(missing),
      );
  } else {
    rec.skip('H08', 'the server issued no session id (stateless)');
    rec.skip('H10', 'the server issued no session id (stateless)');
  }

  if (ctx.revision >= '2025-06-18') {
    const bad = await ctx.call('ping', undefined, { headers: { 'mcp-protocol-version': '1900-01-01' } });
    if (status(bad) === 400) rec.pass('H13', 'an unsupported MCP-Protocol-Version gets 400');
    else
      rec.fail(
        'H13',
        `expected 400 for MCP-Protocol-Version 1900-01-01, received HTTP ${status(bad)}`,
        evidenceOf(bad),
      );
  } else rec.skip('H13', `the header exists from 2025-06-18 (negotiated ${ctx.revision})`);

  if (ctx.revision >= '2025-11-25') await checkOrigin(ctx, wire);
  else rec.skip('H14', `Origin validation is checked from 2025-11-25 (negotiated ${ctx.revision})`);
  await checkDelete(ctx, wire);
  if (wire.duplicateEventIds.length > 0)
    rec.fail(
      'H15',
      `expected SSE event ids unique across streams, received duplicates: ${wire.duplicateEventIds.slice(0, 3).join('; ')}`,
    );
  else if (wire.eventIds.size > 0) rec.pass('H15', `${wire.eventIds.size} SSE event ids, all unique`);
  else rec.skip('H15', 'the server used no SSE event ids');
}

function judgePosts(ctx: RunContext, wire: HttpWire): void {
  for (const post of wire.posts) {
    if (post.kind === 'notification' || post.kind === 'response') {
      if (post.status !== 202 || post.bodyLength > 0) {
        ctx.rec.fail(
          'H01',
          `expected 202 with an empty body for a ${post.kind}, received HTTP ${post.status} with ${post.bodyLength < 0 ? 'a stream' : `${post.bodyLength} bytes`}`,
          [sent(post.sent)],
        );
      }
    } else if (post.kind === 'request' && post.status >= 200 && post.status < 300) {
      if (
        !post.contentType.startsWith('application/json') &&
        !post.contentType.startsWith('text/event-stream')
      ) {
        ctx.rec.fail(
          'H02',
          `expected application/json or text/event-stream for a request, received ${JSON.stringify(post.contentType)}`,
          [sent(post.sent)],
        );
      }
    }
  }
  if (wire.posts.some((p) => p.kind === 'notification' || p.kind === 'response'))
    ctx.rec.pass('H01', 'notifications and responses get 202');
  ctx.rec.pass('H02', 'requests get JSON or SSE');
}

function initializeBody(id: number, revision: string): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion: revision, capabilities: {}, clientInfo: CLIENT_INFO },
  });
}

async function checkOrigin(ctx: RunContext, wire: HttpWire): Promise<void> {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const evil = await wire.raw(
    'POST',
    { ...headers, origin: 'http://evil.example' },
    initializeBody(900001, ctx.revision),
  );
  const own = await wire.raw(
    'POST',
    { ...headers, origin: new URL(wire.url).origin },
    initializeBody(900002, ctx.revision),
  );
  for (const info of [evil, own]) {
    const session = info.headers['mcp-session-id'];
    if (session !== undefined)
      await wire
        .raw('DELETE', { 'mcp-session-id': session, 'mcp-protocol-version': ctx.revision })
        .catch(() => undefined);
  }
  const evidence = [
    note(`POST initialize with Origin http://evil.example → HTTP ${evil.status}`),
    note(`POST initialize with Origin ${new URL(wire.url).origin} → HTTP ${own.status}`),
  ];
  if (evil.status >= 200 && evil.status < 300)
    ctx.rec.fail('H14', `expected 403 for a foreign Origin, received HTTP ${evil.status}`, evidence);
  else if (own.status < 200 || own.status >= 300)
    ctx.rec.fail(
      'H14',
      `expected the server's own origin to be accepted, received HTTP ${own.status}`,
      evidence,
    );
  else if (evil.status !== 403)
    ctx.rec.warn('H14', `expected exactly 403 for a foreign Origin, received HTTP ${evil.status}`, evidence);
  else ctx.rec.pass('H14', 'a foreign Origin gets 403, the own origin is accepted');
}

async function checkDelete(ctx: RunContext, wire: HttpWire): Promise<void> {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const init = await wire.raw('POST', headers, initializeBody(900003, ctx.revision));
  const session = init.headers['mcp-session-id'];
  if (session === undefined) {
    ctx.rec.skip('H11', 'the server issued no session id (stateless)');
    return;
  }
  const withSession = { ...headers, 'mcp-session-id': session, 'mcp-protocol-version': ctx.revision };
  await wire.raw(
    'POST',
    withSession,
    JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  );
  const deleted = await wire.raw('DELETE', withSession);
  if (deleted.status === 405) {
    ctx.rec.pass('H11', 'DELETE gets 405 (the server does not let clients end sessions)');
    return;
  }
  const after = await wire.raw(
    'POST',
    withSession,
    JSON.stringify({ jsonrpc: '2.0', id: 900004, method: 'ping' }),
  );
  const evidence = [
    note(`DELETE → HTTP ${deleted.status}`),
    note(`ping on the ended session → HTTP ${after.status}`),
  ];
  if (deleted.status >= 200 && deleted.status < 300 && after.status === 404)
    ctx.rec.pass('H11', 'DELETE ends the session; later requests get 404');
  else
    ctx.rec.fail(
      'H11',
      `expected DELETE to end the session (then 404) or 405, received DELETE ${deleted.status}, then ${after.status}`,
      evidence,
    );
}

export async function modernHttpChecks(ctx: RunContext, modernOnly: boolean): Promise<void> {
  const wire = ctx.wire as HttpWire;
  const mismatch = await ctx.call('tools/list', {}, { headers: { 'mcp-method': 'prompts/list' } });
  const error = isObject(mismatch.response?.['error'])
    ? (mismatch.response['error'] as { code?: unknown })
    : undefined;
  if (status(mismatch) === 400 && error?.code === -32020)
    ctx.rec.pass('M06', 'a mismatched Mcp-Method header gets 400 + -32020');
  else
    ctx.rec.fail(
      'M06',
      `expected HTTP 400 with -32020 for Mcp-Method prompts/list on a tools/list body, received HTTP ${status(mismatch)} ${JSON.stringify(error?.code ?? null)}`,
      evidenceOf(mismatch),
    );
  if (!modernOnly) {
    ctx.rec.skip('M17', 'the server is dual-era: GET and DELETE belong to its legacy sessions');
    return;
  }
  const get = await wire.raw('GET', { accept: 'text/event-stream', 'mcp-protocol-version': ctx.revision });
  const del = await wire.raw('DELETE', { 'mcp-protocol-version': ctx.revision });
  const minted = [get, del].some((r) => r.headers['mcp-session-id'] !== undefined);
  if (get.status === 405 && del.status === 405 && !minted)
    ctx.rec.pass('M17', 'GET and DELETE get 405 and no session id');
  else
    ctx.rec.fail(
      'M17',
      `expected 405 for GET and DELETE without Mcp-Session-Id, received GET ${get.status}, DELETE ${del.status}${minted ? ', with a session id' : ''}`,
    );
}

export function judgeSseEndpoint(ctx: RunContext, wire: SseWire): void {
  const first = wire.firstEvent;
  if (first === undefined)
    ctx.rec.fail(
      'E01',
      `expected an endpoint event first on the SSE stream, received none (GET HTTP ${wire.getStatus} ${wire.getContentType})`,
    );
  else if (first.event !== 'endpoint')
    ctx.rec.fail(
      'E01',
      `expected the first SSE event to be "endpoint", received ${JSON.stringify(first.event)}`,
      [received(first.data)],
    );
  else if (wire.otherEvents.length > 0)
    ctx.rec.fail(
      'E01',
      `expected messages as "message" events, received ${JSON.stringify(wire.otherEvents.slice(0, 3))}`,
    );
  else
    ctx.rec.pass(
      'E01',
      `the stream starts with endpoint ${wire.endpoint}; messages arrive as message events`,
    );
}

/** One JSON-RPC message object: what E01 holds the endpoint to accept (batches and broken JSON may be refused). */
function isSingleMessage(text: string): boolean {
  try {
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

/** After the run: every POST of a single valid message to the endpoint must have been accepted. */
export function judgeSsePosts(ctx: RunContext, wire: SseWire): void {
  const refused = wire.posts.filter((p) => (p.status < 200 || p.status >= 300) && isSingleMessage(p.sent));
  if (refused.length > 0) {
    ctx.rec.fail(
      'E01',
      `expected every POST of a valid message to the endpoint to be accepted (2xx), received ${refused
        .map((p) => p.status)
        .slice(0, 5)
        .join(', ')}`,
      refused.slice(0, 4).flatMap((p) => [sent(p.sent), note(`HTTP ${p.status}`)]),
    );
  }
}
