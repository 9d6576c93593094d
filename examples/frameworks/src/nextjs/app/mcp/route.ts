// Next.js (App Router): app/mcp/route.ts. Route handlers take a Request and return a Response; the
// handler is one. The module stays loaded between requests in one server process, which keeps sessions.
import { createStreamableHttpHandler } from '@mcpwire/transports/http';
import { createNotesServer } from '../../../server.js';

const server = createNotesServer();
const handler = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });

export { handler as DELETE, handler as GET, handler as POST };
