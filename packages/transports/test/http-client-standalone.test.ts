/**
 * The optional standalone GET stream: a server may refuse it with 400, 404 or 405. The client transport
 * treats each as "no server stream": one GET, no retries, no error.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamableHttpClientTransport } from '../src/http/index.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function start(getStatus: number): Promise<{ url: string; gets: () => number }> {
  let gets = 0;
  server = createServer((req, res) => {
    if (req.method === 'GET') {
      gets++;
      res
        .writeHead(getStatus, { 'content-type': 'application/json' })
        .end('{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}');
      return;
    }
    if (req.method === 'DELETE') {
      res.writeHead(200).end();
      return;
    }
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const message = JSON.parse(body) as { id?: number; method: string };
      if (message.id === undefined) {
        res.writeHead(202).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's-1' })
        .end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: {} }));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`, gets: () => gets };
}

describe('standalone GET refused', () => {
  for (const status of [400, 404, 405]) {
    it(`${status}: one GET, no retry, no error`, async () => {
      const { url, gets } = await start(status);
      const transport = new StreamableHttpClientTransport(url, { reconnect: { initialDelayMs: 50 } });
      const errors: Error[] = [];
      transport.onerror = (error) => errors.push(error);
      transport.onmessage = () => undefined;
      await transport.start();
      await transport.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} });
      await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      // Long enough for several retries at 50 ms if the transport retried.
      await new Promise((resolve) => setTimeout(resolve, 400));
      await transport.close();
      expect(gets()).toBe(1);
      expect(errors).toEqual([]);
    });
  }
});
