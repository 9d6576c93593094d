/**
 * What happens to one server on three processes (fixture servers on one Redis behind HAProxy round robin)
 * when a process dies with SIGKILL in the middle of a session, and when Redis stops and starts again
 * (empty: persistence is off). Raw HTTP, so that each step says which process it talks to.
 */
import type { JsonObject } from '@mcpwire/core';
import { SseDecoder, type SseEvent } from '@mcpwire/transports/http';
import { describe, expect, it, vi } from 'vitest';
import { eventually, useCluster } from './cluster.js';

// Each test is a whole session over several processes: generous for a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 120_000 });

const cluster = useCluster(3);
const JSON_AND_SSE = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** An SSE response read event by event. */
class EventReader {
  readonly events: SseEvent[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new SseDecoder((event) => void this.events.push(event));

  constructor(readonly response: Response) {
    this.reader = response.body!.getReader();
  }

  /** Reads until `count` events carrying data arrived (priming events have none). */
  async dataEvents(count: number): Promise<SseEvent[]> {
    const withData = () => this.events.filter((e) => e.data !== '');
    while (withData().length < count) {
      const { value, done } = await this.reader.read();
      if (done) throw new Error(`stream ended after ${withData().length} of ${count} events`);
      this.decoder.push(value);
    }
    return withData();
  }

  cancel(): void {
    void this.reader.cancel().catch(() => undefined);
  }
}

function rawInitialize(url = cluster.mcpUrl): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: JSON_AND_SSE,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    }),
  });
}

async function initialize(url: string): Promise<Record<string, string>> {
  const response = await rawInitialize(url);
  expect(response.status).toBe(200);
  await response.text();
  const headers = {
    ...JSON_AND_SSE,
    'mcp-session-id': response.headers.get('mcp-session-id')!,
    'mcp-protocol-version': '2025-11-25',
  };
  const note = await fetch(url, {
    method: 'POST',
    headers,
    body: '{"jsonrpc":"2.0","method":"notifications/initialized"}',
  });
  expect(note.status).toBe(202);
  return headers;
}

let nextId = 1;
function call(url: string, headers: Record<string, string>, method: string, params: JsonObject = {}) {
  return fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
  });
}

async function resultOf(response: Response): Promise<JsonObject> {
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('text/event-stream')
    ? (text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => JSON.parse(line.slice(6)) as JsonObject)
        .find((m) => 'result' in m || 'error' in m) ?? {})
    : (JSON.parse(text) as JsonObject);
  return json;
}

describe('a process killed with SIGKILL mid-session', () => {
  it('leaves the session to the others: requests go on, the GET stream reopens, Last-Event-ID replays what it stored', async () => {
    const [doomed] = cluster.replicas;
    const headers = await initialize(cluster.mcpUrl);
    await resultOf(
      await call(cluster.mcpUrl, headers, 'resources/subscribe', { uri: 'test://watched-resource' }),
    );

    // The GET stream is held by the process about to die; an update reaches it.
    const get = new EventReader(
      await fetch(doomed!.mcpUrl, { headers: { ...headers, accept: 'text/event-stream' } }),
    );
    expect(get.response.status).toBe(200);
    await resultOf(await call(cluster.mcpUrl, headers, 'tools/call', { name: 'test_update_resource' }));
    const [seenOnGet] = await get.dataEvents(1);
    expect(JSON.parse(seenOnGet!.data)).toMatchObject({ method: 'notifications/resources/updated' });

    // A call running on the process about to die streams progress; two events arrive, then it dies.
    const running = new EventReader(
      await call(doomed!.mcpUrl, headers, 'tools/call', {
        name: 'test_tool_with_progress',
        _meta: { progressToken: 'p1' },
      }),
    );
    const [first, second] = await running.dataEvents(2);
    expect(JSON.parse(second!.data)).toMatchObject({ params: { progress: 50 } });
    await doomed!.kill();
    running.cancel();
    get.cancel();

    // The next request is served by another process; an update made meanwhile waits in Redis.
    const echoed = await resultOf(
      await call(cluster.mcpUrl, headers, 'tools/call', { name: 'echo', arguments: { text: 'on' } }),
    );
    expect(echoed).toMatchObject({ result: { content: [{ type: 'text', text: 'on' }] } });
    await resultOf(await call(cluster.mcpUrl, headers, 'tools/call', { name: 'test_update_resource' }));

    // The GET stream reopens on a live process, from the last event the client saw: the update made while
    // it was away is replayed.
    const reopened = new EventReader(
      await fetch(cluster.mcpUrl, {
        headers: { ...headers, accept: 'text/event-stream', 'last-event-id': seenOnGet!.id! },
      }),
    );
    expect(reopened.response.status).toBe(200);
    const [missed] = await reopened.dataEvents(1);
    expect(JSON.parse(missed!.data)).toMatchObject({ method: 'notifications/resources/updated' });
    expect(missed!.id).not.toBe(seenOnGet!.id);
    reopened.cancel();

    // The cut call's stream, resumed elsewhere after its first progress event, replays the second, which
    // only the dead process wrote (to Redis).
    const resumed = new EventReader(
      await fetch(cluster.mcpUrl, {
        headers: { ...headers, accept: 'text/event-stream', 'last-event-id': first!.id! },
      }),
    );
    expect(resumed.response.status).toBe(200);
    const [replayed] = await resumed.dataEvents(1);
    expect(replayed!.data).toBe(second!.data);
    expect(replayed!.id).toBe(second!.id);
    resumed.cancel();
  });
});

