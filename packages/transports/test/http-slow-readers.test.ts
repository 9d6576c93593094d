/**
 * Clients that never read their SSE responses (issue 13 item 3), on the Node fast path and the web path:
 * senders that await wait for the client (backpressure), a response holding too much is cut, and one
 * that stays full is ended after the stall timeout. Real sockets: the client leaves the answer unread in
 * the kernel, so the server sees exactly what a stalled peer looks like.
 */
import type { JSONRPCNotification } from '@mcpwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../src/http/index.js';
import { createSseHandler, type SseServerTransport } from '../src/sse/index.js';
import {
  type FloodState,
  floodCall,
  floodServer,
  openSession,
  type Served,
  StalledClient,
  serve,
} from './http-helpers/stalled-client.js';
import { eventually, settled } from './stdio/helpers.js';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function start(path: 'fast' | 'web', options: Parameters<typeof serve>[2] = {}) {
  const state: FloodState = { sent: 0, done: false };
  const server = floodServer(state);
  const served: Served = await serve(server, path, options);
  open.push(server, served.listening);
  return { state, served, headers: await openSession(served.url) };
}

// 3000 notifications of 16 KB: 48 MB, far more than the kernel's socket buffers take from a client that
// does not read.
const COUNT = 3000;
const SIZE = 16_000;
const progressCount = (text: string): number => text.split('notifications/progress').length - 1;

describe.each(['fast', 'web'] as const)('SSE responses to a client that does not read (%s path)', (path) => {
  it('makes `await ctx.progress()` wait for the client, and goes on when it reads', async () => {
    const { state, served, headers } = await start(path);
    const client = new StalledClient(served.url, 'POST', headers, floodCall(1, COUNT, SIZE, true));
    open.push({ close: () => client.destroy() });
    const sentWhileStalled = await settled(() => state.sent);
    // Blocked once the kernel's buffers and the stream's high-water mark are full, long before the end.
    expect(sentWhileStalled).toBeGreaterThan(0);
    expect(sentWhileStalled).toBeLessThan(COUNT / 2);
    expect(state.done).toBe(false);
    const answer = await client.read();
    expect(progressCount(answer)).toBe(COUNT);
    expect(answer).toContain('"flooded"');
    expect(state.done).toBe(true);
  });

  it('cuts a response holding more than maxStreamBufferBytes from senders that do not wait', async () => {
    const { state, served, headers } = await start(path, { maxStreamBufferBytes: 1024 * 1024 });
    const client = new StalledClient(served.url, 'POST', headers, floodCall(1, COUNT, SIZE, false));
    open.push({ close: () => client.destroy() });
    // Fire and forget: the tool itself finishes at once.
    await settled(() => state.sent);
    expect(state.done).toBe(true);
    // The client gets what the kernel held and the limit allowed, then the connection ends: no result.
    const answer = await client.read();
    expect(answer).not.toContain('"flooded"');
    expect(progressCount(answer)).toBeLessThan(COUNT / 2);
  });

  it('ends a response that stays full for streamStallTimeoutMs, which frees the waiting tool', async () => {
    const { state, served, headers } = await start(path, { streamStallTimeoutMs: 200 });
    const client = new StalledClient(served.url, 'POST', headers, floodCall(1, COUNT, SIZE, true));
    open.push({ close: () => client.destroy() });
    // The tool is held back, then the stall timeout ends the stream and its sends stop waiting.
    expect(await eventually(() => state.done)).toBe(true);
    const answer = await client.read();
    expect(answer).not.toContain('"flooded"');
    expect(progressCount(answer)).toBeLessThan(COUNT / 2);
  });
});

/** Sends COUNT notifications of SIZE characters through `send`, awaiting each; counts them in `state`. */
async function notifyAll(send: (message: JSONRPCNotification) => Promise<void>, state: FloodState) {
  const padding = 'x'.repeat(SIZE);
  for (let i = 1; i <= COUNT; i++) {
    await send({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: padding } });
    state.sent = i;
  }
  state.done = true;
}

describe.each(['fast', 'web'] as const)('a GET stream its client does not read (%s path)', (path) => {
  it('makes notification sends wait for the client, and goes on when it reads', async () => {
    const { served, headers } = await start(path);
    const client = new StalledClient(served.url, 'GET', headers);
    open.push({ close: () => client.destroy() });
    const transport = served.handler.session(headers['mcp-session-id']!)!;
    expect(await eventually(() => !transport.isIdle)).toBe(true); // the GET stream is open
    const state: FloodState = { sent: 0, done: false };
    const sending = notifyAll((message) => transport.send(message), state);
    const sentWhileStalled = await settled(() => state.sent);
    expect(sentWhileStalled).toBeGreaterThan(0);
    expect(sentWhileStalled).toBeLessThan(COUNT / 2);
    const reading = client.read();
    await sending;
    transport.closeStandaloneStream();
    expect((await reading).split('notifications/message').length - 1).toBe(COUNT);
  });
});

describe('legacy HTTP+SSE stream its client does not read', () => {
  it('makes send() wait for the client, and goes on when it reads', async () => {
    let transport: SseServerTransport | undefined;
    const handler = createSseHandler({
      connect: (t) => {
        transport = t;
      },
    });
    const listening = await listen({ handler });
    open.push(listening);
    const client = new StalledClient(new URL(`${listening.url}/sse`), 'GET', {});
    open.push({ close: () => client.destroy() });
    expect(await eventually(() => transport !== undefined)).toBe(true);
    const state: FloodState = { sent: 0, done: false };
    const sending = notifyAll((message) => transport!.send(message), state);
    const sentWhileStalled = await settled(() => state.sent);
    expect(sentWhileStalled).toBeGreaterThan(0);
    expect(sentWhileStalled).toBeLessThan(COUNT / 2);
    const reading = client.read();
    await sending;
    await transport!.close();
    expect((await reading).split('notifications/message').length - 1).toBe(COUNT);
  });
});
