/**
 * The middleware chain around every request handler (tool calls included): `server.use(async (ctx, next)
 * => ...)`. A middleware may inspect `ctx.method`, `ctx.target` (tool/prompt name, resource URI) and
 * `ctx.authInfo`, refuse by throwing (a ProtocolError goes on the wire as is), time or count the call, or
 * change the result `next()` resolves to. With no middleware the handler runs directly.
 */
import type { JsonObject } from '@mcpwire/core/runtime';
import type { HandlerContext } from './context.js';

/** Runs the rest of the chain and the handler; resolves with the result. */
export type Next = () => Promise<JsonObject>;
/** Runs around every request handler (`server.use`): may inspect `ctx`, call `next()` or answer itself. */
export type Middleware = (ctx: HandlerContext, next: Next) => Promise<JsonObject>;

export function runChain(
  middleware: readonly Middleware[],
  ctx: HandlerContext,
  handler: (ctx: HandlerContext) => Promise<JsonObject>,
): Promise<JsonObject> {
  if (middleware.length === 0) return handler(ctx);
  let last = -1;
  const dispatch = (index: number): Promise<JsonObject> => {
    if (index <= last) {
      return Promise.reject(
        new Error('Middleware called next() more than once: expected one call per request'),
      );
    }
    last = index;
    const layer = middleware[index];
    if (layer === undefined) return handler(ctx);
    try {
      return layer(ctx, () => dispatch(index + 1));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return dispatch(0);
}
