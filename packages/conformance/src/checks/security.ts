/**
 * Authorization checks a black box allows, given the run's token (--token) and a second principal's
 * (--token-b): a request without a token gets 401 and points to the Protected Resource Metadata (Z01),
 * that metadata names an authorization server (Z02), an invalid token gets 401 (Z03), and a session
 * opened with one token is refused with the other on every use: POST, the GET stream, a Last-Event-ID
 * resumption and DELETE (Z05; 2025-11-25 security_best_practices §Session Hijacking). Sessions and
 * requests of their own, so the run's session is never put at risk.
 */
import { fetch } from 'undici';
import { isObject, type RunContext } from '../runner/context.js';
import type { HttpWire } from '../runner/http-wire.js';
import { note } from '../runner/recorder.js';
import type { EvidenceItem } from '../runner/types.js';
import { openingBody, postHeaders, type RawAnswer, rawHttp, resourceMetadataOf } from './security-http.js';
import { checkSessionBinding } from './session-binding.js';

const INVALID_TOKEN = 'mcpwire-conformance-invalid-token';

/** Ends a session a probe opened by accident (an open server), with the token that opened it. */
async function endSession(
  ctx: RunContext,
  url: string,
  answer: RawAnswer,
  authorization?: string,
): Promise<void> {
  const session = answer.headers['mcp-session-id'];
  if (session === undefined) return;
  const headers: Record<string, string> = { 'mcp-session-id': session, 'mcp-protocol-version': ctx.revision };
  if (authorization !== undefined) headers['authorization'] = authorization;
  await rawHttp(url, { method: 'DELETE', headers });
}

function step(label: string, answer: RawAnswer): EvidenceItem {
  const challenge = answer.headers['www-authenticate'];
  return note(
    `${label} → ${answer.status === 0 ? `no answer (${answer.error})` : `HTTP ${answer.status}`}${challenge ? ` WWW-Authenticate: ${challenge}` : ''}`,
  );
}

/** The well-known PRM locations of 2025-11-25 basic/authorization §Protected Resource Metadata Discovery. */
function wellKnownUrls(url: string): string[] {
  const { origin, pathname } = new URL(url);
  const path = pathname === '/' ? '' : pathname.replace(/\/$/, '');
  const root = `${origin}/.well-known/oauth-protected-resource`;
  return path === '' ? [root] : [`${root}${path}`, root];
}

async function fetchMetadata(
  url: string,
): Promise<{ ok: true; document: Record<string, unknown> } | { ok: false; why: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, why: `not a URL: ${JSON.stringify(url)}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { ok: false, why: `not an http(s) URL: ${JSON.stringify(url)}` };
  try {
    const response = await fetch(parsed, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(5000),
    });
    const text = await response.text();
    if (response.status !== 200) return { ok: false, why: `HTTP ${response.status}` };
    const document: unknown = JSON.parse(text);
    return isObject(document) ? { ok: true, document } : { ok: false, why: 'not a JSON object' };
  } catch (error) {
    return { ok: false, why: error instanceof Error ? error.message : String(error) };
  }
}

function judgeMetadata(ctx: RunContext, url: string, document: Record<string, unknown>): void {
  const servers = document['authorization_servers'];
  if (Array.isArray(servers) && servers.length > 0 && servers.every((s) => typeof s === 'string'))
    ctx.rec.pass('Z02', `the metadata at ${url} names ${servers.length} authorization server(s)`);
  else
    ctx.rec.fail(
      'Z02',
      `expected authorization_servers (a non-empty list of issuer URLs) in ${url}, received ${JSON.stringify(servers ?? null)}`,
      [note(JSON.stringify(document).slice(0, 400))],
    );
}

/** Z01 and Z02: the request without a token. */
async function checkChallenge(ctx: RunContext, wire: HttpWire): Promise<void> {
  const anonymous = await rawHttp(wire.url, {
    method: 'POST',
    headers: postHeaders(ctx, undefined),
    body: openingBody(ctx, 900101),
  });
  await endSession(ctx, wire.url, anonymous);
  const evidence = [step(`POST without Authorization to ${wire.url}`, anonymous)];
  if (anonymous.status !== 401) {
    ctx.rec.fail(
      'Z01',
      `expected 401 for a request without a token, received ${anonymous.status === 0 ? 'no answer' : `HTTP ${anonymous.status}`}`,
      evidence,
    );
    ctx.rec.skip('Z02', 'no 401 challenge to follow');
    return;
  }
  const fromHeader = resourceMetadataOf(anonymous.headers['www-authenticate']);
  if (fromHeader !== undefined) {
    const metadata = await fetchMetadata(new URL(fromHeader, wire.url).href);
    if (metadata.ok) {
      ctx.rec.pass('Z01', `a request without a token gets 401 with resource_metadata ${fromHeader}`);
      judgeMetadata(ctx, fromHeader, metadata.document);
    } else {
      ctx.rec.fail(
        'Z01',
        `expected the resource_metadata URL of the 401 to serve the metadata, received ${metadata.why}`,
        evidence,
      );
      ctx.rec.skip('Z02', 'the metadata could not be read');
    }
    return;
  }
  for (const candidate of wellKnownUrls(wire.url)) {
    const metadata = await fetchMetadata(candidate);
    if (!metadata.ok) {
      evidence.push(note(`GET ${candidate} → ${metadata.why}`));
      continue;
    }
    ctx.rec.pass(
      'Z01',
      `401 without resource_metadata in WWW-Authenticate, and the metadata is served at ${candidate} (either is allowed)`,
    );
    judgeMetadata(ctx, candidate, metadata.document);
    return;
  }
  ctx.rec.fail(
    'Z01',
    'expected resource_metadata in the WWW-Authenticate header of the 401 or metadata at a well-known URI, received neither',
    evidence,
  );
  ctx.rec.skip('Z02', 'no metadata found');
}

/** Z03: a token that no authorization server issued. */
async function checkInvalidToken(ctx: RunContext, wire: HttpWire): Promise<void> {
  const authorization = `Bearer ${INVALID_TOKEN}`;
  const answer = await rawHttp(wire.url, {
    method: 'POST',
    headers: postHeaders(ctx, authorization),
    body: openingBody(ctx, 900102),
  });
  await endSession(ctx, wire.url, answer, authorization);
  if (answer.status === 401) ctx.rec.pass('Z03', 'an invalid token gets 401');
  else
    ctx.rec.fail(
      'Z03',
      `expected 401 for the invalid token ${INVALID_TOKEN}, received ${answer.status === 0 ? 'no answer' : `HTTP ${answer.status}`}`,
      [step(`POST with Authorization: Bearer ${INVALID_TOKEN}`, answer)],
    );
}

export async function securityChecks(ctx: RunContext, tokenB: string | undefined): Promise<void> {
  const wire = ctx.wire as HttpWire;
  const authorization = wire.baseHeaders['authorization'];
  if (authorization === undefined) {
    for (const id of ['Z01', 'Z02', 'Z03', 'Z05'])
      ctx.rec.skip(id, 'run with --token to check authorization');
    return;
  }
  await checkChallenge(ctx, wire);
  await checkInvalidToken(ctx, wire);
  if (ctx.era !== 'legacy') ctx.rec.skip('Z05', 'sessions do not exist in 2026-07-28');
  else if (tokenB === undefined)
    ctx.rec.skip('Z05', "run with --token-b (a second principal's token) to check session binding");
  else await checkSessionBinding(ctx, wire.url, authorization, `Bearer ${tokenB}`);
}
