// Shared by the benchmarks that run a server in a child process: the legacy session's opening messages,
// and the wait for the child's `ready <url>` line.

export const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
export const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
});
export const INITIALIZED = '{"jsonrpc":"2.0","method":"notifications/initialized"}';

/** The URL a child prints as `ready <url>` on stdout; rejects if it exits first. */
export function readyUrl(child, name) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^ready (\S+)/m.exec(out);
      if (match) resolve(new URL(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}
