/**
 * list_changed across processes over HTTP: two servers, each on its own Redis connections with the same
 * keys (as two processes). A tool registered on A reaches, exactly once, a legacy client whose GET stream
 * B holds, a legacy client sent through HAProxy round robin (its session has a copy on both servers), and
 * a 2026-07-28 client whose subscriptions/listen stream B holds; a listen stream for prompts only hears
 * nothing of it.
 */
import { Client, type ListKind } from '@mcpwire/client';
import { McpServer } from '@mcpwire/server';
import {
  createStreamableHttpHandler,
  type Listening,
  listen,
  StreamableHttpClientTransport,
} from '@mcpwire/transports/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RoundRobin, startRoundRobin } from '../../../test/scale-out/services.mjs';
import { eventually, useRedis } from './redis-fixture.js';

const redis = useRedis();
const PREFIX = 'lists:';
let servers: McpServer[] = [];
let listening: Listening[] = [];
let balancer: RoundRobin;
const clients: Client[] = [];

beforeAll(async () => {
  servers = ['a', 'b'].map((name) => {
    const server = new McpServer({ name, version: '1.0.0', store: redis.open({ prefix: PREFIX }) });
    server.tool('echo', { description: 'present from the start' }, () => 'echo');
    return server;
  });
  listening = await Promise.all(
    servers.map((server) =>
      listen({
        handler: createStreamableHttpHandler({
          connect: async (transport) => void (await server.connect(transport)),
          store: redis.open({ prefix: PREFIX }),
        }),
        port: 0,
      }),
    ),
  );
  balancer = await startRoundRobin(listening.map((l) => new URL(l.url).host));
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await balancer?.stop();
  await Promise.all(listening.map((l) => l.close()));
  await Promise.all(servers.map((server) => server.close()));
});

/** A client on `url` counting the list_changed notifications it receives, per list. */
async function counting(url: string, revision: '2025-11-25' | '2026-07-28') {
  const heard: ListKind[] = [];
  const client = new Client(
    { name: 'lists-client', version: '1.0.0' },
    { revision, onListChanged: (kind) => heard.push(kind) },
  );
  await client.connect(new StreamableHttpClientTransport(`${url}/mcp`));
  clients.push(client);
  return { client, heard };
}

describe('list_changed made on one server, heard through the other', () => {
  it('reaches legacy GET streams and 2026-07-28 listen streams held by the other server, once each', async () => {
    const [a, b] = [listening[0]!.url, listening[1]!.url];
    const legacyOnB = await counting(b, '2025-11-25');
    const legacyBalanced = await counting(balancer.url, '2025-11-25');
    // Its requests went to both servers (round robin): A serves, so its changes are published.
    await legacyBalanced.client.listTools();
    const modernOnB = await counting(b, '2026-07-28');
    const toolsListen = modernOnB.client.listen({ toolsListChanged: true });
    const promptsOnB = await counting(b, '2026-07-28');
    const promptsListen = promptsOnB.client.listen({ promptsListChanged: true });
    const legacyOnA = await counting(a, '2025-11-25');
    await Promise.all([toolsListen.acknowledged, promptsListen.acknowledged]);

    servers[0]!.tool('added', { description: 'registered on A' }, () => 'added');
    const everyone = [legacyOnB, legacyBalanced, modernOnB, legacyOnA];
    await eventually(() => everyone.every(({ heard }) => heard.length > 0));
    // Copies of the balanced session raced for the notice; a late duplicate would arrive by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const { heard } of everyone) expect(heard).toEqual(['tools']);
    expect(promptsOnB.heard).toEqual([]);
    toolsListen.close();
    promptsListen.close();
  });
});
