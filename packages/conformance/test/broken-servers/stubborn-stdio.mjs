// A stdio MCP server that shuts down badly, for the runner's shutdown tests:
//   node stubborn-stdio.mjs ignore-term   answers correctly, but ignores stdin closing and SIGTERM
//   node stubborn-stdio.mjs leak <pidfile> exits when stdin closes, but leaves a process outside its process
//                                          group that holds stdout open (its pid is written to <pidfile>)
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createDispatcher, parse } from './mini-server.mjs';

const [mode, pidFile] = process.argv.slice(2);
const { dispatch } = createDispatcher(undefined);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const parsed = parse(line);
  if (!parsed.ok) return;
  for (const out of dispatch(parsed.value)) process.stdout.write(`${JSON.stringify(out)}\n`);
});

if (mode === 'ignore-term') {
  process.on('SIGTERM', () => process.stderr.write('stubborn: SIGTERM ignored\n'));
  setInterval(() => undefined, 1000);
} else if (mode === 'leak') {
  // Its own process group (detached), stdout inherited: killing our group does not reach it. It ends by
  // itself after 20 s at the latest; the test kills it earlier by pid.
  const orphan = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], {
    detached: true,
    stdio: ['ignore', 'inherit', 'ignore'],
  });
  writeFileSync(pidFile, String(orphan.pid));
  orphan.unref();
  lines.on('close', () => process.exit(0));
}
