/**
 * `toFastifyPlugin`: the handler as a Fastify plugin, `app.register(toFastifyPlugin(handler))`. Its route
 * takes over in the route's own `onRequest` hook, before Fastify parses the body: the raw request stream
 * reaches the handler, which reads it exactly as under `listen()` (its body limit, its JSON-RPC parse
 * errors), and Fastify's later steps (content-type parsing, validation, serialisation) are skipped, which
 * brings a call's cost close to `listen()`'s. App-wide `onRequest` hooks (auth, logging) still run first;
 * the rest of the app keeps Fastify's parsers. Without the plugin, a route can call `toNodeListener`
 * itself: `reply.hijack(); listener(request.raw, reply.raw, request.body)`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type NodeListenerOptions, serveNode } from '../node/adapter.js';
import { type FastHandler, type FetchHandler, lightFormOf } from '../server/http-io.js';

/** Options of {@link toFastifyPlugin}. */
export interface ToFastifyPluginOptions extends NodeListenerOptions {
  /** Route path. Default `/mcp`. */
  path?: string;
}

interface FastifyRequestLike {
  raw: IncomingMessage;
}

interface FastifyReplyLike {
  raw: ServerResponse;
  hijack(): void;
}

/** What the plugin uses of a Fastify 5 instance (structural: Fastify stays a peer, never a dependency). */
export interface FastifyInstanceLike {
  route(options: {
    method: string[];
    url: string;
    onRequest: (request: FastifyRequestLike, reply: FastifyReplyLike, done: () => void) => void;
    handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<void>;
  }): unknown;
}

const METHODS = ['GET', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PUT', 'PATCH'];

/** Never reached: the route's onRequest hook takes every request over. */
async function unreachable(): Promise<void> {}

/**
 * A Fastify plugin that serves the handler at `path` (default `/mcp`), reading the raw request before Fastify
 * parses it.
 */
export function toFastifyPlugin(
  handler: FetchHandler | FastHandler,
  options: ToFastifyPluginOptions = {},
): (fastify: FastifyInstanceLike) => Promise<void> {
  const light = lightFormOf(handler);
  const url = options.path ?? '/mcp';
  return async (fastify) => {
    fastify.route({
      method: METHODS,
      url,
      onRequest: (request, reply, done) => {
        // Fastify must not answer too: the response is ours from here on, and with the reply hijacked
        // `done()` ends Fastify's part of the request (nothing further runs for it).
        reply.hijack();
        void serveNode(light, request.raw, reply.raw, options, undefined);
        done();
      },
      handler: unreachable,
    });
  };
}
