/**
 * The part of a Hono Context the helpers read. Structural on purpose: Hono stays a peer of the user's
 * app, never a dependency of ours, and any Hono 4 `Context` fits.
 */
export interface HonoContextLike {
  req: { raw: Request };
  /** Bindings: on @hono/node-server, `{ incoming, outgoing }` (the Node request and response). */
  env?: unknown;
}

/** A Hono route handler: `app.all('/mcp', toHonoHandler(handler))`. */
export type HonoHandler = (c: HonoContextLike) => Response | Promise<Response>;
