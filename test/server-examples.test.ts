/**
 * The examples as real stdio servers: "MCP for Dog Lovers" against a local dog.ceo look-alike, and the
 * minimal server. They run from sources through tsx (same code `node dist/index.js` runs after a build).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, StdioPeer } from './server-stdio-peer.js';

function dogApi(): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const match = /^\/api\/breed\/([a-z/]+)\/images\/random$/.exec(request.url ?? '');
    response.setHeader('content-type', 'application/json');
    if (match !== null && ['hound', 'hound/afghan', 'beagle'].includes(match[1]!)) {
      response.end(
        JSON.stringify({
          message: `https://images.dog.ceo/breeds/${match[1]!.replace('/', '-')}/dog.jpg`,
          status: 'success',
        }),
      );
      return;
    }
    response.statusCode = 404;
    response.end(
      JSON.stringify({ status: 'error', message: 'Breed not found (main breed does not exist)', code: 404 }),
    );
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/api`, requests });
    });
  });
}

async function callTool(peer: StdioPeer, name: string, args: Json): Promise<Json> {
  return (await peer.request('tools/call', { name, arguments: args })).result as Json;
}

describe('example: MCP for Dog Lovers', () => {
  let api: Awaited<ReturnType<typeof dogApi>>;
  let peer: StdioPeer;
  beforeAll(async () => {
    api = await dogApi();
    peer = new StdioPeer(['--import', 'tsx', 'examples/dog-lovers/src/index.ts'], {
      ...process.env,
      DOG_API_BASE_URL: api.url,
    });
    await peer.initialize('2025-06-18');
  });
  afterAll(async () => {
    expect(await peer.end()).toBe(0);
    await new Promise((resolve) => api.server.close(resolve));
  });

  it('lists getRandomDogImage with a breed argument', async () => {
    const { tools } = (await peer.request('tools/list')).result as { tools: Json[] };
    expect(tools).toHaveLength(1);
    expect(tools[0]).toMatchObject({
      name: 'getRandomDogImage',
      inputSchema: { type: 'object', properties: { breed: { type: 'string' } }, required: ['breed'] },
    });
  });

  it('answers with the image URL from the API', async () => {
    const result = await callTool(peer, 'getRandomDogImage', { breed: 'hound' });
    expect(result.content).toEqual([
      { type: 'text', text: 'Your dog image is here: https://images.dog.ceo/breeds/hound/dog.jpg' },
    ]);
    const sub = await callTool(peer, 'getRandomDogImage', { breed: 'hound/afghan' });
    expect(sub.content).toEqual([
      { type: 'text', text: 'Your dog image is here: https://images.dog.ceo/breeds/hound-afghan/dog.jpg' },
    ]);
    expect(api.requests).toContain('/api/breed/hound/images/random');
  });

  it('turns an unknown breed into an isError result with the API message', async () => {
    const result = await callTool(peer, 'getRandomDogImage', { breed: 'unicorn' });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('Breed not found');
  });

  it('answers a missing breed argument with -32602 naming the field (2025-06-18 rules)', async () => {
    const response = await peer.request('tools/call', { name: 'getRandomDogImage', arguments: {} });
    expect((response.error as Json).code).toBe(-32602);
    expect((response.error as Json).message).toContain('field `breed`');
  });

  it('turns a network failure into an isError result', async () => {
    const closed = await dogApi();
    const url = closed.url;
    await new Promise((resolve) => closed.server.close(resolve));
    const offline = new StdioPeer(['--import', 'tsx', 'examples/dog-lovers/src/index.ts'], {
      ...process.env,
      DOG_API_BASE_URL: url,
    });
    await offline.initialize('2025-11-25');
    const result = await callTool(offline, 'getRandomDogImage', { breed: 'beagle' });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('Could not reach the dog API');
    expect(await offline.end()).toBe(0);
  });
});

describe('example: minimal stdio server', () => {
  it('serves its add tool and logs only to stderr', async () => {
    const peer = new StdioPeer(['--import', 'tsx', 'examples/minimal-stdio/src/index.ts']);
    await peer.initialize();
    const result = await callTool(peer, 'add', { a: 2, b: 40 });
    expect(result.content).toEqual([{ type: 'text', text: '42' }]);
    expect(await peer.end()).toBe(0);
    expect(peer.stderr.join('')).toContain('minimal-server ready');
  });
});
