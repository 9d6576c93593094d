// Client-side tools/call echo (64-byte text) round trips per second over stdio, 1 and 64 in flight.
// Every client spawns its own copy of the same fast server (bench/server-echo-mcpwire.mjs: McpServer with
// one echo tool) and they are measured in one interleaved run (bench/client-kit.mjs):
//   - a lean newline-JSON client (the ceiling), in each era: 2025-11-25 (initialize once) and 2026-07-28
//     (the per-request _meta fields on every call, as the revision requires);
//   - @mcpwire/client with default options (probes, goes 2026-07-28) and pinned to 2025-11-25, output
//     validation on (the default);
//   - the official SDK v1 Client (2025-11-25).
// The "server busy" column shows the server is not the bottleneck (its CPU stays below one core).
// The lean client starts its server the way StdioClientTransport does (detached: a session and process
// group of its own, so closing reaches the whole tree): on Linux with autogroup scheduling a busy machine
// gives a server in its own session a different share of the CPU (measured at 0.3-0.5 of the throughput
// at 64 in flight under load), which would otherwise be counted against the client. The SDK starts its
// server in our session, as it does for its users.
// Run after `npx pnpm@12.4.2 run build`: node bench/client-stdio.mjs   (under a minute)
//   BENCH_MS=150 per measurement, BENCH_ROUNDS=25: short cases in many rounds, so a burst of other work on a
//   shared machine spoils few of them and the medians hold (9 rounds of 400 ms moved ratios by ±0.3 at load 10)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as SdkStdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Client } from '../packages/client/dist/index.js';
import { StdioClientTransport } from '../packages/transports/dist/stdio/index.js';
import { interleave, report, TEXT } from './client-kit.mjs';
import { LeanStdioClient } from './lean-stdio-client.mjs';

const CASE_MS = Number(process.env.BENCH_MS ?? 150);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const WARMUP_MS = 600;
const LOADS = [1, 64];
const SERVER = fileURLToPath(new URL('./server-echo-mcpwire.mjs', import.meta.url));
const ARGS = { text: TEXT };
const CLIENT_INFO = { name: 'bench', version: '1.0.0' };
const MODERN = '2026-07-28';
const LEGACY = '2025-11-25';

/** CPU time (µs) of a process from /proc (Linux); undefined elsewhere. */
function cpuOf(pid) {
  return async () => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // utime + stime, in clock ticks (100 Hz)
    } catch {
      return undefined;
    }
  };
}

/** The lean client (bench/lean-stdio-client.mjs) in one era: 2026-07-28 puts the per-request fields on every call. */
class LeanClient extends LeanStdioClient {
  constructor(era) {
    super([SERVER], undefined, { detached: true });
    this.era = era;
  }

  async open() {
    if (this.era !== MODERN) await this.initialize(LEGACY);
  }

  async call() {
    const params =
      this.era === MODERN
        ? {
            name: 'echo',
            arguments: ARGS,
            _meta: {
              'io.modelcontextprotocol/protocolVersion': MODERN,
              'io.modelcontextprotocol/clientCapabilities': {},
              'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
            },
          }
        : { name: 'echo', arguments: ARGS };
    const response = await this.request('tools/call', params);
    return response.result?.content?.[0]?.text;
  }
}

async function lean(era) {
  const client = new LeanClient(era);
  await client.open();
  return {
    name: `lean newline-JSON client, ${era}`,
    era,
    lean: true,
    call: () => client.call(),
    serverCpu: cpuOf(client.child.pid),
    close: () => client.close(),
  };
}

async function mcpwire(revision) {
  const client = new Client(CLIENT_INFO, revision === undefined ? {} : { revision });
  const transport = new StdioClientTransport({ command: process.execPath, args: [SERVER] });
  await client.connect(transport);
  if (client.revision !== (revision ?? MODERN)) throw new Error(`mcpwire went ${client.revision}`);
  return {
    name: `mcpwire Client, ${revision === undefined ? 'default options' : 'pinned'} (${client.revision})`,
    era: client.revision,
    call: async () => (await client.callTool('echo', ARGS)).content[0].text,
    serverCpu: cpuOf(transport.pid),
    close: () => client.close(),
  };
}

async function sdk() {
  const client = new SdkClient(CLIENT_INFO);
  const transport = new SdkStdio({ command: process.execPath, args: [SERVER] });
  await client.connect(transport);
  return {
    name: `SDK v1 Client (${LEGACY})`,
    era: LEGACY,
    call: async () => (await client.callTool({ name: 'echo', arguments: ARGS })).content[0].text,
    serverCpu: cpuOf(transport.pid),
    close: () => client.close(),
  };
}

const subjects = [
  await lean(LEGACY),
  await lean(MODERN),
  await mcpwire(undefined),
  await mcpwire(LEGACY),
  await sdk(),
];
try {
  const results = await interleave(subjects, LOADS, ROUNDS, CASE_MS, WARMUP_MS);
  console.log(
    report(
      `tools/call echo (64-byte text) over stdio: medians of ${ROUNDS} interleaved rounds of ${CASE_MS} ms`,
      subjects,
      LOADS,
      results,
    ),
  );
} finally {
  for (const subject of subjects) await subject.close();
}
