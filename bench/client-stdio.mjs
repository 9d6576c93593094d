// Client-side tools/call round trips per second over stdio, 1 and 64 in flight, against a raw newline-JSON
// echo server (bench/client-echo-server.mjs): @mcpwire/client vs the official SDK v1 Client, same run.
// Run after a build: node bench/client-stdio.mjs [--ms 2000]
import { fileURLToPath } from 'node:url';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as SdkStdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Client } from '../packages/client/dist/index.js';
import { StdioClientTransport } from '../packages/transports/dist/stdio/index.js';

const msIndex = process.argv.indexOf('--ms');
const DURATION_MS = msIndex > 0 ? Number(process.argv[msIndex + 1]) : 1000;
/** Rounds alternate the two clients and the best round counts, so a noisy neighbour hurts both alike. */
const ROUNDS = 3;
const WARMUP_MS = 300;
const SERVER = fileURLToPath(new URL('./client-echo-server.mjs', import.meta.url));
const ARGS = { text: 'hello' };

async function mcpwire() {
  const client = new Client({ name: 'bench', version: '1.0.0' }, { revision: '2025-11-25' });
  await client.connect(
    new StdioClientTransport({ command: process.execPath, args: [SERVER], stderr: 'inherit' }),
  );
  return { call: () => client.callTool('echo', ARGS), close: () => client.close() };
}

async function sdk() {
  const client = new SdkClient({ name: 'bench', version: '1.0.0' });
  await client.connect(new SdkStdio({ command: process.execPath, args: [SERVER], stderr: 'inherit' }));
  return { call: () => client.callTool({ name: 'echo', arguments: ARGS }), close: () => client.close() };
}

/** Round trips per second with `inflight` concurrent loops for `ms` milliseconds. */
async function measure(call, inflight, ms) {
  let count = 0;
  const deadline = performance.now() + ms;
  const loop = async () => {
    while (performance.now() < deadline) {
      await call();
      count++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inflight }, loop));
  return count / ((performance.now() - started) / 1000);
}

const clients = [
  ['mcpwire', await mcpwire()],
  ['sdk v1', await sdk()],
];
const rows = [];
for (const inflight of [1, 64]) {
  const row = { inflight, mcpwire: 0, 'sdk v1': 0 };
  for (const [, { call }] of clients) await measure(call, inflight, WARMUP_MS);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, { call }] of clients)
      row[name] = Math.max(row[name], await measure(call, inflight, DURATION_MS));
  }
  rows.push(row);
}
for (const [, { close }] of clients) await close();

const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(10);
console.log(
  `tools/call round trips per second over stdio (best of ${ROUNDS} × ${DURATION_MS} ms, Node ${process.version})`,
);
console.log(
  `${'in flight'.padEnd(10)}${'mcpwire'.padStart(10)}${'sdk v1'.padStart(10)}${'ratio'.padStart(8)}`,
);
for (const row of rows) {
  console.log(
    `${String(row.inflight).padEnd(10)}${fmt(row.mcpwire)}${fmt(row['sdk v1'])}${(row.mcpwire / row['sdk v1']).toFixed(2).padStart(7)}x`,
  );
}
