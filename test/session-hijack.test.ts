/**
 * Issue 13 item 1 (session hijack): behind real OAuth (oidc-provider issuing JWTs, verified by
 * @mcpwire/auth's verifier), a session belongs to the principal that opened it. Mallory holds a valid
 * token of her own and Alice's session id (and, for the last test, the id of Alice's elicitation): every
 * use of Alice's session with Mallory's token gets the 404 of an unknown session: POST, GET, Last-Event-ID
 * resume, DELETE, the answer to Alice's elicitation, and the legacy HTTP+SSE `/messages` POST. Alice's
 * own token keeps working throughout.
 */
import { createDelegatedAuth, createScopePolicy, type DelegatedAuth } from '@mcpwire/auth/server';
import { McpServer } from '@mcpwire/server';
import {
  createStreamableHttpHandler,
  InMemoryEventStore,
  type Listening,
  listen,
} from '@mcpwire/transports/http';
import { createSseHandler } from '@mcpwire/transports/sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../packages/auth/test/helpers/oidc.js';
import {
  call,
  lastMessageEventId,
  openRawSession,
  rawDelete,
  rawGet,
  rawPost,
  SseReader,
} from './helpers/raw-session.js';

const ALICE = { id: 'alice-app', secret: 'alice-secret-0123456789' };
const MALLORY = { id: 'mallory-app', secret: 'mallory-secret-0123456789' };

let as: TestAuthorizationServer;
let listening: Listening;
let mcpUrl: string;
let base: string;
let alice: string;
let mallory: string;
const elicited: string[] = [];

function protectedBy(auth: () => DelegatedAuth) {
  return {
    authenticator: {
      authenticate: (request: Request) => auth().authenticator.authenticate(request),
      insufficientScope: (required: string[]) => auth().authenticator.insufficientScope(required),
    },
    metadataRoute: (request: Request) => auth().metadataRoute(request),
    scopes: createScopePolicy({ default: ['mcp:read'] }),
  };
}

async function tokenFor(client: { id: string; secret: string }, resource: string): Promise<string> {
  const issued = await fetch(`${as.issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa(`${client.id}:${client.secret}`)}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'mcp:read' }),
  });
  if (issued.status !== 200) throw new Error(`token: ${issued.status} ${await issued.text()}`);
  return ((await issued.json()) as { access_token: string }).access_token;
}

beforeAll(async () => {
  const server = new McpServer({ name: 'hijack', version: '1.0.0' });
  server.tool('whoami', { description: 'the caller' }, (_args, ctx) => String(ctx.authInfo?.clientId));
  server.tool('ask', { description: 'elicits a word' }, async (_args, ctx) => {
    const answer = await ctx.elicit({
      message: 'A word?',
      requestedSchema: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
    });
    elicited.push(String(answer.content?.word));
    return `heard ${String(answer.content?.word)}`;
  });
  server.tool('steps', { description: 'logs three steps' }, async (_args, ctx) => {
    for (let step = 1; step <= 3; step++) {
      await ctx.log('info', `step ${step}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    return 'stepped';
  });
  let httpAuth: DelegatedAuth | undefined;
  let sseAuth: DelegatedAuth | undefined;
  const http = createStreamableHttpHandler({
    connect: async (t) => void (await server.connect(t)),
    auth: protectedBy(() => httpAuth!),
    eventStore: new InMemoryEventStore(),
  });
  const sse = createSseHandler({
    connect: async (t) => void (await server.connect(t)),
    auth: protectedBy(() => sseAuth!),
  });
  listening = await listen({
    handler: (request) => {
      const path = new URL(request.url).pathname;
      const toSse = path === '/sse' || path === '/messages' || path.endsWith('/oauth-protected-resource/sse');
      return toSse ? sse(request) : http(request);
    },
  });
  base = listening.url;
  mcpUrl = `${base}/mcp`;
  const sseUrl = `${base}/sse`;
  const client = (c: { id: string; secret: string }) => ({
    client_id: c.id,
    client_secret: c.secret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: 'client_secret_basic' as const,
  });
  as = await startAuthorizationServer({
    resources: { [mcpUrl]: 'mcp:read', [sseUrl]: 'mcp:read' },
    clientScopes: ['mcp:read'],
    clients: [client(ALICE), client(MALLORY)],
  });
  const delegate = (audience: string) =>
    createDelegatedAuth({ issuer: as.issuer, audience, requiredScopes: ['mcp:read'] });
  httpAuth = await delegate(mcpUrl);
  sseAuth = await delegate(sseUrl);
  alice = await tokenFor(ALICE, mcpUrl);
  mallory = await tokenFor(MALLORY, mcpUrl);
});

afterAll(async () => {
  await listening?.close();
  await as?.close();
});

const textOf = (body: unknown): string =>
  ((body as { result?: { content?: Array<{ text: string }> } }).result?.content ?? [])[0]?.text ??
  JSON.stringify(body);

