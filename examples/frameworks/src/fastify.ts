// Fastify 5: the plugin serves /mcp and leaves its bodies to the handler; other routes keep Fastify's
// parsers.
import { createStreamableHttpHandler, toFastifyPlugin } from '@mcpwire/transports/http';
import Fastify from 'fastify';
import { createNotesServer } from './server.js';

const server = createNotesServer();
const handler = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
const app = Fastify();
await app.register(toFastifyPlugin(handler, { path: '/mcp' }));
const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
console.log(`MCP server on ${address}/mcp`);
