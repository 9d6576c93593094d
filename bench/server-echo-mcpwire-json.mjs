// The one-tool mcpwire stdio server of server-echo-mcpwire.mjs, with its tool's arguments declared as a plain
// JSON Schema instead of zod: a server that does not load zod itself (used by bench/cold-start.mjs).
import { McpServer } from '../packages/server/dist/index.js';
import { StdioServerTransport } from '../packages/transports/dist/stdio/index.js';

const server = new McpServer({ name: 'bench-echo', version: '1.0.0' });
server.tool(
  'echo',
  {
    description: 'Echoes the text',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
  ({ text }) => String(text),
);
await server.connect(new StdioServerTransport());