async function expectUnknownSession(response: Response, session: string): Promise<void> {
  expect(response.status).toBe(404);
  // The same answer as for an id that never existed: nothing confirms that the session exists.
  const never = await rawPost(mcpUrl, call(1, 'whoami'), { session: `${session}-never`, token: mallory });
  const body = (await response.json()) as { error: { message: string } };
  const neverBody = (await never.json()) as { error: { message: string } };
  expect(body.error.message.replace(session, 'ID')).toBe(
    neverBody.error.message.replace(`${session}-never`, 'ID'),
  );
}

describe("a session is its creator's: another principal's valid token gets 404 everywhere", () => {
  it('POST and DELETE', async () => {
    const session = await openRawSession(mcpUrl, { token: alice });
    await expectUnknownSession(
      await rawPost(mcpUrl, call(2, 'whoami'), { session, token: mallory }),
      session,
    );
    await expectUnknownSession(await rawDelete(mcpUrl, { session, token: mallory }), session);
    const own = await rawPost(mcpUrl, call(3, 'whoami'), { session, token: alice });
    expect(textOf(await own.json())).toBe(ALICE.id);
    expect((await rawDelete(mcpUrl, { session, token: alice })).status).toBe(200);
  });

  it('the GET stream and Last-Event-ID resumption', async () => {
    const session = await openRawSession(mcpUrl, { token: alice });
    await expectUnknownSession(await rawGet(mcpUrl, { session, token: mallory }), session);
    // Alice's stream with event ids: Mallory cannot replay it.
    const posted = await rawPost(mcpUrl, call(4, 'steps'), { session, token: alice });
    const reader = new SseReader(posted);
    await reader.toEnd();
    const resumeFrom = lastMessageEventId(reader);
    await expectUnknownSession(
      await rawGet(mcpUrl, { session, token: mallory, lastEventId: resumeFrom }),
      session,
    );
    // Nor from a session of her own: the id names Alice's session's stream.
    const hers = await openRawSession(mcpUrl, { token: mallory });
    const crossed = await rawGet(mcpUrl, { session: hers, token: mallory, lastEventId: resumeFrom });
    expect(crossed.status).toBe(400);
    // Alice's own GET stream opens (Mallory's attempt did not take it).
    const own = await rawGet(mcpUrl, { session, token: alice });
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });

  it("the answer to Alice's elicitation, even with its id", async () => {
    const session = await openRawSession(mcpUrl, { token: alice, capabilities: { elicitation: {} } });
    const asked = new SseReader(await rawPost(mcpUrl, call(5, 'ask'), { session, token: alice }));
    await asked.until((messages) => messages.some((m) => m.method === 'elicitation/create'));
    const id = asked.messages.find((m) => m.method === 'elicitation/create')!.id;
    // Not 1, 2, 3: 96 random bits per connection, then a counter.
    expect(String(id)).toMatch(/^[A-Za-z0-9_-]{16}-[0-9a-z]+$/);
    const forged = { jsonrpc: '2.0', id, result: { action: 'accept', content: { word: 'forged' } } };
    await expectUnknownSession(await rawPost(mcpUrl, forged, { session, token: mallory }), session);
    const real = { jsonrpc: '2.0', id, result: { action: 'accept', content: { word: 'genuine' } } };
    expect((await rawPost(mcpUrl, real, { session, token: alice })).status).toBe(202);
    await asked.until((messages) => messages.some((m) => m.id === 5));
    expect(textOf(asked.messages.find((m) => m.id === 5))).toBe('heard genuine');
    expect(elicited).toEqual(['genuine']);
  });

  it('legacy HTTP+SSE: /messages of the stream Alice opened', async () => {
    const aliceSse = await tokenFor(ALICE, `${base}/sse`);
    const mallorySse = await tokenFor(MALLORY, `${base}/sse`);
    const opened = await fetch(`${base}/sse`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${aliceSse}` },
    });
    const stream = opened.body!.getReader();
    const first = new TextDecoder().decode((await stream.read()).value);
    const endpoint = `${base}${first.split('\n')[1]!.slice('data: '.length)}`;
    const post = (token: string, body: unknown) =>
      fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 'm', version: '1' } },
    };
    const hijack = await post(mallorySse, initialize);
    expect(hijack.status).toBe(404);
    const never = await fetch(`${base}/messages?sessionId=never-${Date.now()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${mallorySse}` },
      body: JSON.stringify(initialize),
    });
    expect(never.status).toBe(404);
    expect(((await hijack.json()) as { error: { code: number } }).error.code).toBe(
      ((await never.json()) as { error: { code: number } }).error.code,
    );
    expect((await post(aliceSse, initialize)).status).toBe(202);
    const answer = new TextDecoder().decode((await stream.read()).value);
    expect(answer).toContain('"protocolVersion":"2024-11-05"');
    await stream.cancel();
  });
});
