/** Legacy HTTP+SSE (2024-11-05) server rules and our SSE client against it. */
import { afterEach, describe, expect, it } from 'vitest';
import { type Listening, listen } from '../src/http/index.js';
import { createSseHandler, SseClientTransport } from '../src/sse/index.js';
import { attachEchoEngine } from './http-helpers/echo-engine.js';
import { post } from './http-helpers/http-util.js';
import { initParams, miniClient } from './http-helpers/mini-client.js';

let server: Listening | undefined;
let handler: ReturnType<typeof createSseHandler> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: { maxBodyBytes?: number; maxSessions?: number } = {}) {
  handler = createSseHandler({ connect: (t) => void attachEchoEngine(t), ...options });
  server = await listen({ handler });
  return server.url;
}

/** Opens the event stream and returns the endpoint URI plus the response to keep reading. */
async function openStream(base: string) {
  const response = await fetch(`${base}/sse`, { headers: { accept: 'text/event-stream' } });
  const reader = response.body!.getReader();
  const { value } = await reader.read();
  const first = new TextDecoder().decode(value);
  return { response, reader, first };
}

describe('HTTP+SSE server (2024-11-05)', () => {
  it('sends the endpoint event first, takes POSTs with 202, answers as event: message', async () => {
    const base = await start();
    const { reader, first } = await openStream(base);
    expect(first).toMatch(/^event: endpoint\ndata: \/messages\?sessionId=[\x21-\x7e]+\n\n/);
    const endpoint = first.split('\n')[1]!.slice('data: '.length);
    const res = await post(`${base}${endpoint}`, { jsonrpc: '2.0', id: 1, method: 'ping' });
    expect(res.status).toBe(202);
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe(
      'event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n',
    );
    await reader.cancel();
  });

  it('400 without sessionId, 404 for an unknown or closed session, 413 for big bodies, 400 for bad JSON', async () => {
    const base = await start({ maxBodyBytes: 200 });
    expect((await post(`${base}/messages`, { jsonrpc: '2.0', id: 1, method: 'ping' })).status).toBe(400);
    expect(
      (await post(`${base}/messages?sessionId=nope`, { jsonrpc: '2.0', id: 1, method: 'ping' })).status,
    ).toBe(404);
    const { reader, first } = await openStream(base);
    const endpoint = `${base}${first.split('\n')[1]!.slice('data: '.length)}`;
    expect(
      (await post(endpoint, { jsonrpc: '2.0', method: 'x', params: { pad: 'y'.repeat(500) } })).status,
    ).toBe(413);
    const bad = await post(endpoint, '{oops');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: number } }).error.code).toBe(-32700);
    expect(handler!.sessionCount).toBe(1);
    await reader.cancel();
    for (let i = 0; i < 50 && handler!.sessionCount > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(handler!.sessionCount).toBe(0);
    expect((await post(endpoint, { jsonrpc: '2.0', id: 1, method: 'ping' })).status).toBe(404);
  });

  it('refuses foreign origins (403) and caps open streams (503) once every stream is in use', async () => {
    const base = await start({ maxSessions: 1 });
    const evil = await fetch(`${base}/sse`, { headers: { origin: 'http://evil.example' } });
    expect(evil.status).toBe(403);
    // A stream nobody POSTs to is not in use: at the cap it makes room for a new one.
    const unused = await openStream(base);
    const { reader, first } = await openStream(base);
    expect((await unused.reader.read()).done).toBe(true);
    // A stream whose client got past initialize is in use: the next one is refused.
    const endpoint = `${base}${first.split('\n')[1]!.slice('data: '.length)}`;
    expect(
      (await post(endpoint, { jsonrpc: '2.0', id: 1, method: 'initialize', params: initParams() })).status,
    ).toBe(202);
    expect((await post(endpoint, { jsonrpc: '2.0', method: 'notifications/initialized' })).status).toBe(202);
    const second = await fetch(`${base}/sse`);
    expect(second.status).toBe(503);
    await reader.cancel();
  });

  it('our SSE client talks to our SSE server, streamed notifications included', async () => {
    const base = await start();
    const transport = new SseClientTransport(`${base}/sse`);
    const mc = miniClient(transport);
    await transport.start();
    await mc.request('initialize', initParams('2024-11-05'));
    const result = await mc.request('tools/call', { name: 'progress', arguments: { steps: 2 } });
    expect(JSON.stringify(result)).toContain('progressed 2');
    expect(mc.received.filter((m) => 'method' in m)).toHaveLength(3);
    await transport.close();
    for (let i = 0; i < 50 && handler!.sessionCount > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(handler!.sessionCount).toBe(0);
  });

  it('the SSE client refuses an endpoint on another origin', async () => {
    const evilHandler = async () =>
      new Response('event: endpoint\ndata: http://evil.example/messages\n\n', {
        headers: { 'content-type': 'text/event-stream' },
      });
    server = await listen({ handler: evilHandler });
    const transport = new SseClientTransport(`${server.url}/sse`);
    await expect(transport.start()).rejects.toThrow(/origin/);
    await transport.close();
  });
});
