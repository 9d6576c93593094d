/**
 * The Next.js recipe (examples/frameworks/src/nextjs/app/mcp/route.ts): Next's App Router calls the
 * export named after the request's method with the Request and sends back the Response it returns. Next
 * itself is not a dependency here, so the module is served the way Next serves a route module: method →
 * export, on a Node server, through every scenario check.
 */
import { listen } from '@mcpwire/transports/http';
import * as route from '../../examples/frameworks/src/nextjs/app/mcp/route.js';
import { describeServer } from './scenario.js';

type RouteHandler = (request: Request) => Response | Promise<Response>;

describeServer('Next.js route handler (app/mcp/route.ts)', async () => {
  const exports = route as unknown as Record<string, RouteHandler | undefined>;
  const listening = await listen({
    handler: async (request) => {
      const handler = exports[request.method];
      // Next answers 405 for a method the route module does not export.
      if (handler === undefined) return new Response(null, { status: 405 });
      return handler(request);
    },
  });
  return { url: `${listening.url}/mcp`, stop: () => listening.close() };
});
