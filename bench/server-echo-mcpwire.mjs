// A tiny mcpwire McpServer with one echo tool, over stdio (used by bench/server-stdio.mjs; needs a build).
import { createRequire } from 'node:module';
import { McpServer } from '../packages/server/dist/index.js';
import { StdioServerTransport } from '../packages/transports/dist/stdio/index.js';

const { z } = await import(
  createRequire(new URL('../packages/server/package.json', import.meta.url)).resolve('zod')
);
const server = new McpServer({ name: 'bench-echo', version: '1.0.0' });
server.tool(
  'echo',
  { description: 'Echoes the text', inputSchema: { text: z.string() } },
  ({ text }) => text,
);
await server.connect(new StdioServerTransport());
