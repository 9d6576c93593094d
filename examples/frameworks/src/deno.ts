// Deno: `deno run --allow-net --allow-env --allow-read deno.ts`. The import resolves to the web build.
import { createRouter, createStreamableHttpHandler } from '@mcpwire/transports/http';
import { createNotesServer } from './server.ts';

const server = createNotesServer();
const mcp = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
const app = createRouter({ '/mcp': mcp });
Deno.serve(
  {
    hostname: '127.0.0.1',
    port: Number(Deno.env.get('PORT') ?? 3000),
    onListen: ({ port }) => console.log(`MCP server on http://127.0.0.1:${port}/mcp`),
  },
  app,
);
