// Cold start of a one-tool stdio server: the time from spawning the process to reading its initialize
// result, for mcpwire's McpServer, the official SDK v1 McpServer and a raw Node echo server (the floor: a
// Node process that parses one line and writes one answer). Spawns are interleaved (each round spawns the
// three in a rotating order) and ratios are taken within a round, so a machine whose speed drifts still
// gives comparable figures; the table shows medians.
// Run after `npx pnpm@12.4.2 run build`: node bench/cold-start.mjs   (about 20 seconds)
// BENCH_ROUNDS sets the number of rounds (default 25).
import { fileURLToPath } from 'node:url';
import { LeanStdioClient } from './lean-stdio-client.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const WARMUP_ROUNDS = 2;
const here = (file) => fileURLToPath(new URL(file, import.meta.url));

const SERVERS = [
  { name: 'mcpwire', args: [here('./server-echo-mcpwire.mjs')] },
  { name: 'mcpwire json', args: [here('./server-echo-mcpwire-json.mjs')] },
  { name: 'sdk v1', args: [here('./server-echo-sdk.mjs')] },
  { name: 'raw+zod', args: [here('./server-echo-raw-zod.mjs')] },
  { name: 'raw node', args: [here('./server-echo-raw.mjs')] },
];
const RAW = SERVERS.length - 1;
const SDK = SERVERS.findIndex((server) => server.name === 'sdk v1');

/** Milliseconds from spawn to the initialize result (the process is then closed). */
async function coldStart(server) {
  const started = performance.now();
  const client = new LeanStdioClient(server.args, server.env);
  await client.initialize();
  const elapsed = performance.now() - started;
  await client.close();
  return elapsed;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Warm the file system cache and Node's compile cache paths first; those rounds are not counted.
for (let round = 0; round < WARMUP_ROUNDS; round++) for (const server of SERVERS) await coldStart(server);

const times = SERVERS.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < SERVERS.length; k++) {
    const i = (k + round) % SERVERS.length;
    times[i].push(await coldStart(SERVERS[i]));
  }
}

/** Median over rounds of a/b. */
const ratio = (a, b) => median(times[a].map((time, round) => time / times[b][round]));
console.log(`\nspawn → initialize result over stdio, ${ROUNDS} interleaved rounds, medians\n`);
console.log('server      spawn→initialize   min      vs raw node   vs sdk v1');
for (let i = 0; i < SERVERS.length; i++) {
  console.log(
    `${SERVERS[i].name.padEnd(10)}  ${`${median(times[i]).toFixed(1)} ms`.padStart(16)}   ${`${Math.min(...times[i]).toFixed(1)}`.padStart(6)}   ${ratio(i, RAW).toFixed(2).padStart(11)}   ${ratio(i, SDK).toFixed(2).padStart(9)}`,
  );
}
const goal = ratio(0, RAW) <= 1.6;
console.log(`\ngoal (mcpwire at most 1.6 × raw node): ${goal ? 'met' : 'MISSED'}`);
