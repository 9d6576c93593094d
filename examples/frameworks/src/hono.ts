// Hono: on Node (@hono/node-server) toHonoHandler serves through the fast path; on Bun, Deno and
// Workers the same line takes the web path.
import { serve } from '@hono/node-server';
import { createStreamableHttpHandler, toHonoHandler } from '@mcpwire/transports/http';
import { Hono } from 'hono';
import { createNotesServer } from './server.js';

const server = createNotesServer();
const handler = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
const app = new Hono();
app.all('/mcp', toHonoHandler(handler));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 3000) }, ({ port }) =>
  console.log(`MCP server on http://127.0.0.1:${port}/mcp`),
);
