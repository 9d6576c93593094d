// Node: `listen()` serves the handler on node:http (127.0.0.1 unless told otherwise).
import { createStreamableHttpHandler, listen } from '@mcpwire/transports/http';
import { createNotesServer } from './server.js';

const server = createNotesServer();
const handler = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
const listening = await listen({ handler, port: Number(process.env.PORT ?? 3000) });
console.log(`MCP server on ${listening.url}/mcp`);
