// Hono on Bun: the same toHonoHandler line as on Node. There it takes the web path with c.req.raw, and
// passes Bun's Server (Hono's c.env) on to the handler, which exempts its SSE streams from Bun's idle timeout.
import { createStreamableHttpHandler, toHonoHandler } from '@mcpwire/transports/http';
import { Hono } from 'hono';
import { createNotesServer } from './server.js';

const server = createNotesServer();
const handler = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
const app = new Hono();
app.all('/mcp', toHonoHandler(handler));
const served = Bun.serve({ hostname: '127.0.0.1', port: Number(Bun.env.PORT ?? 3000), fetch: app.fetch });
console.log(`MCP server on http://127.0.0.1:${served.port}/mcp`);
