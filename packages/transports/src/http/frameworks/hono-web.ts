/**
 * `toHonoHandler` for runtimes without Node's http module (Workers, Deno, browsers, and the web build in
 * general): Hono hands us a web-standard Request, so the web path is the only path. The Node build has
 * its own (./hono-node.ts) that reaches the fast path on @hono/node-server.
 */
import type { FastHandler, FetchHandler } from '../server/http-io.js';
import type { HonoHandler } from './hono-types.js';

export function toHonoHandler(handler: FetchHandler | FastHandler): HonoHandler {
  // c.env is what the runtime passed (Bun's Server, Workers' env): the handler may need it (platform.ts).
  return async (c) => handler(c.req.raw, c.env);
}
