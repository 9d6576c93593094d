// The weather MCP App over stdio: `node dist/index.js` (after `npm run build`), or add it to a host that
// renders MCP Apps (Claude, ChatGPT, VS Code, Goose…) as a stdio server.
import { StdioServerTransport } from '@mcpwire/transports/stdio';
import { createWeatherServer } from './server.js';

await createWeatherServer().connect(new StdioServerTransport());
console.error('weather-app ready on stdio');
