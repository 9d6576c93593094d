// Codec throughput: parseMessage (parse + classify, + schema validation when core exports getMethodSpec)
// for a typical tools/call request and result, against plain JSON.parse of the same input (the ceiling).
// Run after `npx pnpm@12.4.2 run build`: node bench/codec.mjs   (about 7 seconds)
import * as core from '../packages/core/dist/index.js';

const { parseMessage, LineDecoder } = core;
const getMethodSpec = typeof core.getMethodSpec === 'function' ? core.getMethodSpec : undefined;
const REVISION = '2025-11-25';
const CASE_MS = 100;
const ROUNDS = 4;

const request = {
  jsonrpc: '2.0',
  id: 42,
  method: 'tools/call',
  params: {
    name: 'get_weather',
    arguments: { city: 'Paris', units: 'metric', days: 3 },
    _meta: { progressToken: 'tok-42' },
  },
};
const result = {
  jsonrpc: '2.0',
  id: 42,
  result: {
    content: [
      {
        type: 'text',
        text: 'Paris: 18°C, light rain in the afternoon, wind 12 km/h from the south-west. Tomorrow: 21°C, sunny.',
      },
    ],
    structuredContent: {
      city: 'Paris',
      temperature: 18,
      conditions: 'light rain',
      wind: { speed: 12, direction: 'SW' },
    },
    isError: false,
  },
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Runs fn in batches until CASE_MS elapsed; returns operations (fn calls x units) per second. */
function measure(fn, units = 1) {
  const batch = Math.max(1, Math.floor(1_000 / units));
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < CASE_MS) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    now = performance.now();
  }
  return (ops * units * 1000) / (now - start);
}

/**
 * The CPU is shared, so ours and the ceiling run in alternation, ROUNDS times each after a warm-up round,
 * and the best round of each counts: both see the same noise.
 */
function compare(ours, ceiling, units = 1) {
  measure(ours, units);
  measure(ceiling, units);
  let best = [0, 0];
  for (let round = 0; round < ROUNDS; round++) {
    best = [Math.max(best[0], measure(ours, units)), Math.max(best[1], measure(ceiling, units))];
  }
  return best;
}

function validator(method, part) {
  if (getMethodSpec === undefined) return undefined;
  const spec = getMethodSpec(REVISION, method);
  return spec?.[part];
}

let sink = 0;
const rows = [];
for (const [label, message, method, part] of [
  ['tools/call request', request, 'tools/call', 'params'],
  ['tools/call result', result, 'tools/call', 'result'],
]) {
  const text = JSON.stringify(message);
  const bytes = encoder.encode(text);
  const schema = validator(method, part);
  const validate = (parsed) =>
    schema.safeParse(part === 'params' ? parsed.message.params : parsed.message.result).success;

  const [oursText, ceilingText] = compare(
    () => {
      if (parseMessage(text).ok) sink += 1;
    },
    () => {
      sink += JSON.parse(text).id;
    },
  );
  rows.push([`${label}, parse+classify (string, ${text.length} B)`, oursText, ceilingText]);
  const [oursBytes, ceilingBytes] = compare(
    () => {
      if (parseMessage(bytes).ok) sink += 1;
    },
    () => {
      sink += JSON.parse(decoder.decode(bytes)).id;
    },
  );
  rows.push([`${label}, parse+classify (bytes)`, oursBytes, ceilingBytes]);
  if (schema !== undefined) {
    const [oursValidated, ceilingValidated] = compare(
      () => {
        const parsed = parseMessage(text);
        if (parsed.ok && validate(parsed)) sink += 1;
      },
      () => {
        sink += JSON.parse(text).id;
      },
    );
    rows.push([`${label}, parse+classify+validate (string)`, oursValidated, ceilingValidated]);
  }
}

// Framing: 64 KiB chunks of newline-separated requests through LineDecoder + parseMessage, against
// decode + split + JSON.parse of the same chunk (a ceiling that ignores chunk boundaries and UTF-8 splits).
{
  const line = `${JSON.stringify(request)}\n`;
  const perChunk = Math.floor(65536 / line.length);
  const chunk = encoder.encode(line.repeat(perChunk));
  let count = 0;
  const lines = new LineDecoder({
    onLine: (text) => {
      if (parseMessage(text).ok) count++;
    },
  });
  const [ours, ceiling] = compare(
    () => lines.push(chunk),
    () => {
      const parts = decoder.decode(chunk).split('\n');
      for (let i = 0; i < parts.length - 1; i++) sink += JSON.parse(parts[i]).id;
    },
    perChunk,
  );
  sink += count;
  rows.push([`framed requests, 64 KiB chunks (${perChunk}/chunk)`, ours, ceiling]);
}

const validation = getMethodSpec
  ? `validation with getMethodSpec('${REVISION}', 'tools/call')`
  : 'schema validation not measured: core does not export getMethodSpec';
console.log(`codec benchmark on Node ${process.version} (${validation})`);
console.log(
  'case'.padEnd(60),
  'mcpwire msg/s'.padStart(14),
  'JSON.parse msg/s'.padStart(17),
  'ratio'.padStart(7),
);
for (const [label, ours, ceiling] of rows) {
  console.log(
    label.padEnd(60),
    Math.round(ours).toLocaleString('en-US').padStart(14),
    Math.round(ceiling).toLocaleString('en-US').padStart(17),
    (ours / ceiling).toFixed(2).padStart(7),
  );
}
if (sink === -1) console.log(sink); // keeps the work observable so it is not optimised away
