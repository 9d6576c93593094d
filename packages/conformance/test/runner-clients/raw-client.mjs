// A hand-written stdio client in plain Node for check-client tests: initialize, initialized, tools/list,
// exit. `--break <kind>` violates one rule: noise (non-JSON on stdout, T02), no-initialized (requests before
// notifications/initialized, L03), prompts (prompts/list without the capability, L04), cancel-initialize (L08).
import { createInterface } from 'node:readline';

const breakKind = process.argv[2] === '--break' ? process.argv[3] : undefined;
const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const waiting = new Map();
createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line);
  if ('id' in message && !('method' in message)) waiting.get(message.id)?.(message);
});
let nextId = 1;
function request(method, params = {}) {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    send({ jsonrpc: '2.0', id, method, params });
  });
}

if (breakKind === 'noise') process.stdout.write('client starting\n');
const init = request('initialize', {
  protocolVersion: '2025-11-25',
  capabilities: {},
  clientInfo: { name: 'raw', version: '1' },
});
if (breakKind === 'cancel-initialize')
  send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } });
await init;
if (breakKind !== 'no-initialized') send({ jsonrpc: '2.0', method: 'notifications/initialized' });
await request('tools/list');
if (breakKind === 'prompts') await request('prompts/list');
process.exit(0);
