/**
 * Z05: a session belongs to the principal that opened it. A session is opened with token A (and an event
 * id taken from its streams when the server uses them); then token B tries every use of it: a POST, the
 * GET stream, a Last-Event-ID resumption (on A's session, and on a session of B's own), and a DELETE,
 * after which A's session must still work. Any use B gets a 2xx for is a failure: the server served a
 * request in a session on the strength of its id alone (2025-11-25 security_best_practices §Session
 * Hijacking: "MCP Servers MUST NOT use sessions for authentication"; "SHOULD bind session IDs to
 * user-specific information").
 */
import type { RunContext } from '../runner/context.js';
import { note } from '../runner/recorder.js';
import type { EvidenceItem } from '../runner/types.js';
import { isSuccess, openingBody, postHeaders, type RawAnswer, rawHttp } from './security-http.js';

interface Session {
  readonly id: string;
  readonly authorization: string;
}

function describe(answer: RawAnswer): string {
  return answer.status === 0 ? `no answer (${answer.error})` : `HTTP ${answer.status}`;
}

async function openSession(
  ctx: RunContext,
  url: string,
  authorization: string,
  id: number,
): Promise<Session | undefined> {
  const answer = await rawHttp(url, {
    method: 'POST',
    headers: postHeaders(ctx, authorization),
    body: openingBody(ctx, id),
  });
  const session = answer.headers['mcp-session-id'];
  if (!isSuccess(answer) || session === undefined) return undefined;
  await rawHttp(url, {
    method: 'POST',
    headers: { ...postHeaders(ctx, authorization), 'mcp-session-id': session },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  return { id: session, authorization };
}

function sessionHeaders(
  ctx: RunContext,
  session: Session,
  authorization: string,
  accept?: string,
): Record<string, string> {
  return {
    ...postHeaders(ctx, authorization),
    ...(accept === undefined ? {} : { accept }),
    'mcp-session-id': session.id,
  };
}

function ping(id: number): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' });
}

/**
 * An SSE event id of A's session: from a POST answered as a stream (then A sends one more request, so
 * there is something after it to replay), from its GET stream, or from a POST that accepts only
 * text/event-stream (servers that answer JSON otherwise may stream then; the answer is not judged).
 */
async function eventIdOf(ctx: RunContext, url: string, a: Session): Promise<string | undefined> {
  const headers = sessionHeaders(ctx, a, a.authorization);
  const streamOnly = sessionHeaders(ctx, a, a.authorization, 'text/event-stream');
  const post = await rawHttp(url, { method: 'POST', headers, body: ping(900211) });
  let found = post.events.find((e) => e.id !== undefined)?.id;
  if (found === undefined) {
    const get = await rawHttp(url, { method: 'GET', headers: streamOnly, sseWindowMs: 700 });
    found = get.events.find((e) => e.id !== undefined)?.id;
  }
  if (found === undefined) {
    const sse = await rawHttp(url, { method: 'POST', headers: streamOnly, body: ping(900213) });
    found = sse.events.find((e) => e.id !== undefined)?.id;
  }
  if (found !== undefined) await rawHttp(url, { method: 'POST', headers, body: ping(900212) });
  return found;
}

export async function checkSessionBinding(
  ctx: RunContext,
  url: string,
  authA: string,
  authB: string,
): Promise<void> {
  const a = await openSession(ctx, url, authA, 900201);
  if (a === undefined) {
    ctx.rec.skip('Z05', 'the server issued no session id (stateless): nothing to bind');
    return;
  }
  const evidence: EvidenceItem[] = [note(`token A opened session ${a.id}`)];
  const accepted: string[] = [];
  const attempt = (label: string, answer: RawAnswer, extra = '') => {
    evidence.push(note(`token B: ${label} → ${describe(answer)}${extra}`));
    if (isSuccess(answer)) accepted.push(`${label} (${describe(answer)})`);
  };
  const eventId = await eventIdOf(ctx, url, a);
  attempt(
    "POST a ping on A's session",
    await rawHttp(url, { method: 'POST', headers: sessionHeaders(ctx, a, authB), body: ping(900202) }),
  );
  attempt(
    "open the GET stream of A's session",
    await rawHttp(url, {
      method: 'GET',
      headers: sessionHeaders(ctx, a, authB, 'text/event-stream'),
      sseWindowMs: 300,
    }),
  );
  let b: Session | undefined;
  if (eventId === undefined)
    evidence.push(note("A's session showed no SSE event id: Last-Event-ID resumption not probed"));
  else {
    attempt(
      `resume with Last-Event-ID ${eventId} on A's session`,
      await rawHttp(url, {
        method: 'GET',
        headers: { ...sessionHeaders(ctx, a, authB, 'text/event-stream'), 'last-event-id': eventId },
        sseWindowMs: 500,
      }),
    );
    b = await openSession(ctx, url, authB, 900203);
    if (b !== undefined) {
      const resumed = await rawHttp(url, {
        method: 'GET',
        headers: { ...sessionHeaders(ctx, b, authB, 'text/event-stream'), 'last-event-id': eventId },
        sseWindowMs: 700,
      });
      // B's own session never had a request answered on a stream: any response replayed there is A's.
      const foreign = resumed.events.filter((e) => /"(result|error)"\s*:/.test(e.data));
      evidence.push(
        note(
          `token B: GET with A's Last-Event-ID ${eventId} on B's own session → ${describe(resumed)}, ${foreign.length} replayed response(s)`,
        ),
      );
      if (foreign.length > 0)
        accepted.push(
          `resume with A's Last-Event-ID on a session of its own (${foreign.length} of A's messages replayed)`,
        );
    }
  }
  const deleted = await rawHttp(url, { method: 'DELETE', headers: sessionHeaders(ctx, a, authB) });
  attempt("DELETE A's session", deleted);
  const after = await rawHttp(url, {
    method: 'POST',
    headers: sessionHeaders(ctx, a, authA),
    body: ping(900204),
  });
  evidence.push(note(`token A: ping on its session afterwards → ${describe(after)}`));
  if (!isSuccess(after)) accepted.push(`end A's session (A's next request got ${describe(after)})`);
  for (const session of [a, b]) {
    if (session !== undefined)
      await rawHttp(url, { method: 'DELETE', headers: sessionHeaders(ctx, session, session.authorization) });
  }
  if (accepted.length > 0)
    ctx.rec.fail(
      'Z05',
      `expected every use of a session opened with --token to be refused with --token-b, but token B could ${accepted.join('; ')}`,
      evidence,
    );
  else
    ctx.rec.pass(
      'Z05',
      `token B is refused on token A's session (POST, GET${eventId === undefined ? '' : ', Last-Event-ID'}, DELETE)`,
    );
}
