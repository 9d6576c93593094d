// Client-side tools/call echo (64-byte text) round trips per second over Streamable HTTP, 1 and 32 in
// flight. One server process (bench/http-server-target.mjs ours-json: McpServer with one echo tool behind
// our handler on node:http, JSON responses, both eras) serves every client, measured in one interleaved
// run (bench/client-kit.mjs):
//   - a lean undici client (the ceiling): a Pool posting the request text and parsing the JSON answer, in
//     each era: 2025-11-25 (a session from initialize) and 2026-07-28 (stateless: the MCP-Protocol-Version,
//     Mcp-Method and Mcp-Name headers and the per-request _meta fields the revision requires);
//   - @mcpwire/client with default options (probes, goes 2026-07-28) and pinned to 2025-11-25, output
//     validation on (the default), over StreamableHttpClientTransport (undici);
//   - the official SDK v1 Client over its StreamableHTTPClientTransport (fetch), 2025-11-25.
// The "server busy" column shows the server is not the bottleneck (its CPU stays below one core).
// Run after `npx pnpm@12.4.2 run build`: node bench/client-http.mjs   (under a minute)
//   BENCH_MS=150 per measurement, BENCH_ROUNDS=25: short cases in many rounds, so a burst of other work on a
//   shared machine spoils few of them and the medians hold (9 rounds of 400 ms moved ratios by ±0.3 at load 10)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as SdkHttp } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client } from '../packages/client/dist/index.js';
import { StreamableHttpClientTransport } from '../packages/transports/dist/http/index.js';
import { Pool } from '../packages/transports/node_modules/undici/index.js';
import { interleave, report, TEXT } from './client-kit.mjs';

const CASE_MS = Number(process.env.BENCH_MS ?? 150);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const WARMUP_MS = 600;
const LOADS = [1, 32];
const TARGET = fileURLToPath(new URL('./http-server-target.mjs', import.meta.url));
const ARGS = { text: TEXT };
const CLIENT_INFO = { name: 'bench', version: '1.0.0' };
const MODERN = '2026-07-28';
const LEGACY = '2025-11-25';
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

async function startServer() {
  const child = spawn(process.execPath, [TARGET, 'ours-json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^ready (\S+)/m.exec(out);
      if (match) resolve(new URL(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  const counters = new Pool(url.origin, { connections: 1 });
  return {
    url,
    /** The server's CPU time in µs (GET /__cpu, on a connection of its own). */
    cpu: async () => {
      const res = await counters.request({ path: '/__cpu', method: 'GET' });
      return Number(await res.body.text());
    },
    stop: async () => {
      await counters.close();
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    },
  };
}

/** Posts JSON-RPC text with undici and parses the JSON answer: the least a client can do. */
async function lean(server, era) {
  const { url } = server;
  const pool = new Pool(url.origin, { connections: 128 });
  const post = async (headers, body) => {
    const res = await pool.request({ path: url.pathname, method: 'POST', headers, body });
    const text = await res.body.text();
    return { res, text };
  };
  let headers;
  let id = 1;
  let body;
  if (era === MODERN) {
    headers = {
      ...JSON_HEADERS,
      'mcp-protocol-version': MODERN,
      'mcp-method': 'tools/call',
      'mcp-name': 'echo',
    };
    const meta = {
      'io.modelcontextprotocol/protocolVersion': MODERN,
      'io.modelcontextprotocol/clientCapabilities': {},
      'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
    };
    body = () =>
      JSON.stringify({
        jsonrpc: '2.0',
        id: id++,
        method: 'tools/call',
        params: { name: 'echo', arguments: ARGS, _meta: meta },
      });
  } else {
    const init = await post(
      JSON_HEADERS,
      JSON.stringify({
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: { protocolVersion: LEGACY, capabilities: {}, clientInfo: CLIENT_INFO },
      }),
    );
    if (init.res.statusCode !== 200) throw new Error(`initialize: ${init.res.statusCode} ${init.text}`);
    headers = {
      ...JSON_HEADERS,
      'mcp-protocol-version': LEGACY,
      'mcp-session-id': init.res.headers['mcp-session-id'],
    };
    await post(headers, '{"jsonrpc":"2.0","method":"notifications/initialized"}');
    body = () =>
      JSON.stringify({
        jsonrpc: '2.0',
        id: id++,
        method: 'tools/call',
        params: { name: 'echo', arguments: ARGS },
      });
  }
  return {
    name: `lean undici client, ${era}`,
    era,
    lean: true,
    call: async () => {
      const { res, text } = await post(headers, body());
      if (res.statusCode !== 200) throw new Error(`tools/call: ${res.statusCode} ${text}`);
      return JSON.parse(text).result?.content?.[0]?.text;
    },
    serverCpu: server.cpu,
    close: () => pool.close(),
  };
}

async function mcpwire(server, revision) {
  const client = new Client(CLIENT_INFO, revision === undefined ? {} : { revision });
  await client.connect(new StreamableHttpClientTransport(server.url));
  if (client.revision !== (revision ?? MODERN)) throw new Error(`mcpwire went ${client.revision}`);
  return {
    name: `mcpwire Client, ${revision === undefined ? 'default options' : 'pinned'} (${client.revision})`,
    era: client.revision,
    call: async () => (await client.callTool('echo', ARGS)).content[0].text,
    serverCpu: server.cpu,
    close: () => client.close(),
  };
}

async function sdk(server) {
  const client = new SdkClient(CLIENT_INFO);
  await client.connect(new SdkHttp(server.url));
  return {
    name: `SDK v1 Client (${LEGACY})`,
    era: LEGACY,
    call: async () => (await client.callTool({ name: 'echo', arguments: ARGS })).content[0].text,
    serverCpu: server.cpu,
    close: () => client.close(),
  };
}

// The SDK's transport passes one AbortSignal to every fetch, and Node's fetch adds a listener to it per
// request that is removed only when the request object is collected: past 1500 Node warns at each one.
// The warnings are counted and named once below the table instead of flooding it.
const warnings = new Map();
process.removeAllListeners('warning');
process.on('warning', (warning) => warnings.set(warning.name, (warnings.get(warning.name) ?? 0) + 1));

const server = await startServer();
const subjects = [];
try {
  subjects.push(
    await lean(server, LEGACY),
    await lean(server, MODERN),
    await mcpwire(server, undefined),
    await mcpwire(server, LEGACY),
    await sdk(server),
  );
  const results = await interleave(subjects, LOADS, ROUNDS, CASE_MS, WARMUP_MS);
  console.log(
    report(
      `tools/call echo (64-byte text) over Streamable HTTP: medians of ${ROUNDS} interleaved rounds of ${CASE_MS} ms`,
      subjects,
      LOADS,
      results,
    ),
  );
  for (const [name, count] of warnings) {
    console.log(
      `${count} × ${name} while measuring${name === 'MaxListenersExceededWarning' ? " (the SDK v1 Client's fetch: abort listeners on its one AbortSignal)" : ''}`,
    );
  }
} finally {
  for (const subject of subjects) await subject.close();
  await server.stop();
}
