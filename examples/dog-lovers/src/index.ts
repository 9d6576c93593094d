// "MCP for Dog Lovers" over stdio: `node dist/index.js`. The same server runs over HTTP with
// `node dist/http.js` (see http.ts).
import { StdioServerTransport } from '@mcpwire/transports/stdio';
import { baseUrl, createDogServer } from './server.js';

await createDogServer().connect(new StdioServerTransport());
console.error(`mcp-for-dog-lovers ready on stdio (dog API: ${baseUrl})`);
