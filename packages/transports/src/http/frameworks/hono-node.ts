/**
 * `toHonoHandler` for Node: `app.all('/mcp', toHonoHandler(handler))`. Under @hono/node-server the
 * context's bindings carry the Node request and response (`c.env.incoming/outgoing`), so the handler's
 * light form serves them directly, exactly as `listen()` would, and Hono is told the response was already
 * sent. Anywhere else (Bun.serve, `app.request()` in tests) it falls back to the web path with `c.req.raw`.
 *
 * Hono middleware that edits the response after the route (e.g. hono/cors) cannot reach a response written
 * this way: use the handler's own `cors` option.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type NodeListenerOptions, serveNode } from '../node/adapter.js';
import { type FastHandler, type FetchHandler, lightFormOf } from '../server/http-io.js';
import type { HonoHandler } from './hono-types.js';

/** @hono/node-server's marker header: a response that its adapter must not write. */
const ALREADY_SENT_HEADER = 'x-hono-already-sent';

let alreadySent: Response | undefined;

/**
 * One shared marker response (as @hono/node-server's own RESPONSE_ALREADY_SENT), made on first use with
 * the runtime's own Response class: @hono/node-server replaces the global with a light wrapper (whose
 * prototype is the real class) that it would write out as a cached response, heading the reply twice.
 */
function alreadySentResponse(): Response {
  if (alreadySent === undefined) {
    let NativeResponse: typeof Response = globalThis.Response;
    while (Object.getPrototypeOf(NativeResponse) !== Function.prototype) {
      NativeResponse = Object.getPrototypeOf(NativeResponse) as typeof Response;
    }
    alreadySent = new NativeResponse(null, { headers: { [ALREADY_SENT_HEADER]: 'true' } });
  }
  return alreadySent;
}

interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

/**
 * A Hono handler for the MCP handler: on @hono/node-server it serves the Node request through the fast path,
 * elsewhere the web request.
 */
export function toHonoHandler(
  handler: FetchHandler | FastHandler,
  options: NodeListenerOptions = {},
): HonoHandler {
  const light = lightFormOf(handler);
  return (c) => {
    const env = c.env as NodeBindings | undefined;
    const incoming = env?.incoming;
    const outgoing = env?.outgoing;
    if (incoming === undefined || outgoing === undefined || typeof outgoing.writeHead !== 'function') {
      return Promise.resolve(handler(c.req.raw, c.env));
    }
    // serveNode answers its own failures (500) and never rejects, so Hono can be told at once that the
    // response is ours: a Response rather than a promise spares Hono's dispatch and @hono/node-server's
    // writer an await each (the response is written by serveNode meanwhile, as listen() would).
    void serveNode(light, incoming, outgoing, options, undefined);
    return alreadySentResponse();
  };
}
