// Protocol engine round trips per second, mcpwire against the official SDK, in one run.
//   1. engine: ping round trips, ProtocolEngine vs the SDK's Protocol, 1 and 64 in flight.
//      mcpwire runs twice: over its own in-memory pair (async delivery + JSON copy per message, as a
//      real transport would cost) and over the SDK's InMemoryTransport (synchronous, no copy), so the
//      engines can be compared on the same transport.
//   2. full stack: tools/call through the legacy lifecycle with schema validation, mcpwire
//      ClientConnection/ServerConnection vs SDK Client/McpServer, both over the SDK's InMemoryTransport.
// Run after `npx pnpm@12.4.2 run build`: node bench/engine.mjs   (about 15 seconds)
import { createRequire } from 'node:module';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport as SdkInMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Protocol } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { EmptyResultSchema } from '@modelcontextprotocol/sdk/types.js';
import {
  ClientConnection,
  createInMemoryPair,
  ProtocolEngine,
  ServerConnection,
} from '../packages/core/dist/index.js';

// zod is a dependency of @mcpwire/core, not of the workspace root: resolve it from there.
const { z } = await import(
  createRequire(new URL('../packages/core/package.json', import.meta.url)).resolve('zod')
);
const CASE_MS = Number(process.env.BENCH_CASE_MS ?? 1000);
const WARMUP_MS = 200;

/** The SDK's Protocol is abstract; these checks are what a bare engine needs (none). */
class SdkEngine extends Protocol {
  assertCapabilityForMethod() {}
  assertNotificationCapability() {}
  assertRequestHandlerCapability() {}
  assertTaskCapability() {}
  assertTaskHandlerCapability() {}
}

/** Keeps `inFlight` calls running for `ms`; returns completed calls per second. */
async function measure(call, inFlight, ms) {
  let done = 0;
  const deadline = performance.now() + ms;
  const started = performance.now();
  async function lane() {
    while (performance.now() < deadline) {
      await call();
      done++;
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane));
  return done / ((performance.now() - started) / 1000);
}

async function rate(call, inFlight) {
  await measure(call, inFlight, WARMUP_MS);
  return measure(call, inFlight, CASE_MS);
}

async function mcpwireEngine(pair) {
  const [a, b] = pair;
  const client = new ProtocolEngine();
  const server = new ProtocolEngine();
  await server.connect(b);
  await client.connect(a);
  return { call: () => client.rawRequest('ping'), close: () => client.close() };
}

async function sdkEngine() {
  const [a, b] = SdkInMemoryTransport.createLinkedPair();
  const client = new SdkEngine();
  const server = new SdkEngine();
  await server.connect(b);
  await client.connect(a);
  return { call: () => client.request({ method: 'ping' }, EmptyResultSchema), close: () => client.close() };
}

const toolResult = (text) => ({ content: [{ type: 'text', text }] });

async function mcpwireStack() {
  const [a, b] = SdkInMemoryTransport.createLinkedPair();
  const server = new ServerConnection({
    serverInfo: { name: 'bench', version: '1' },
    capabilities: { tools: {} },
  });
  server.setRequestHandler('tools/call', (params) => toolResult(String(params.arguments?.text)));
  const client = new ClientConnection({
    clientInfo: { name: 'bench', version: '1' },
    revision: '2025-11-25',
  });
  await server.connect(b);
  await client.connect(a);
  const params = { name: 'echo', arguments: { text: 'hello' } };
  return { call: () => client.request('tools/call', params), close: () => client.close() };
}

async function sdkStack() {
  const [a, b] = SdkInMemoryTransport.createLinkedPair();
  const server = new McpServer({ name: 'bench', version: '1' });
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => toolResult(text));
  const client = new Client({ name: 'bench', version: '1' });
  await server.connect(b);
  await client.connect(a);
  const params = { name: 'echo', arguments: { text: 'hello' } };
  return { call: () => client.callTool(params), close: () => client.close() };
}

async function run(label, setup, inFlight) {
  const subject = await setup();
  const perSecond = await rate(subject.call, inFlight);
  await subject.close();
  return { label, inFlight, perSecond };
}

function print(rows, baseline) {
  for (const row of rows) {
    const ratio = row.perSecond / baseline.perSecond;
    console.log(
      `  ${row.label.padEnd(44)} ${String(row.inFlight).padStart(3)} in flight  ${Math.round(row.perSecond).toLocaleString('en-US').padStart(9)} req/s  ${ratio.toFixed(2)}x SDK`,
    );
  }
}

console.log(`engine round trips (node ${process.version}, ${CASE_MS} ms per case)`);
for (const inFlight of [1, 64]) {
  const sdk = await run('SDK Protocol, SDK InMemoryTransport', sdkEngine, inFlight);
  const same = await run(
    'mcpwire engine, SDK InMemoryTransport',
    () => mcpwireEngine(SdkInMemoryTransport.createLinkedPair()),
    inFlight,
  );
  const own = await run(
    'mcpwire engine, mcpwire in-memory pair (copy)',
    () => mcpwireEngine(createInMemoryPair()),
    inFlight,
  );
  print([sdk, same, own], sdk);
}
console.log('full stack: tools/call with lifecycle and schema validation (SDK InMemoryTransport)');
for (const inFlight of [1, 64]) {
  const sdk = await run('SDK Client + McpServer', sdkStack, inFlight);
  const ours = await run('mcpwire ClientConnection + ServerConnection', mcpwireStack, inFlight);
  print([sdk, ours], sdk);
}
