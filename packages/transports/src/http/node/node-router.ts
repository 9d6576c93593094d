/**
 * `createNodeRouter`: MCP beside a Node web framework on one server, without the framework's per-request
 * work. Requests whose path is one of `routes` go straight to those handlers (through their light form,
 * as under `listen()`); every other request goes to `app`, the framework's own Node listener: an Express
 * or Connect app, the handler a Fastify `serverFactory` receives, or @hono/node-server's
 * `getRequestListener(app.fetch)`. The framework's middleware does not run for those routes; to have it
 * run, mount `toNodeListener` / `toFastifyPlugin` / `toHonoHandler` inside the framework instead.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LightHandler, lightFormOf } from '../server/http-io.js';
import { closeAll, type Routes, RouteTable } from '../server/router.js';
import { type NodeListener, type NodeListenerOptions, serveNode } from './adapter.js';

/** A Node listener for the routes and the app behind them; `close()` closes the route handlers. */
export interface NodeRouter {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Closes every route handler. */
  close(): Promise<void>;
}

/**
 * A Node listener that serves the routes (through their fast path) and hands every other request to `app` (an
 * Express or Connect app, any Node listener).
 */
export function createNodeRouter(
  routes: Routes,
  app: NodeListener | ((req: IncomingMessage, res: ServerResponse) => void),
  options: NodeListenerOptions = {},
): NodeRouter {
  const table = new RouteTable<LightHandler>(routes, lightFormOf, 'createNodeRouter');
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const target = req.url ?? '/';
    const query = target.indexOf('?');
    const light = table.match(query === -1 ? target : target.slice(0, query));
    if (light === undefined) {
      app(req, res);
      return;
    }
    void serveNode(light, req, res, options, undefined);
  };
  return Object.assign(listener, { close: () => closeAll(Object.values(routes)) });
}
