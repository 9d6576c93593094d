/**
 * createRouter: several handlers on one listener. On Node the router is served through its light form, and
 * so are the routes that have one (the Streamable HTTP handler): proven with routes whose web form
 * throws. Plain fetch routes get a real Request with the body; the web form routes with no light form.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRouter,
  createStreamableHttpHandler,
  type FastHandler,
  LIGHT_HANDLER,
  type Listening,
  listen,
} from '../src/http/index.js';
import { lightHandlerOf, textOutput } from '../src/http/server/http-io.js';
import { attachEchoEngine } from './http-helpers/echo-engine.js';
import { initializeBody, post } from './http-helpers/http-util.js';

const open: Listening[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

/** A route whose web form throws: any answer it gives on Node came through its light form. */
function lightOnly(name: string, closed?: string[]): FastHandler & { close(): Promise<void> } {
  return Object.defineProperties(
    async (): Promise<Response> => {
      throw new Error(`the web form of ${name} was used`);
    },
    {
      [LIGHT_HANDLER]: {
        value: async (input: { path: string; method: string }) =>
          textOutput(200, `${name} ${input.method} ${input.path}`, { 'content-type': 'text/plain' }),
      },
      close: { value: async () => void closed?.push(name) },
    },
  ) as unknown as FastHandler & { close(): Promise<void> };
}

async function serve(handler: Parameters<typeof listen>[0]['handler']): Promise<string> {
  const listening = await listen({ handler });
  open.push(listening);
  return listening.url;
}

describe('createRouter', () => {
  it('carries a light form and reaches the light form of fast routes on Node', async () => {
    const router = createRouter({ '/a': lightOnly('a'), '/b': lightOnly('b') });
    expect(lightHandlerOf(router)).toBeTypeOf('function');
    const url = await serve(router);
    expect(await (await fetch(`${url}/a?x=1`)).text()).toBe('a GET /a');
    expect(await (await fetch(`${url}/b`, { method: 'DELETE' })).text()).toBe('b DELETE /b');
  });

  it('serves the Streamable HTTP handler on its fast path beside a plain route that reads its body', async () => {
    const mcp = createStreamableHttpHandler({ connect: (t) => void attachEchoEngine(t) });
    // The router is handed only the light form of the MCP handler (its web form throws).
    const fastOnly = Object.defineProperties(
      async (): Promise<Response> => {
        throw new Error('web form used');
      },
      { [LIGHT_HANDLER]: { value: lightHandlerOf(mcp) }, close: { value: () => mcp.close() } },
    ) as unknown as FastHandler;
    const echo = async (request: Request): Promise<Response> =>
      new Response(`${request.method} ${new URL(request.url).pathname} ${await request.text()}`);
    const url = await serve(createRouter({ '/mcp': fastOnly, '/echo': echo }));
    const initialized = await post(`${url}/mcp`, initializeBody());
    expect(initialized.status).toBe(200);
    expect(initialized.headers.get('mcp-session-id')).toBeTruthy();
    const echoed = await fetch(`${url}/echo?q=1`, { method: 'POST', body: 'hello body' });
    expect(await echoed.text()).toBe('POST /echo hello body');
  });

  it('matches exact paths before prefixes and longer prefixes first; 404 names the routes', async () => {
    const router = createRouter({
      '/files/*': lightOnly('files'),
      '/files/deep/*': lightOnly('deep'),
      '/files/exact': lightOnly('exact'),
    });
    const url = await serve(router);
    expect(await (await fetch(`${url}/files/x`)).text()).toBe('files GET /files/x');
    expect(await (await fetch(`${url}/files/deep/y`)).text()).toBe('deep GET /files/deep/y');
    expect(await (await fetch(`${url}/files/exact`)).text()).toBe('exact GET /files/exact');
    const missing = await fetch(`${url}/files`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe(
      'Not Found: expected one of /files/*, /files/deep/*, /files/exact, received "/files"',
    );
  });

  it('routes web requests to each route’s own fetch form, with a custom notFound', async () => {
    const router = createRouter(
      { '/hello': (request) => new Response(`hi ${new URL(request.url).search}`) },
      { notFound: () => new Response('nothing here', { status: 404 }) },
    );
    expect(await (await router(new Request('http://x/hello?a=b'))).text()).toBe('hi ?a=b');
    const missing = await router(new Request('http://x/other#frag'));
    expect([missing.status, await missing.text()]).toEqual([404, 'nothing here']);
  });

  it('closes each distinct route handler once', async () => {
    const closed: string[] = [];
    const sse = lightOnly('sse', closed);
    const router = createRouter({ '/mcp': lightOnly('mcp', closed), '/sse': sse, '/messages': sse });
    await router.close();
    expect(closed.sort()).toEqual(['mcp', 'sse']);
  });

  it('refuses a route path that does not start with "/"', () => {
    expect(() => createRouter({ mcp: lightOnly('x') })).toThrow(
      'createRouter: expected route paths to start with "/", received "mcp"',
    );
  });
});
