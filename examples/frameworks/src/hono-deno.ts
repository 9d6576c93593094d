// Hono on Deno: `deno run --allow-net --allow-env --allow-read hono-deno.ts`. The import resolves to the
// web build, whose toHonoHandler serves c.req.raw.
import { createStreamableHttpHandler, toHonoHandler } from '@mcpwire/transports/http';
import { Hono } from 'hono';
import { createNotesServer } from './server.ts';

const server = createNotesServer();
const handler = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
const app = new Hono();
app.all('/mcp', toHonoHandler(handler));
Deno.serve(
  {
    hostname: '127.0.0.1',
    port: Number(Deno.env.get('PORT') ?? 3000),
    onListen: ({ port }) => console.log(`MCP server on http://127.0.0.1:${port}/mcp`),
  },
  app.fetch,
);
