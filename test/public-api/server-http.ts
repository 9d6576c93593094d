// The documented HTTP wiring: one server definition behind Streamable HTTP (both eras) and legacy
// HTTP+SSE, on one Node listener.
import { McpServer } from '@mcpwire/server';
import { createRouter, createStreamableHttpHandler, listen } from '@mcpwire/transports/http';
import { createSseHandler } from '@mcpwire/transports/sse';

const server = new McpServer({ name: 'http', version: '1.0.0' });
server.tool('ping-me', {}, () => 'pong');

const mcp = createStreamableHttpHandler({ connect: (t) => server.connect(t) });
const sse = createSseHandler({ connect: (t) => server.connect(t), messagesPath: '/messages' });
const listening = await listen({
  handler: createRouter({ '/mcp': mcp, '/sse': sse, '/messages': sse }),
  port: 0,
});
await listening.close();
