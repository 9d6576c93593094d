/**
 * The Node listener behind Express and Fastify body parsers (real Express 5 and Fastify 5): a body the
 * parser left in `req.body` (object, string, Buffer) or handed over as the third argument is used; a
 * stream used up with nothing left gets a plain 500 saying so; the Fastify plugin keeps JSON-RPC parse
 * errors ours while the app's other routes keep Fastify's parser.
 */
import type { AddressInfo } from 'node:net';
import { createStreamableHttpHandler, toFastifyPlugin, toNodeListener } from '@mcpwire/transports/http';
import express, { type RequestHandler } from 'express';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { attachEchoEngine } from '../../packages/transports/test/http-helpers/echo-engine.js';
import { initializeBody, post } from '../../packages/transports/test/http-helpers/http-util.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function mcpHandler() {
  const handler = createStreamableHttpHandler({ connect: (t) => void attachEchoEngine(t) });
  closers.push(() => handler.close());
  return handler;
}

async function serveExpress(...before: RequestHandler[]): Promise<string> {
  const app = express();
  for (const middleware of before) app.use(middleware);
  app.all('/mcp', toNodeListener(mcpHandler()));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

async function expectInitialized(url: string): Promise<void> {
  const answer = await post(url, initializeBody());
  expect(answer.status, await answer.clone().text()).toBe(200);
  expect(answer.headers.get('mcp-session-id')).toBeTruthy();
  const body = (await answer.json()) as { result: { protocolVersion: string } };
  expect(body.result.protocolVersion).toBe('2025-06-18');
}

describe('toNodeListener behind Express body parsers', () => {
  it('uses req.body from express.json(), and a GET still works (next is not a body)', async () => {
    const url = await serveExpress(express.json());
    await expectInitialized(url);
    const get = await fetch(url, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(400);
    expect(await get.text()).toContain('expected an Mcp-Session-Id header');
  });

  it('checks a parsed body as it would its own parse: a wrong shape is -32600', async () => {
    const url = await serveExpress(express.json());
    const answer = await post(url, { hello: 1 });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: number } }).error.code).toBe(-32600);
  });

  it('uses the string of express.text() and the Buffer of express.raw()', async () => {
    await expectInitialized(await serveExpress(express.text({ type: '*/*' })));
    await expectInitialized(await serveExpress(express.raw({ type: '*/*' })));
  });

  it('reads the stream itself when no parser matched the content type', async () => {
    await expectInitialized(await serveExpress(express.urlencoded({ extended: false })));
  });

  it('works mounted Connect-style (app.use strips the path), seeing the URL the client asked for', async () => {
    const app = express();
    app.use(express.json());
    const records: Array<ReturnType<typeof attachEchoEngine>> = [];
    const handler = createStreamableHttpHandler({ connect: (t) => void records.push(attachEchoEngine(t)) });
    closers.push(() => handler.close());
    app.use('/mcp', toNodeListener(handler));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const port = (server.address() as AddressInfo).port;
    await expectInitialized(`http://127.0.0.1:${port}/mcp?x=1`);
    expect(records[0]!.contexts[0]!.requestInfo?.url).toBe(`http://127.0.0.1:${port}/mcp?x=1`);
  });

  it('says plainly when a parser consumed the body and kept nothing', async () => {
    const swallow: RequestHandler = (req, _res, next) => {
      req.resume();
      req.once('end', () => next());
    };
    const url = await serveExpress(swallow);
    const answer = await post(url, initializeBody());
    expect(answer.status).toBe(500);
    const body = (await answer.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(-32603);
    expect(body.error.message).toContain(
      'the body was consumed by a body parser mounted before the MCP route',
    );
  });
});

describe('Fastify', () => {
  it('takes request.body as the third argument behind Fastify’s JSON parser', async () => {
    const app = Fastify();
    const listener = toNodeListener(mcpHandler());
    app.all('/mcp', (request, reply) => {
      reply.hijack();
      listener(request.raw, reply.raw, request.body);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    await expectInitialized(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/mcp`);
  });

  it('the plugin leaves bodies to the handler on its route only, after the app’s onRequest hooks', async () => {
    const app = Fastify();
    // An app-wide hook (auth, say) still runs for /mcp, and may refuse it.
    app.addHook('onRequest', async (request, reply) => {
      if (request.headers['x-deny'] !== undefined) await reply.code(401).send({ denied: true });
    });
    await app.register(toFastifyPlugin(mcpHandler()));
    app.post('/other', async (request) => ({ parsed: request.body }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await expectInitialized(`${base}/mcp`);
    const malformed = await post(`${base}/mcp`, '{"jsonrpc":');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: number } }).error.code).toBe(-32700);
    const other = await post(`${base}/other`, { a: 1 });
    expect(await other.json()).toEqual({ parsed: { a: 1 } });
    const denied = await post(`${base}/mcp`, initializeBody(), { 'x-deny': '1' });
    expect([denied.status, await denied.json()]).toEqual([401, { denied: true }]);
  });
});
