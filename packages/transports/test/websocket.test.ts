import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  createWebSocketServer,
  MCP_SUBPROTOCOL,
  WebSocketClientTransport,
  type WebSocketMcpServer,
} from '../src/websocket/index.js';
import { attachEchoEngine } from './http-helpers/echo-engine.js';
import { initParams, miniClient } from './http-helpers/mini-client.js';

let server: WebSocketMcpServer | undefined;
const clients: WebSocketClientTransport[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await server?.close();
  server = undefined;
});

async function start() {
  server = await createWebSocketServer({ connect: (t) => void attachEchoEngine(t) });
  return `ws://127.0.0.1:${server.port}`;
}

describe('WebSocket transports', () => {
  it('carries requests, streamed notifications and results, one message per text frame', async () => {
    const url = await start();
    const transport = new WebSocketClientTransport(url);
    clients.push(transport);
    const mc = miniClient(transport);
    await transport.start();
    const init = await mc.request('initialize', initParams());
    expect('result' in init).toBe(true);
    const result = await mc.request('tools/call', { name: 'progress', arguments: { steps: 2 } });
    expect(JSON.stringify(result)).toContain('progressed 2');
    expect(mc.received.filter((m) => 'method' in m).length).toBe(3);
  });

  it('reports bad frames without closing, and fires onclose once when the server goes away', async () => {
    const url = await start();
    const raw = new WebSocket(url, [MCP_SUBPROTOCOL]);
    await new Promise((resolve) => raw.once('open', resolve));
    const replies: string[] = [];
    raw.on('message', (data) => replies.push(data.toString()));
    raw.send('{not json');
    raw.send(Buffer.from([1, 2, 3]), { binary: true });
    raw.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }));
    for (let i = 0; i < 50 && replies.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(replies[0]!)).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    raw.close();

    const transport = new WebSocketClientTransport(url);
    clients.push(transport);
    let closes = 0;
    await transport.start();
    transport.onclose = () => closes++;
    await server!.close();
    server = undefined;
    for (let i = 0; i < 50 && closes === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await transport.close();
    expect(closes).toBe(1);
    await expect(transport.send({ jsonrpc: '2.0', method: 'x' })).rejects.toThrow(/not open/);
  });

  it('refuses clients without the mcp subprotocol and foreign origins', async () => {
    const url = await start();
    const noProtocol = new WebSocket(url);
    const error = await new Promise<Error>((resolve) => noProtocol.once('error', resolve));
    expect(error.message).toMatch(/protocol|400|Unexpected/i);
    const evil = new WebSocket(url, [MCP_SUBPROTOCOL], { headers: { origin: 'http://evil.example' } });
    const refused = await new Promise<Error>((resolve) => evil.once('error', resolve));
    expect(refused.message).toContain('403');
  });
});
