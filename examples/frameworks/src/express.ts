// Express 5: the listener reads `req.body` when a parser ran first, so a global express.json() is fine.
import { createStreamableHttpHandler, toNodeListener } from '@mcpwire/transports/http';
import express from 'express';
import { createNotesServer } from './server.js';

const server = createNotesServer();
const handler = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
const app = express();
app.use(express.json());
app.all('/mcp', toNodeListener(handler));
const listener = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = listener.address() as { port: number };
  console.log(`MCP server on http://127.0.0.1:${port}/mcp`);
});
