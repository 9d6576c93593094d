// Cold start of a one-tool stdio server: the time from spawning the process to reading its initialize
// result, and to the answer of its first tools/call (initialize, initialized, then the call: the server is
// ready for work), for mcpwire's McpServer (its tool taking a zod schema, as the README teaches, and taking
// a plain JSON Schema, with no zod in the user's code), the official SDK v1 McpServer, a raw Node echo server
// that also imports zod (the floor of any server whose tools take zod schemas) and a raw Node echo server
// (the floor: a Node process that parses one line and writes one answer). mcpwire loads its own zod schemas
// only for a message that no quick check proves valid (packages/core/src/lifecycle/deferred-specs.ts), so a
// server whose tools take JSON Schema answers these three messages without loading zod at all. Spawns are interleaved (each round spawns the
// three in a rotating order) and ratios are taken within a round, so a machine whose speed drifts still
// gives comparable figures; the table shows medians.
// Run after `npx pnpm@12.4.2 run build`: node bench/cold-start.mjs   (about 40 seconds)
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

/** Milliseconds from spawn to the initialize result and to the first tools/call answer. */
async function coldStart(server) {
  const started = performance.now();
  const client = new LeanStdioClient(server.args, server.env);
  await client.initialize();
  const initialized = performance.now() - started;
  const answer = await client.request('tools/call', { name: 'echo', arguments: { text: 'hello' } });
  if (answer.result === undefined)
    throw new Error(`${server.name}: tools/call failed: ${JSON.stringify(answer)}`);
  const called = performance.now() - started;
  await client.close();
  return [initialized, called];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Warm the file system cache and Node's compile cache paths first; those rounds are not counted.
for (let round = 0; round < WARMUP_ROUNDS; round++) for (const server of SERVERS) await coldStart(server);

const times = [SERVERS.map(() => []), SERVERS.map(() => [])];
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < SERVERS.length; k++) {
    const i = (k + round) % SERVERS.length;
    const [initialized, called] = await coldStart(SERVERS[i]);
    times[0][i].push(initialized);
    times[1][i].push(called);
  }
}

/** Median over rounds of a/b. */
const ratio = (t, a, b) => median(t[a].map((time, round) => time / t[b][round]));
const ZOD_FLOOR = SERVERS.findIndex((server) => server.name === 'raw+zod');
for (const [t, what] of [
  [times[0], 'spawn → initialize result'],
  [times[1], 'spawn → first tools/call answer'],
]) {
  console.log(`\n${what} over stdio, ${ROUNDS} interleaved rounds, medians\n`);
  console.log('server        time       min   vs raw node   vs sdk v1');
  for (let i = 0; i < SERVERS.length; i++) {
    console.log(
      `${SERVERS[i].name.padEnd(12)}  ${`${median(t[i]).toFixed(1)} ms`.padStart(8)}  ${Math.min(...t[i])
        .toFixed(1)
        .padStart(
          6,
        )}   ${ratio(t, i, RAW).toFixed(2).padStart(11)}   ${ratio(t, i, SDK).toFixed(2).padStart(9)}`,
    );
  }
}
const jsonRatio = ratio(times[0], 1, RAW);
console.log(
  `\ngoal (spawn → initialize at most 1.6 × raw node): ${jsonRatio.toFixed(2)} for the JSON Schema server: ${jsonRatio <= 1.6 ? 'met' : 'MISSED'}; ` +
    `${ratio(times[0], 0, RAW).toFixed(2)} for the zod server, whose own import of zod alone costs ${ratio(times[0], ZOD_FLOOR, RAW).toFixed(2)} (mcpwire adds ${(median(times[0][0]) - median(times[0][ZOD_FLOOR])).toFixed(1)} ms to it)`,
);
