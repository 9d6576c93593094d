// Cloudflare Workers, with wrangler.toml beside this file: no nodejs_compat needed, and the
// enable_request_signal flag so that workerd reports a client that left (a dropped GET stream is then
// released at once). The server and handler live at module scope, so an isolate keeps its sessions
// between requests; isolates share no memory, so across isolates use `stateless: true` (or one Durable
// Object per session), and give every isolate the same `requestStateSecret`.
import { createRouter, createStreamableHttpHandler } from '@mcpwire/transports/http';
import { createNotesServer } from './server.js';

const server = createNotesServer();
const mcp = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
const app = createRouter({ '/mcp': mcp });

export default { fetch: (request: Request) => app(request) };
