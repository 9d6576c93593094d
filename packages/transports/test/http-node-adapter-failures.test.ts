/**
 * The Node adapter answers a handler that fails outside its own guard with a plain 500, whether the
 * failure is a rejected promise (a fetch handler that throws) or a light form throwing at once, and the
 * server keeps serving afterwards.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type FastHandler, toNodeListener } from '../src/http/index.js';
import { LIGHT_HANDLER } from '../src/http/server/http-io.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(listener: ReturnType<typeof toNodeListener>): Promise<string> {
  server = createServer(listener);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const failed = 'Internal error: the request could not be handled';

describe('Node adapter failures', () => {
  it('a fetch handler that throws gets 500, and the next request is served', async () => {
    let calls = 0;
    const url = await serve(
      toNodeListener(async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
        return new Response('fine');
      }),
    );
    const first = await fetch(url, { method: 'POST', body: 'x' });
    expect(first.status).toBe(500);
    expect(first.headers.get('content-type')).toBe('text/plain');
    expect(await first.text()).toBe(failed);
    const second = await fetch(url);
    expect(await second.text()).toBe('fine');
  });

  it('a light form that throws at once gets 500 too', async () => {
    const handler = Object.defineProperty(async () => new Response('web'), LIGHT_HANDLER, {
      value: () => {
        throw new Error('boom');
      },
    }) as unknown as FastHandler;
    const url = await serve(toNodeListener(handler));
    const answer = await fetch(url);
    expect(answer.status).toBe(500);
    expect(await answer.text()).toBe(failed);
  });
});
