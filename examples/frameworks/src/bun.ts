// Bun: the handler is a fetch function. Bun passes its Server as the second argument, which the handler
// uses to exempt its SSE streams from Bun's idle timeout (10 s; keep-alive writes do not reset it).
import { createRouter, createStreamableHttpHandler } from '@mcpwire/transports/http';
import { createNotesServer } from './server.js';

const server = createNotesServer();
const mcp = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
const app = createRouter({ '/mcp': mcp });
const served = Bun.serve({ hostname: '127.0.0.1', port: Number(Bun.env.PORT ?? 3000), fetch: app });
console.log(`MCP server on http://127.0.0.1:${served.port}/mcp`);