describe('Redis stopped and started again', () => {
  it('answers 503 naming Redis while it is down (sessions held go on), keeps every process up, and serves new sessions after', async () => {
    const live = cluster.replicas.filter((replica) => replica.running);
    const held = await initialize(cluster.mcpUrl);
    const echo = async (text: string, url = cluster.mcpUrl) =>
      resultOf(await call(url, held, 'tools/call', { name: 'echo', arguments: { text } }));
    // Every live process serves the session once (straight, not through the balancer, which may still be
    // skipping the dead one), and so holds a copy of it.
    for (const replica of live) await echo('warm', replica.mcpUrl);
    await cluster.redis.stop();
    try {
      // A session a process holds is served from its copy: no Redis read on that path.
      for (const replica of live) {
        expect(await echo('held', replica.mcpUrl)).toMatchObject({ result: { content: [{ text: 'held' }] } });
      }
      expect(await echo('held')).toMatchObject({ result: { content: [{ text: 'held' }] } });
      const refused = await rawInitialize();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await refused.json()).toMatchObject({
        jsonrpc: '2.0',
        error: {
          code: -32603,
          message: expect.stringMatching(
            /^Service Unavailable: Redis is unavailable: expected a connected Redis, but .+; retry after 1 s/,
          ),
        },
      });
      // 2026-07-28 requests keep no session: they need no Redis.
      const modern = await fetch(cluster.mcpUrl, {
        method: 'POST',
        headers: {
          ...JSON_AND_SSE,
          'mcp-protocol-version': '2026-07-28',
          'mcp-method': 'tools/call',
          'mcp-name': 'echo',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 2,
          method: 'tools/call',
          params: {
            name: 'echo',
            arguments: { text: 'no redis needed' },
            _meta: {
              'io.modelcontextprotocol/protocolVersion': '2026-07-28',
              'io.modelcontextprotocol/clientCapabilities': {},
              'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
            },
          },
        }),
      });
      expect(await resultOf(modern)).toMatchObject({ result: { content: [{ text: 'no redis needed' }] } });
    } finally {
      await cluster.redis.start();
    }
    for (const replica of live) expect(replica.running).toBe(true);
    // Every process reconnects by itself (the 503 said to retry after a second).
    for (const replica of live) {
      await eventually(async () => (await rawInitialize(replica.mcpUrl)).status === 200, 30_000);
    }
    // Redis came back empty. Sessions opened before live on only in the processes' caches (each drops its
    // copy at its next touch of the record); new sessions are stored again at once.
    const again = await initialize(cluster.mcpUrl);
    const echoed = await resultOf(
      await call(cluster.mcpUrl, again, 'tools/call', { name: 'echo', arguments: { text: 'back' } }),
    );
    expect(echoed).toMatchObject({ result: { content: [{ text: 'back' }] } });
  });
});
