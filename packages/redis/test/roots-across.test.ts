/**
 * roots/list across processes: two servers, each on its own Redis connections with the same keys (as two
 * processes), behind HAProxy round robin. A tool asks the client for its roots; with two backends and one
 * client sending one request at a time, the answer (legacy: a POSTed response; 2026-07-28: the retried
 * call carrying the answer and requestState) reaches the other server than the one that asked. Each
 * server logs what it received, to show that.
 */
import { Client } from '@mcpwire/client';
import { McpServer } from '@mcpwire/server';
import {
  createStreamableHttpHandler,
  type Listening,
  listen,
  StreamableHttpClientTransport,
  type StreamableHttpHandler,
} from '@mcpwire/transports/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RoundRobin, startRoundRobin } from '../../../test/scale-out/services.mjs';
import { useRedis } from './redis-fixture.js';

const redis = useRedis();
const ROOTS = [{ uri: 'file:///work/project', name: 'project' }];
let listening: Listening[] = [];
let servers: McpServer[] = [];
let balancer: RoundRobin;
/** What each server received: `answer` (a POSTed roots/list result), `call` and `retry` (tools/call). */
const received: Array<{ server: string; what: 'answer' | 'call' | 'retry' }> = [];

/** The handler, noting what it receives (on the web path: this wrapper has no Node fast path). */
function logging(server: string, handler: StreamableHttpHandler) {
  return Object.assign(
    async (request: Request) => {
      if (request.method === 'POST') {
        const message = JSON.parse(await request.clone().text()) as {
          method?: string;
          params?: { requestState?: string };
          result?: { roots?: unknown };
        };
        if (message.result?.roots !== undefined) received.push({ server, what: 'answer' });
        if (message.method === 'tools/call') {
          received.push({ server, what: message.params?.requestState === undefined ? 'call' : 'retry' });
        }
      }
      return handler(request);
    },
    { close: () => handler.close() },
  );
}

beforeAll(async () => {
  servers = ['a', 'b'].map((name) => {
    const server = new McpServer({
      name,
      version: '1.0.0',
      store: redis.open({ prefix: 'roots:' }),
      requestStateSecret: 'roots-test-secret-0123456789abcdef',
    });
    server.tool('roots', { description: 'lists the client roots' }, async (_args, ctx) => {
      const { roots } = await ctx.listRoots();
      return `${name}: ${roots.map((root) => root.uri).join(', ')}`;
    });
    return server;
  });
  listening = await Promise.all(
    servers.map((server, index) => {
      const store = redis.open({ prefix: 'roots:' });
      const handler = createStreamableHttpHandler({
        connect: async (transport) => void (await server.connect(transport)),
        store,
      });
      return listen({ handler: logging(index === 0 ? 'a' : 'b', handler), port: 0 });
    }),
  );
  balancer = await startRoundRobin(listening.map((l) => new URL(l.url).host));
}, 60_000);

afterAll(async () => {
  await balancer?.stop();
  await Promise.all(listening.map((l) => l.close()));
  await Promise.all(servers.map((server) => server.close()));
});

describe('roots/list answered through the other server', () => {
  for (const revision of ['2025-11-25', undefined] as const) {
    it(`serves ${revision ?? '2026-07-28'} clients`, async () => {
      const client = new Client(
        { name: 'roots-client', version: '1.0.0' },
        { roots: ROOTS, ...(revision === undefined ? {} : { revision }) },
      );
      await client.connect(new StreamableHttpClientTransport(`${balancer.url}/mcp`));
      try {
        for (const _ of [1, 2, 3]) {
          received.length = 0;
          const result = await client.callTool('roots');
          const text = (result.content[0] as { text: string }).text;
          expect(text).toMatch(/^[ab]: file:\/\/\/work\/project$/);
          const asked = received.find((r) => r.what === 'call')!.server;
          const answered = received.find((r) => r.what === (revision === undefined ? 'retry' : 'answer'));
          expect(answered?.server).toBeDefined();
          expect(answered!.server).not.toBe(asked);
          // Legacy: the server that asked got the answer from the other. 2026-07-28: the other one ran the
          // retried call, opening the requestState sealed by the first.
          expect(text[0]).toBe(revision === undefined ? answered!.server : asked);
        }
      } finally {
        await client.close();
      }
    });
  }
});
