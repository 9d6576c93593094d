// For bun.test.ts, run by Bun itself: the Bun recipe (its server on PORT), and beside it in the same
// process the notes server on a second Bun.serve with a short idle timeout (2 s; Bun's default is 10 s).
// There /mcp hands the handler Bun's Server as Bun does; /wrapped hides it, as `(request) => mcp(request)`
// would.
import { createStreamableHttpHandler } from '@mcpwire/transports/http';
import '../../examples/frameworks/src/bun.ts';
import { createNotesServer } from '../../examples/frameworks/src/server.ts';

const server = createNotesServer();
const mcp = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
const served = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  idleTimeout: 2,
  fetch: (request, bun) => (new URL(request.url).pathname === '/wrapped' ? mcp(request) : mcp(request, bun)),
});
console.log(`Idle-timeout server on http://127.0.0.1:${served.port}/mcp`);
