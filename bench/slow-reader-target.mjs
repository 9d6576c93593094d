// One target of bench/slow-readers.mjs in its own process, so its RSS is its own:
//   node bench/slow-reader-target.mjs <http-fast|http-web|stdio>
// A McpServer with default options and three tools: `flood` sends `count` progress notifications on its
// request's stream (awaiting each, as a well-behaved tool does), `broadcast` sends `count`
// resources/updated notifications to the session's GET stream (fire-and-forget, as notifyResourceUpdated
// is), and `echo`. http-fast serves it through listen() and the Node fast path, http-web through a plain
// fetch-style function (the web-standard Request/Response path); both print `ready <url>` on stdout.
// stdio serves it on stdin/stdout.
import { createRequire } from 'node:module';
import { McpServer } from '../packages/server/dist/index.js';
import { createStreamableHttpHandler, listen } from '../packages/transports/dist/http/index.js';
import { StdioServerTransport } from '../packages/transports/dist/stdio/index.js';

const { z } = await import(
  createRequire(new URL('../packages/server/package.json', import.meta.url)).resolve('zod')
);

const server = new McpServer({ name: 'bench-slow-readers', version: '1.0.0' });
server.tool(
  'flood',
  { description: 'Sends count progress notifications', inputSchema: { count: z.number() } },
  async ({ count }, ctx) => {
    for (let i = 1; i <= count; i++) await ctx.progress(i, count, 'flooding the stream');
    return 'done';
  },
);
server.tool(
  'broadcast',
  { description: 'Sends count resources/updated notifications', inputSchema: { count: z.number() } },
  async ({ count }) => {
    for (let i = 1; i <= count; i++) {
      server.notifyResourceUpdated('mem://watched');
      // Let I/O run now and then, as a server doing real work would.
      if (i % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return 'done';
  },
);
server.tool('echo', { description: 'Echoes', inputSchema: { text: z.string() } }, ({ text }) => text);
server.resource('watched', 'mem://watched', { mimeType: 'text/plain' }, () => ({
  contents: [{ uri: 'mem://watched', text: 'watched' }],
}));

const kind = process.argv[2];
if (kind === 'stdio') {
  await server.connect(new StdioServerTransport());
} else if (kind === 'http-fast' || kind === 'http-web') {
  const mcp = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
  // A wrapping function hides the handler's light form, so listen() takes the web-standard path.
  const handler = kind === 'http-fast' ? mcp : Object.assign((request) => mcp(request), { close: mcp.close });
  const listening = await listen({ handler });
  console.log(`ready ${listening.url}/mcp`);
  process.on('SIGTERM', () => process.exit(0));
} else {
  console.error(`expected one of http-fast, http-web, stdio; received ${kind}`);
  process.exit(2);
}
