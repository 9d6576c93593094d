// A client: results are named protocol types (test/public-api.test.ts reads what `result` and `tool`
// show as in an editor).
import { Client } from '@mcpwire/client';
import { StdioClientTransport } from '@mcpwire/transports/stdio';

const client = new Client({ name: 'host', version: '1.0.0' });
await client.connect(new StdioClientTransport({ command: 'node', args: ['server.js'] }));
for await (const tool of client.tools()) console.log(tool.name, tool.inputSchema.properties);
const result = await client.callTool('forecast', { city: 'Oslo' }, { timeoutMs: 10_000 });
if (result.resultType === undefined) console.log('a legacy server: no resultType');
await client.close();
