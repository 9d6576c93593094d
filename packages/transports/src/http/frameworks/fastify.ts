/**
 * `toFastifyPlugin`: the handler as a Fastify plugin, `app.register(toFastifyPlugin(handler))`. The plugin
 * is encapsulated (not wrapped with fastify-plugin), so what it sets up applies to its own route only:
 * every content type reaches the handler unparsed, as the raw request stream, which the handler reads
 * exactly as under `listen()` (its body limit, its JSON-RPC parse errors). The rest of the app keeps
 * Fastify's parsers. Without the plugin, a route can call `toNodeListener(handler)` itself:
 * `reply.hijack(); listener(request.raw, reply.raw, request.body)`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { failNode, type NodeListenerOptions, serveNode } from '../node/adapter.js';
import { type FastHandler, type FetchHandler, lightFormOf } from '../server/http-io.js';

export interface ToFastifyPluginOptions extends NodeListenerOptions {
  /** Route path. Default `/mcp`. */
  path?: string;
}

/** What the plugin uses of a Fastify 5 instance (structural: Fastify stays a peer, never a dependency). */
export interface FastifyInstanceLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(
    contentType: string,
    parser: (
      request: unknown,
      payload: IncomingMessage,
      done: (error: Error | null, body?: unknown) => void,
    ) => void,
  ): void;
  all(
    path: string,
    handler: (
      request: { raw: IncomingMessage; body?: unknown },
      reply: { raw: ServerResponse; hijack(): void },
    ) => Promise<void>,
  ): unknown;
}

export function toFastifyPlugin(
  handler: FetchHandler | FastHandler,
  options: ToFastifyPluginOptions = {},
): (fastify: FastifyInstanceLike) => Promise<void> {
  const light = lightFormOf(handler);
  const path = options.path ?? '/mcp';
  return async (fastify) => {
    fastify.removeAllContentTypeParsers();
    // Leave the stream unread: the handler reads it (done() with no body keeps request.body undefined).
    fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
    fastify.all(path, (request, reply) => {
      // Fastify must not answer too: the response is ours from here on.
      reply.hijack();
      return serveNode(light, request.raw, reply.raw, options, request.body ?? undefined).catch(
        (error: unknown) => failNode(reply.raw, error),
      );
    });
  };
}
