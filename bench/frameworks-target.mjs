// One target of bench/frameworks.mjs in its own process (so the driver's client does not share its CPU):
//   node bench/frameworks-target.mjs <raw|listen|router|fixture|express|express-alone|...|fastify|hono>
// Each MCP target serves the same McpServer (an echo tool) as its recipe in docs/frameworks.md does:
// listen() alone; createRouter with /mcp, /sse + /messages and a user route under listen(); Express 5 with
// express.json() mounted first and toNodeListener (also: the MCP route mounted ahead of the parser, and
// createNodeRouter serving /mcp ahead of the Express app; `express-alone` is Express with express.json()
// answering the same JSON with no MCP at all, Express's own ceiling); Fastify 5 with toFastifyPlugin; Hono 4 on
// @hono/node-server with toHonoHandler. `fixture` is the conformance fixture server (serveFixtureHttp, a
// router too) and `raw` a node:http JSON echo with no MCP library, the ceiling. Prints
// `ready <url> <cpu url>`: GET on the second URL (its own small server, so no target needs an extra route)
// answers the CPU time this process used so far, in µs, for server CPU per call.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { serveFixtureHttp } from '../packages/conformance/dist/index.js';
import { McpServer } from '../packages/server/dist/index.js';
import {
  createNodeRouter,
  createRouter,
  createStreamableHttpHandler,
  listen,
  toFastifyPlugin,
  toHonoHandler,
  toNodeListener,
} from '../packages/transports/dist/http/index.js';
import { createSseHandler } from '../packages/transports/dist/sse/index.js';

const { z } = await import(
  createRequire(new URL('../packages/server/package.json', import.meta.url)).resolve('zod')
);

function echoHandler() {
  const server = new McpServer({ name: 'bench-echo', version: '1.0.0' });
  server.tool(
    'echo',
    { description: 'Echoes the text', inputSchema: { text: z.string() } },
    ({ text }) => text,
  );
  return { server, mcp: createStreamableHttpHandler({ connect: (transport) => server.connect(transport) }) };
}

/** What the echo targets without MCP (raw, express-alone) answer: initialize, or the echo tool's result. */
function echoResult(message) {
  return message.method === 'initialize'
    ? {
        protocolVersion: '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: 'raw', version: '1' },
      }
    : { content: [{ type: 'text', text: message.params?.arguments?.text ?? '' }] };
}

const mcpUrl = (port) => `http://127.0.0.1:${port}/mcp`;

const targets = {
  async listen() {
    const { mcp } = echoHandler();
    return `${(await listen({ handler: mcp })).url}/mcp`;
  },
  async router() {
    const { server, mcp } = echoHandler();
    const sse = createSseHandler({ connect: (transport) => server.connect(transport) });
    const app = createRouter({
      '/mcp': mcp,
      '/sse': sse,
      '/messages': sse,
      '/health': () => new Response('ok'),
    });
    return `${(await listen({ handler: app })).url}/mcp`;
  },
  async fixture() {
    return (await serveFixtureHttp({ port: 0 })).mcpUrl;
  },
  async express() {
    const { mcp } = echoHandler();
    const app = express();
    app.use(express.json());
    app.all('/mcp', toNodeListener(mcp));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return mcpUrl(server.address().port);
  },
  async 'express-route-first'() {
    // The MCP route ahead of express.json(): the parser never runs for it (the faster recipe).
    const { mcp } = echoHandler();
    const app = express();
    app.all('/mcp', toNodeListener(mcp));
    app.use(express.json());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return mcpUrl(server.address().port);
  },
  async 'express-alone'() {
    // No MCP at all: Express 5 with express.json() and a route echoing the call as a JSON-RPC result, the
    // ceiling of any MCP recipe that lets Express route and parse (the same answers the raw echo gives).
    const app = express();
    app.use(express.json());
    let sessions = 0;
    app.all('/mcp', (req, res) => {
      const message = req.body;
      if (!('id' in message)) {
        res.status(202).end();
        return;
      }
      res.set('mcp-session-id', `express-${++sessions}`);
      res.json({ jsonrpc: '2.0', id: message.id, result: echoResult(message) });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return mcpUrl(server.address().port);
  },
  async 'express-ahead'() {
    // An Express app (express.json() on) with /mcp served ahead of it by createNodeRouter.
    const { mcp } = echoHandler();
    const app = express();
    app.use(express.json());
    const http = createServer(createNodeRouter({ '/mcp': mcp }, app));
    await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
    return mcpUrl(http.address().port);
  },
  async fastify() {
    const { mcp } = echoHandler();
    const app = Fastify();
    await app.register(toFastifyPlugin(mcp, { path: '/mcp' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    return mcpUrl(app.server.address().port);
  },
  async hono() {
    const { mcp } = echoHandler();
    const app = new Hono();
    app.all('/mcp', toHonoHandler(mcp));
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    return mcpUrl(server.address().port);
  },
  async raw() {
    let sessions = 0;
    const http = createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const message = JSON.parse(Buffer.concat(chunks).toString());
        if (!('id' in message)) {
          res.writeHead(202).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': `raw-${++sessions}` });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: echoResult(message) }));
      });
    });
    await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
    return mcpUrl(http.address().port);
  },
};

/** A side server answering this process's CPU time (user + system, µs): robust to a busy machine. */
async function cpuCounter() {
  const http = createServer((_req, res) => {
    const { user, system } = process.cpuUsage();
    res.end(String(user + system));
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${http.address().port}/`;
}

const kind = process.argv[2];
const start = targets[kind];
if (start === undefined) {
  console.error(`expected one of ${Object.keys(targets).join(', ')}; received ${kind}`);
  process.exit(2);
}
console.log(`ready ${await start()} ${await cpuCounter()}`);
process.on('SIGTERM', () => process.exit(0));
