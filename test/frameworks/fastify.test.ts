/**
 * Fastify 5 through every scenario check, both ways docs/frameworks.md shows: the recipe
 * (examples/frameworks/src/fastify.ts, toFastifyPlugin) in its own Node process, and the hand-written
 * route behind Fastify's own JSON parser, handing `request.body` to the listener (served in this process).
 */
import type { AddressInfo } from 'node:net';
import { createStreamableHttpHandler, toNodeListener } from '@mcpwire/transports/http';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { createNotesServer } from '../../examples/frameworks/src/server.js';
import { runtimes, startRecipe } from './recipe-process.js';
import { describeServer } from './scenario.js';

describeServer('Fastify 5 (toFastifyPlugin)', () => startRecipe(runtimes.node('src/fastify.ts')));

let parsed = 0;

describeServer(
  'Fastify 5 (its JSON parser on, request.body handed over)',
  async () => {
    const server = createNotesServer();
    const handler = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
    // The test's fetch may leave a connection that never sent a request; Node's close() keeps such a
    // connection until its headers timeout, so close them all (the handler has ended every stream).
    const app = Fastify({ forceCloseConnections: true });
    // The docs' snippet, counting the POSTs whose body Fastify's parser had read before the handler ran.
    const listener = toNodeListener(handler);
    app.all('/mcp', (request, reply) => {
      if (request.body !== undefined && typeof request.body === 'object') parsed++;
      reply.hijack();
      listener(request.raw, reply.raw, request.body);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/mcp`,
      async stop() {
        await handler.close();
        await app.close();
      },
    };
  },
  () => {
    it('was handed bodies that Fastify’s parser had read', () => {
      expect(parsed).toBeGreaterThan(10);
    });
  },
);
