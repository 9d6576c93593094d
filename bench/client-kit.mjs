// Shared method of the client benchmarks (bench/client-stdio.mjs, bench/client-http.mjs): every client
// under test drives the same fast server program; the clients are measured in short interleaved rounds in
// a rotating order, and each round's rate is divided by the rate of the lean client of the same era in that
// same round. Medians over rounds are reported, with the client's CPU per call (this process) and how busy
// the server was (its CPU time over wall time: well under one core means the server did not set the pace).
// A shared or virtual machine drifts by tens of percent within a minute; ratios taken moments apart do not.
import { cpus, loadavg } from 'node:os';

/** The text every tools/call echoes: 64 bytes. */
export const TEXT = 'The quick brown fox jumps over the lazy dog, 64 bytes of payload.'.slice(0, 64);

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** This process's CPU time so far in µs: the clients run here, so a delta is the client's CPU. */
function ownCpu() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * Runs `call` from `inFlight` concurrent loops for `ms`. Returns calls/s, client CPU µs per call and the
 * server's CPU utilisation over the same time (undefined when `serverCpu` is not given).
 */
export async function measure(subject, inFlight, ms) {
  let done = 0;
  const serverBefore = await subject.serverCpu?.();
  const cpuBefore = ownCpu();
  const started = performance.now();
  const deadline = started + ms;
  const lane = async () => {
    while (performance.now() < deadline) {
      const text = await subject.call();
      if (text !== TEXT) throw new Error(`${subject.name}: expected the echo of the text, received ${text}`);
      done++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const elapsed = performance.now() - started;
  const cpu = ownCpu() - cpuBefore;
  const serverAfter = await subject.serverCpu?.();
  return {
    rate: done / (elapsed / 1000),
    cpuPerCall: cpu / Math.max(1, done),
    serverBusy: serverBefore === undefined ? undefined : (serverAfter - serverBefore) / (elapsed * 1000),
  };
}

/**
 * Measures every subject at every load in `rounds` interleaved rounds of `caseMs` each. A subject is
 * `{ name, era, lean?, call(): Promise<string>, serverCpu?(): Promise<number µs> }`; its ratio is taken
 * against the lean subject of its era in the same round.
 */
export async function interleave(subjects, loads, rounds, caseMs, warmupMs) {
  const results = new Map();
  for (const inFlight of loads) {
    for (const subject of subjects) await measure(subject, inFlight, warmupMs);
    for (let round = 0; round < rounds; round++) {
      const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]);
      const measured = new Map();
      for (const subject of order) measured.set(subject, await measure(subject, inFlight, caseMs));
      for (const subject of subjects) {
        const lean = subjects.find((other) => other.lean && other.era === subject.era);
        const key = `${subject.name}@${inFlight}`;
        if (!results.has(key)) results.set(key, { rate: [], cpu: [], busy: [], ratio: [] });
        const entry = results.get(key);
        const own = measured.get(subject);
        entry.rate.push(own.rate);
        entry.cpu.push(own.cpuPerCall);
        if (own.serverBusy !== undefined) entry.busy.push(own.serverBusy);
        entry.ratio.push(own.rate / measured.get(lean).rate);
      }
    }
  }
  return results;
}

/** The table: one line per load and subject. */
export function report(title, subjects, loads, results) {
  const lines = [title, ''];
  lines.push(
    `${'in flight'.padEnd(10)}${'client'.padEnd(44)}${'calls/s'.padStart(9)}${'of lean'.padStart(9)}${'client µs/call'.padStart(16)}${'server busy'.padStart(13)}`,
  );
  for (const inFlight of loads) {
    for (const subject of subjects) {
      const entry = results.get(`${subject.name}@${inFlight}`);
      const busy = entry.busy.length === 0 ? '' : `${(median(entry.busy) * 100).toFixed(0)}%`;
      lines.push(
        `${String(inFlight).padEnd(10)}${subject.name.padEnd(44)}${Math.round(median(entry.rate)).toLocaleString('en-US').padStart(9)}${median(entry.ratio).toFixed(2).padStart(9)}${median(entry.cpu).toFixed(1).padStart(16)}${busy.padStart(13)}`,
      );
    }
  }
  lines.push(
    '',
    '"of lean": median over rounds of the rate divided by the lean client of the same era in the same round;',
    '"server busy": the server process\'s CPU time over wall time while that client ran (1.00 core = 100%).',
    `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} (1, 5, 15 min)`,
  );
  return lines.join('\n');
}
