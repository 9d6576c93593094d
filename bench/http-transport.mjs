// Streamable HTTP transport throughput: tools/call echo answered at the Transport level behind our
// web-standard handler (Node adapter), in JSON and SSE response modes, against a raw node:http JSON echo
// (the ceiling) and the official SDK v1 Streamable HTTP server transport (low-level Server, same tool).
// One undici Pool per target; 1 and 32 requests in flight. Also memory per idle session and sessions/s.
// Run after `npx pnpm@12.4.2 run build`: node --expose-gc bench/http-transport.mjs   (about 40 seconds)
import { createServer } from 'node:http';
import { Server as SdkServer } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { createStreamableHttpHandler, listen } from '../packages/transports/dist/http/index.js';
import { Pool } from '../packages/transports/node_modules/undici/index.js';

const CASE_MS = Number(process.env.BENCH_MS ?? 2000);
const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
});
const callBody = (id) =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"}}}`;

/** The smallest engine: answers initialize and tools/call straight from the transport. */
function echoEngine(transport) {
  transport.onmessage = (message) => {
    if (!('id' in message) || !('method' in message)) return;
    const result =
      message.method === 'initialize'
        ? {
            protocolVersion: '2025-06-18',
            capabilities: { tools: {} },
            serverInfo: { name: 'bench', version: '1' },
          }
        : { content: [{ type: 'text', text: message.params?.arguments?.text ?? '' }] };
    void transport.send({ jsonrpc: '2.0', id: message.id, result }, { relatedRequestId: message.id });
  };
  return transport.start();
}

async function ours(responseMode) {
  const handler = createStreamableHttpHandler({ connect: echoEngine, responseMode, keepAliveMs: 0 });
  const server = await listen({ handler });
  return { url: `${server.url}/mcp`, close: () => server.close(), handler };
}

async function raw() {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const message = JSON.parse(Buffer.concat(chunks).toString());
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: message.id,
        result: { content: [{ type: 'text', text: message.params?.arguments?.text ?? '' }] },
      });
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'raw' });
      res.end(body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/mcp`,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function sdk(json) {
  const transports = new Map();
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    let transport = transports.get(req.headers['mcp-session-id']);
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => crypto.randomUUID(),
        enableJsonResponse: json,
        onsessioninitialized: (id) => transports.set(id, transport),
      });
      const mcp = new SdkServer({ name: 'sdk', version: '1' }, { capabilities: { tools: {} } });
      mcp.setRequestHandler(CallToolRequestSchema, async (r) => ({
        content: [{ type: 'text', text: String(r.params.arguments?.text ?? '') }],
      }));
      await mcp.connect(transport);
    }
    await transport.handleRequest(req, res, body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/mcp`,
    close: async () => {
      for (const t of transports.values()) await t.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

async function measure(target, inFlight) {
  const url = new URL(target.url);
  const pool = new Pool(url.origin, { connections: inFlight, pipelining: 1 });
  const init = await pool.request({ path: url.pathname, method: 'POST', headers: HEADERS, body: INIT });
  const session = init.headers['mcp-session-id'];
  await init.body.text();
  const headers = {
    ...HEADERS,
    'mcp-protocol-version': '2025-06-18',
    ...(session ? { 'mcp-session-id': session } : {}),
  };
  if (session) {
    const note = await pool.request({
      path: url.pathname,
      method: 'POST',
      headers,
      body: '{"jsonrpc":"2.0","method":"notifications/initialized"}',
    });
    await note.body.text();
  }
  let id = 1;
  let done = 0;
  const end = Date.now() + CASE_MS;
  const worker = async () => {
    while (Date.now() < end) {
      const res = await pool.request({ path: url.pathname, method: 'POST', headers, body: callBody(id++) });
      const text = await res.body.text();
      if (res.statusCode !== 200 || !text.includes('hello'))
        throw new Error(`bad answer ${res.statusCode} ${text}`);
      done++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const rate = done / ((Date.now() - started) / 1000);
  await pool.close();
  return rate;
}

async function sessionCost() {
  const gc = globalThis.gc;
  const target = await ours('auto');
  const url = new URL(target.url);
  const pool = new Pool(url.origin, { connections: 16 });
  const open = async (n) => {
    let left = n;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (left-- > 0) {
          const res = await pool.request({
            path: url.pathname,
            method: 'POST',
            headers: HEADERS,
            body: INIT,
          });
          await res.body.text();
        }
      }),
    );
  };
  await open(200);
  gc?.();
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const started = Date.now();
  const count = 2000;
  await open(count);
  const perSecond = count / ((Date.now() - started) / 1000);
  gc?.();
  gc?.();
  const perSession = (process.memoryUsage().heapUsed - before) / count;
  await pool.close();
  await target.close();
  return { perSecond, perSession, measured: gc !== undefined };
}

const fmt = (n) => n.toFixed(0).padStart(7);
const rows = [];
for (const inFlight of [1, 32]) {
  const results = {};
  for (const [name, make] of [
    ['raw node:http JSON echo', raw],
    ['ours, JSON responses', () => ours('json')],
    ['ours, SSE responses', () => ours('sse')],
    ['SDK v1, JSON responses', () => sdk(true)],
    ['SDK v1, SSE responses', () => sdk(false)],
  ]) {
    const target = await make();
    try {
      results[name] = await measure(target, inFlight);
    } finally {
      await target.close();
    }
  }
  const ceiling = results['raw node:http JSON echo'];
  for (const [name, rate] of Object.entries(results)) {
    rows.push(
      `${String(inFlight).padStart(2)} in flight  ${name.padEnd(26)} ${fmt(rate)} req/s   ${(rate / ceiling).toFixed(2)} of ceiling`,
    );
  }
}
console.log(rows.join('\n'));
const cost = await sessionCost();
console.log(
  `sessions: ${cost.perSecond.toFixed(0)} opened/s; ${
    cost.measured
      ? `${(cost.perSession / 1024).toFixed(1)} KB heap per idle session (echo engine)`
      : 'run with --expose-gc for memory'
  }`,
);
