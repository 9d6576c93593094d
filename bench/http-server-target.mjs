// One benchmark target in its own process (so the driver's client does not share its CPU):
//   node --expose-gc bench/http-server-target.mjs <ours-json|ours-sse|ours-json-off|ours-json-otel|sdk-json|sdk-sse|raw>
// ours-json-off: telemetry: false; ours-json-otel: the OpenTelemetry SDK registered (bench/otel-sdk.mjs),
// every call traced and measured; ours-json itself finds @opentelemetry/api with nothing registered.
// Full stack: a McpServer with an echo tool (ours: @mcpwire/server behind our Streamable HTTP handler and
// the Node adapter that listen() uses; SDK v1: McpServer + StreamableHTTPServerTransport on node:http, one
// per session as the SDK documents), both stateful; raw: a node:http JSON echo, the ceiling. Prints `ready <url>` on stdout.
// GET /__heap runs the GC and answers the heap in use (bytes), for memory per idle session; GET /__cpu
// answers the process's CPU time (µs), for server CPU per call.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { McpServer as SdkMcpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { McpServer } from '../packages/server/dist/index.js';
import { createStreamableHttpHandler, toNodeListener } from '../packages/transports/dist/http/index.js';

const { z } = await import(
  createRequire(new URL('../packages/server/package.json', import.meta.url)).resolve('zod')
);

/** CPU time this process used so far (user + system), in µs: robust to a busy machine, unlike wall time. */
function cpu() {
  const { user, system } = process.cpuUsage();
  return String(user + system);
}

function heap() {
  globalThis.gc?.();
  globalThis.gc?.();
  return String(process.memoryUsage().heapUsed);
}

async function ours(responseMode, telemetry) {
  if (telemetry === 'sdk') await import('./otel-sdk.mjs');
  const server = new McpServer({
    name: 'bench-echo',
    version: '1.0.0',
    ...(telemetry === 'off' ? { telemetry: false } : {}),
  });
  server.tool(
    'echo',
    { description: 'Echoes the text', inputSchema: { text: z.string() } },
    ({ text }) => text,
  );
  const mcp = createStreamableHttpHandler({
    connect: async (transport) => {
      await server.connect(transport);
    },
    responseMode,
  });
  // The counters are answered before our listener, as for the other targets, so the handler reaches the
  // Node adapter unwrapped (a wrapping fetch function would hide its fast path).
  const listener = toNodeListener(mcp, { loopbackHostsOnly: true });
  const http = createServer((req, res) => {
    if (req.url === '/__heap' || req.url === '/__cpu') {
      res.end(req.url === '/__heap' ? heap() : cpu());
      return;
    }
    listener(req, res);
  });
  http.requestTimeout = 0;
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${http.address().port}/mcp`;
}

async function sdk(enableJsonResponse) {
  const transports = new Map();
  const http = createServer(async (req, res) => {
    if (req.url === '/__heap' || req.url === '/__cpu') {
      res.end(req.url === '/__heap' ? heap() : cpu());
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    let transport = transports.get(req.headers['mcp-session-id']);
    if (transport === undefined) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => crypto.randomUUID(),
        enableJsonResponse,
        onsessioninitialized: (id) => transports.set(id, created),
      });
      const server = new SdkMcpServer({ name: 'bench-echo', version: '1.0.0' });
      server.registerTool(
        'echo',
        { description: 'Echoes the text', inputSchema: { text: z.string() } },
        async ({ text }) => ({ content: [{ type: 'text', text }] }),
      );
      await server.connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res, body);
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${http.address().port}/mcp`;
}

async function raw() {
  let sessions = 0;
  const http = createServer((req, res) => {
    if (req.url === '/__heap' || req.url === '/__cpu') {
      res.end(req.url === '/__heap' ? heap() : cpu());
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const message = JSON.parse(Buffer.concat(chunks).toString());
      if (!('id' in message)) {
        res.writeHead(202).end();
        return;
      }
      const result =
        message.method === 'initialize'
          ? {
              protocolVersion: '2025-06-18',
              capabilities: { tools: {} },
              serverInfo: { name: 'raw', version: '1' },
            }
          : { content: [{ type: 'text', text: message.params?.arguments?.text ?? '' }] };
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': `raw-${++sessions}` });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
    });
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${http.address().port}/mcp`;
}

const kind = process.argv[2];
const start = {
  'ours-json': () => ours('json'),
  'ours-sse': () => ours('sse'),
  'ours-json-off': () => ours('json', 'off'),
  'ours-json-otel': () => ours('json', 'sdk'),
  'sdk-json': () => sdk(true),
  'sdk-sse': () => sdk(false),
  raw,
}[kind];
if (start === undefined) {
  console.error(
    `expected one of ours-json, ours-sse, ours-json-off, ours-json-otel, sdk-json, sdk-sse, raw; received ${kind}`,
  );
  process.exit(2);
}
console.log(`ready ${await start()}`);
process.on('SIGTERM', () => process.exit(0));
