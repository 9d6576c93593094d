/**
 * "MCP for Dog Lovers" over HTTP (examples/dog-lovers/src/http.ts, from sources through tsx), against a
 * local dog.ceo look-alike: the official SDK v1 client over Streamable HTTP and legacy HTTP+SSE, and our
 * client in the 2026-07-28 era, all on the one process; SIGTERM stops it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@mcpwire/client';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function dogApi(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const match = /^\/api\/breed\/([a-z/]+)\/images\/random$/.exec(request.url ?? '');
    response.setHeader('content-type', 'application/json');
    if (match !== null) {
      response.end(
        JSON.stringify({ message: `https://images.dog.ceo/breeds/${match[1]!}/dog.jpg`, status: 'success' }),
      );
      return;
    }
    response.statusCode = 404;
    response.end(JSON.stringify({ status: 'error', message: 'Breed not found' }));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api` });
    });
  });
}

describe('example: MCP for Dog Lovers over HTTP', () => {
  let api: Awaited<ReturnType<typeof dogApi>>;
  let child: ChildProcess;
  let base: string;
  beforeAll(async () => {
    api = await dogApi();
    child = spawn(process.execPath, ['--import', 'tsx', 'examples/dog-lovers/src/http.ts', '--port', '0'], {
      env: { ...process.env, DOG_API_BASE_URL: api.url },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    base = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      const timer = setTimeout(
        () => reject(new Error(`Expected a ready line within 20 s: ${stderr}`)),
        20_000,
      );
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk;
        const match = /on (http:\/\/127\.0\.0\.1:\d+)\/mcp and/.exec(stderr);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) =>
        reject(new Error(`Expected the example to run; it exited with ${code}: ${stderr}`)),
      );
    });
  });
  afterAll(async () => {
    if (child?.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await new Promise((resolve) => api.server.close(resolve));
  });

  it.each(['streamable', 'sse'] as const)('SDK v1 client over %s gets a dog image', async (kind) => {
    const client = new SdkClient({ name: 'dog-fan', version: '1.0.0' });
    await client.connect(
      kind === 'streamable'
        ? new StreamableHTTPClientTransport(new URL(`${base}/mcp`))
        : new SSEClientTransport(new URL(`${base}/sse`)),
    );
    try {
      const result = await client.callTool({ name: 'getRandomDogImage', arguments: { breed: 'Beagle' } });
      expect(result.content).toEqual([
        { type: 'text', text: 'Your dog image is here: https://images.dog.ceo/breeds/beagle/dog.jpg' },
      ]);
    } finally {
      await client.close();
    }
  });

  it('our client in the 2026-07-28 era gets a dog image and a readable tool error', async () => {
    const client = new Client({ name: 'dog-fan-modern', version: '1.0.0' });
    await client.connect(new StreamableHttpClientTransport(`${base}/mcp`));
    try {
      expect(client.era).toBe('modern');
      const result = await client.callTool('getRandomDogImage', { breed: 'hound/afghan' });
      expect(result.content).toEqual([
        { type: 'text', text: 'Your dog image is here: https://images.dog.ceo/breeds/hound/afghan/dog.jpg' },
      ]);
      const unknown = await client.callTool('getRandomDogImage', { breed: '42' });
      expect(unknown.isError).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('stops with exit code 0 on SIGTERM', async () => {
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
