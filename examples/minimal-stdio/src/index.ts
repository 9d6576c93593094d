// The smallest useful MCP server: one tool, over stdio. Copy it and add your own tools.
import { McpServer } from '@mcpwire/server';
import { StdioServerTransport } from '@mcpwire/transports/stdio';
import { z } from 'zod';

const server = new McpServer({ name: 'minimal-server', version: '1.0.0' });

server.tool(
  'add',
  { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } },
  ({ a, b }) => `${a + b}`,
);

// stdout carries MCP messages only: log to stderr. The process exits when the client closes stdin.
await server.connect(new StdioServerTransport());
console.error('minimal-server ready on stdio');
