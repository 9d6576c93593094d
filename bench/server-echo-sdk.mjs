// The official SDK v1 McpServer with one echo tool, over stdio (used by bench/server-stdio.mjs).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { importZod } from './import-zod.mjs';

// The SDK's own zod (the workspace root has none).
const { z } = await importZod(import.meta.resolve('@modelcontextprotocol/sdk/server/mcp.js'));
const server = new McpServer({ name: 'bench-echo-sdk', version: '1.0.0' });
server.registerTool(
  'echo',
  { description: 'Echoes the text', inputSchema: { text: z.string() } },
  ({ text }) => ({
    content: [{ type: 'text', text }],
  }),
);
await server.connect(new StdioServerTransport());
