/**
 * M16: a tiny HTTP server on 127.0.0.1 that serves the schema a tool's network `$ref` points at, and
 * records every request it gets. A client MUST NOT dereference a network `$ref` automatically
 * (2026-07-28 basic/index §$ref Resolution), so any request here is the violation, with its evidence.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const MAX_RECORDED = 8;

export interface RefTrap {
  /** The URL to put in a `$ref`. */
  readonly url: string;
  /** "GET /path (user-agent)" of each request received, at most a few. */
  readonly hits: readonly string[];
  close(): Promise<void>;
}

export async function startRefTrap(): Promise<RefTrap> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    if (hits.length < MAX_RECORDED)
      hits.push(`${req.method} ${req.url} (user-agent: ${req.headers['user-agent'] ?? 'none'})`);
    res.writeHead(200, { 'content-type': 'application/schema+json', connection: 'close' });
    res.end('{"type":"string"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/schemas/item.schema.json`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
