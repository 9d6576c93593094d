/**
 * createNodeRouter: MCP ahead of an Express 5 app on one server. /mcp is served through the handler's
 * light form (proven by a handler whose web form throws) and never meets the app's body parser; every
 * other path is the app's, 404 included. Then the same ahead of Fastify (serverFactory) and Hono
 * (@hono/node-server's getRequestListener).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import {
  createNodeRouter,
  createStreamableHttpHandler,
  type FastHandler,
  LIGHT_HANDLER,
} from '@mcpwire/transports/http';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lightHandlerOf } from '../../packages/transports/src/http/server/http-io.js';
import { attachEchoEngine } from '../../packages/transports/test/http-helpers/echo-engine.js';
import { initializeBody, post } from '../../packages/transports/test/http-helpers/http-util.js';

let base: string;
let stop: () => Promise<void>;

/** An MCP handler whose web form throws: an answer from it came through its light form. */
function fastOnly(): FastHandler {
  const mcp = createStreamableHttpHandler({ connect: (t) => void attachEchoEngine(t) });
  return Object.defineProperties(
    async (): Promise<Response> => {
      throw new Error('the web path was used');
    },
    { [LIGHT_HANDLER]: { value: lightHandlerOf(mcp) }, close: { value: () => mcp.close() } },
  ) as unknown as FastHandler;
}

async function expectMcp(url: string): Promise<void> {
  const answer = await post(url, initializeBody());
  expect(answer.status).toBe(200);
  expect(answer.headers.get('mcp-session-id')).toBeTruthy();
}

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.post('/echo', (req, res) => void res.json({ parsed: req.body }));
  const router = createNodeRouter({ '/mcp': fastOnly() }, app);
  const server = createServer(router);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = async () => {
    await router.close();
    await new Promise((resolve) => server.close(resolve));
  };
});
afterAll(() => stop());

describe('createNodeRouter ahead of an Express app', () => {
  it('serves /mcp through the light form, unparsed (a malformed body is our -32700)', async () => {
    await expectMcp(`${base}/mcp?x=1`);
    const answer = await post(`${base}/mcp`, initializeBody());
    expect(answer.headers.get('x-powered-by')).toBeNull();
    const malformed = await post(`${base}/mcp`, '{"jsonrpc":');
    expect(((await malformed.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it('hands every other path to the app, with its parsers and its 404', async () => {
    const echoed = await post(`${base}/echo`, { a: 1 });
    expect(echoed.headers.get('x-powered-by')).toBe('Express');
    expect(await echoed.json()).toEqual({ parsed: { a: 1 } });
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Cannot GET /nope');
  });
});

describe('createNodeRouter ahead of other frameworks', () => {
  it('Fastify: its serverFactory handler is the app', async () => {
    const routers: Array<{ close(): Promise<void> }> = [];
    const app = Fastify({
      serverFactory: (handler) => {
        const router = createNodeRouter({ '/mcp': fastOnly() }, handler);
        routers.push(router);
        return createServer(router);
      },
    });
    app.get('/hello', async () => 'fastify');
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      await expectMcp(`${url}/mcp`);
      expect(await (await fetch(`${url}/hello`)).text()).toBe('fastify');
    } finally {
      await app.close();
      await Promise.all(routers.map((router) => router.close()));
    }
  });

  it('Hono: getRequestListener(app.fetch) is the app', async () => {
    const app = new Hono();
    app.get('/hello', (c) => c.text('hono'));
    const router = createNodeRouter({ '/mcp': fastOnly() }, getRequestListener(app.fetch));
    const server = createServer(router);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expectMcp(`${url}/mcp`);
      expect(await (await fetch(`${url}/hello`)).text()).toBe('hono');
    } finally {
      await router.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
