// The mini server over stdio: `node stdio-server.mjs [--break <kind>]`. Kinds: id-string, id-digits,
// id-big, id-unicode, non-json,
// version, reply-notification, unknown-method-result, unknown-tool-result (a SHOULD), tool-schema,
// result-and-error, sampling; several kinds may be joined with commas.
import { createInterface } from 'node:readline';
import { createDispatcher, parse } from './mini-server.mjs';

const breakKind = process.argv[2] === '--break' ? process.argv[3] : undefined;
const { dispatch } = createDispatcher(breakKind);
const write = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

if (breakKind?.split(',').includes('non-json'))
  process.stdout.write('mini-server starting (this log line belongs on stderr)\n');
process.stderr.write('mini-server: logs go to stderr\n');

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  const parsed = parse(line);
  if (!parsed.ok) {
    write({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } });
    return;
  }
  for (const out of dispatch(parsed.value)) write(out);
});
lines.on('close', () => process.exit(0));
