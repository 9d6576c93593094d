/**
 * A process rebuilding a session opened elsewhere (hydration) puts its copy in place before the `connect`
 * hook has wired it to the server; requests of that session arriving meanwhile must wait for the copy,
 * not be handed to a transport nobody listens to yet (they were dropped, and their clients waited
 * forever: seen as a hung bench/scale-out.mjs through a round-robin balancer). Two handlers sharing one
 * memory store act as two processes; B's connect hook waits until the test lets it go.
 */
import { McpServer } from '@mcpwire/server';
import { createMemoryStore, createStreamableHttpHandler } from '@mcpwire/transports/http';
import { afterAll, expect, it } from 'vitest';

const store = createMemoryStore();
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

function replica(name: string, beforeConnect: () => Promise<void> = async () => {}) {
  const server = new McpServer({ name, version: '1.0.0' });
  server.tool('where', { description: 'names the replica that ran it' }, () => name);
  return createStreamableHttpHandler({
    connect: async (transport) => {
      await beforeConnect();
      await server.connect(transport);
    },
    store,
  });
}

function post(body: unknown, session?: string): Request {
  const headers: Record<string, string> = { ...HEADERS, 'mcp-protocol-version': '2025-11-25' };
  if (session !== undefined) headers['mcp-session-id'] = session;
  return new Request('http://127.0.0.1/mcp', { method: 'POST', headers, body: JSON.stringify(body) });
}

const callWhere = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'where', arguments: {} },
});

let entered: () => void = () => undefined;
const connecting = new Promise<void>((resolve) => {
  entered = resolve;
});
let release: () => void = () => undefined;
const released = new Promise<void>((resolve) => {
  release = resolve;
});
const a = replica('a');
const b = replica('b', async () => {
  entered();
  await released;
});

afterAll(async () => {
  release();
  await Promise.all([a.close(), b.close()]);
  await store.close!();
});

it('answers a request that reaches a copy still being connected, once it is connected', async () => {
  const opened = await a(
    post({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    }),
  );
  expect(opened.status).toBe(200);
  const session = opened.headers.get('mcp-session-id')!;
  await opened.text();
  const note = await a(post({ jsonrpc: '2.0', method: 'notifications/initialized' }, session));
  expect(note.status).toBe(202);

  // B rebuilds the session for the first request and stops in the connect hook.
  const first = b(post(callWhere(1), session));
  await connecting;
  const second = b(post(callWhere(2), session));
  // The second request's body is in memory: one macrotask turn and it has reached the session.
  await new Promise((resolve) => setImmediate(resolve));
  release();

  const answered = await Promise.race([
    Promise.all([first, second]).then((responses) => Promise.all(responses.map((r) => r.json()))),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('expected both requests answered, one never was')), 10_000),
    ),
  ]);
  expect(
    answered.map((m) => (m as { result: { content: Array<{ text: string }> } }).result.content[0]!.text),
  ).toEqual(['b', 'b']);
});
