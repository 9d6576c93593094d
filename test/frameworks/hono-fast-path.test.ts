/**
 * toHonoHandler: on @hono/node-server the route reaches the handler's light form through c.env (proven by
 * a handler whose web form throws); elsewhere (Hono's own `app.request`, as on Bun, Deno and Workers) it
 * takes the web path with c.req.raw.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  createStreamableHttpHandler,
  type FastHandler,
  LIGHT_HANDLER,
  toHonoHandler,
} from '@mcpwire/transports/http';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { lightHandlerOf } from '../../packages/transports/src/http/server/http-io.js';
import { attachEchoEngine } from '../../packages/transports/test/http-helpers/echo-engine.js';
import { initializeBody, post } from '../../packages/transports/test/http-helpers/http-util.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('toHonoHandler', () => {
  it('serves through the light form on @hono/node-server, headers and status intact', async () => {
    const mcp = createStreamableHttpHandler({ connect: (t) => void attachEchoEngine(t) });
    closers.push(() => mcp.close());
    const fastOnly = Object.defineProperties(
      async (): Promise<Response> => {
        throw new Error('the web path was used');
      },
      { [LIGHT_HANDLER]: { value: lightHandlerOf(mcp) } },
    ) as unknown as FastHandler;
    const app = new Hono();
    app.all('/mcp', toHonoHandler(fastOnly));
    app.get('/health', (c) => c.text('ok'));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const answer = await post(`${base}/mcp`, initializeBody());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('mcp-session-id')).toBeTruthy();
    expect(answer.headers.get('x-hono-already-sent')).toBeNull();
    expect(((await answer.json()) as { result: { protocolVersion: string } }).result.protocolVersion).toBe(
      '2025-06-18',
    );
    expect(await (await fetch(`${base}/health`)).text()).toBe('ok');
  });

  it('takes the web path where there is no Node request (app.request)', async () => {
    const mcp = createStreamableHttpHandler({ connect: (t) => void attachEchoEngine(t) });
    closers.push(() => mcp.close());
    const app = new Hono();
    app.all('/mcp', toHonoHandler(mcp));
    const answer = await app.request('http://localhost/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(initializeBody()),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('mcp-session-id')).toBeTruthy();
  });
});
