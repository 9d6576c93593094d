// Bun: the handler is a fetch function. GET streams open at once and send a comment every 5 s, under
// Bun's 10 s idle timeout.
import { createRouter, createStreamableHttpHandler } from '@mcpwire/transports/http';
import { createNotesServer } from './server.js';

const server = createNotesServer();
const mcp = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
const app = createRouter({ '/mcp': mcp });
const served = Bun.serve({ hostname: '127.0.0.1', port: Number(Bun.env.PORT ?? 3000), fetch: app });
console.log(`MCP server on http://127.0.0.1:${served.port}/mcp`);
