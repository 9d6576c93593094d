// A client: results are named protocol types.

import { Client } from '@mcpwire/client';
import type { CallToolResult, Tool } from '@mcpwire/core';
import { StdioClientTransport } from '@mcpwire/transports/stdio';

const client = new Client({ name: 'host', version: '1.0.0' });
await client.connect(new StdioClientTransport({ command: 'node', args: ['server.js'] }));
const tools: Tool[] = [];
for await (const tool of client.tools()) tools.push(tool);
const result: CallToolResult = await client.callTool('forecast', { city: 'Oslo' }, { timeoutMs: 10_000 });
if (result.resultType === undefined) console.log('a legacy server: no resultType');
await client.close();
