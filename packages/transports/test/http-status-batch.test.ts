/**
 * Batch rejections from the real engine carry no `id` member (MCP forbids `id: null`): a batch sent on a
 * 2025-06-18 session of the legacy HTTP+SSE transport, whose POSTs reach McpServer unfiltered, is refused
 * with -32600 on the event stream, and the session keeps working.
 */
import { McpServer } from '@mcpwire/server';
import { afterEach, describe, expect, it } from 'vitest';
import { type Listening, listen, SseDecoder } from '../src/http/index.js';
import { createSseHandler } from '../src/sse/index.js';
import { post } from './http-helpers/http-util.js';

let listening: Listening | undefined;
let server: McpServer | undefined;
afterEach(async () => {
  await listening?.close();
  await server?.close();
});

interface Wire {
  jsonrpc: string;
  id?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** Reads `message` events off an SSE response; `next()` resolves with the next one (bounded wait). */
function messagesOf(response: Response) {
  const queue: Wire[] = [];
  let endpoint = '';
  let wake: (() => void) | undefined;
  const decoder = new SseDecoder((event) => {
    if (event.event === 'endpoint') endpoint = event.data;
    else if (event.event === 'message') queue.push(JSON.parse(event.data) as Wire);
    wake?.();
  });
  const reader = response.body!.getReader();
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      decoder.push(value!);
    }
  })();
  const waitFor = async (ready: () => boolean): Promise<void> => {
    const deadline = Date.now() + 5000;
    while (!ready() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
  };
  return {
    endpoint: async () => {
      await waitFor(() => endpoint !== '');
      return endpoint;
    },
    next: async (): Promise<Wire | undefined> => {
      await waitFor(() => queue.length > 0);
      return queue.shift();
    },
    close: () => reader.cancel(),
  };
}

describe('batch refusals without id: null', () => {
  it('refuses a batch on a 2025-06-18 session with -32600 and no id member, then keeps serving', async () => {
    server = new McpServer({ name: 'batch', version: '1.0.0' });
    const mcp = server;
    listening = await listen({
      handler: createSseHandler({ connect: (t) => mcp.connect(t).then(() => undefined) }),
    });
    const base = listening.url;
    const stream = messagesOf(await fetch(`${base}/sse`, { headers: { accept: 'text/event-stream' } }));
    const endpoint = `${base}${await stream.endpoint()}`;
    await post(endpoint, {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } },
    });
    expect((await stream.next())?.id).toBe(1);
    await post(endpoint, { jsonrpc: '2.0', method: 'notifications/initialized' });

    const res = await post(endpoint, [
      { jsonrpc: '2.0', id: 2, method: 'ping' },
      { jsonrpc: '2.0', id: 3, method: 'ping' },
    ]);
    expect(res.status).toBe(202);
    const refusal = await stream.next();
    expect(refusal?.error?.code).toBe(-32600);
    expect(refusal?.error?.message).toMatch(/batches exist only in 2025-03-26/);
    expect(refusal !== undefined && 'id' in refusal).toBe(false);

    await post(endpoint, { jsonrpc: '2.0', id: 4, method: 'ping' });
    expect(await stream.next()).toEqual({ jsonrpc: '2.0', id: 4, result: {} });
    await stream.close();
  });
});
