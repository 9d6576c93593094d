/**
 * What a Worker runs at module scope (workerd refuses random values and timers there): a server, a
 * Streamable HTTP handler and a legacy SSE handler, with and without a shared store, and a router over
 * them. Building them draws nothing random and starts no timer; the first request does what it needs.
 */
import { McpServer } from '@mcpwire/server';
import { createMemoryStore, createRouter, createStreamableHttpHandler } from '@mcpwire/transports/http';
import { createSseHandler } from '@mcpwire/transports/sse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initializeBody } from '../../packages/transports/test/http-helpers/http-util.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `build` with every source of randomness and every timer refusing, as workerd's global scope does. */
function atModuleScope<T>(build: () => T): T {
  const refuse = (what: string) => () => {
    throw new Error(`${what} called at module scope`);
  };
  const spies = [
    vi.spyOn(crypto, 'randomUUID').mockImplementation(refuse('crypto.randomUUID')),
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(refuse('crypto.getRandomValues')),
    vi.spyOn(Math, 'random').mockImplementation(refuse('Math.random')),
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(refuse('setTimeout') as never),
    vi.spyOn(globalThis, 'setInterval').mockImplementation(refuse('setInterval') as never),
  ];
  try {
    return build();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('building at module scope', () => {
  it.each([
    ['without a store', false],
    ['with a shared store', true],
  ])('draws nothing random and starts no timer (%s), and then serves', async (_name, withStore) => {
    const { app, close } = atModuleScope(() => {
      const server = new McpServer({ name: 'scope', version: '1.0.0' });
      server.tool('echo', { description: 'Echoes' }, () => 'ok');
      const store = withStore ? createMemoryStore() : undefined;
      const options = store === undefined ? {} : { store };
      const mcp = createStreamableHttpHandler({ connect: (t) => server.connect(t), ...options });
      const sse = createSseHandler({ connect: (t) => server.connect(t), ...options });
      const app = createRouter({ '/mcp': mcp, '/sse': sse, '/messages': sse });
      return { app, close: () => Promise.all([app.close(), store?.close?.()]) };
    });
    try {
      const answer = await app(
        new Request('http://127.0.0.1/mcp', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: JSON.stringify(initializeBody()),
        }),
      );
      expect(answer.status).toBe(200);
      expect(answer.headers.get('mcp-session-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await close();
    }
  });
});
