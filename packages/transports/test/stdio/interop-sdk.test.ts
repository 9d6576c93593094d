import type { JSONRPCPayload } from '@mcpwire/core';
import { StdioClientTransport } from '@mcpwire/transports/stdio';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as SdkStdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { eventually, fixture, isAlive, repoRoot } from './helpers.js';

describe('stdio interop with the official SDK (@modelcontextprotocol/sdk v1)', () => {
  it('our StdioClientTransport drives the SDK McpServer through initialize, tools/list and tools/call', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [fixture('sdk-server.mjs')],
      cwd: repoRoot,
    });
    const received: JSONRPCPayload[] = [];
    const errors: Error[] = [];
    transport.onmessage = (message) => received.push(message);
    transport.onerror = (error) => errors.push(error);
    await transport.start();
    const answer = async (id: number) => {
      expect(
        await eventually(() => received.some((m) => !Array.isArray(m) && 'id' in m && m.id === id), 10_000),
      ).toBe(true);
      return received.find((m) => !Array.isArray(m) && 'id' in m && m.id === id) as {
        result?: Record<string, unknown>;
      };
    };
    await transport.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'mcpwire-test', version: '0' },
      },
    });
    expect((await answer(1)).result).toMatchObject({
      protocolVersion: '2025-06-18',
      serverInfo: { name: 'sdk-peer' },
    });
    await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await transport.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect((await answer(2)).result).toMatchObject({ tools: [{ name: 'hello' }] });
    await transport.send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'hello', arguments: {} },
    });
    expect((await answer(3)).result).toMatchObject({
      content: [{ type: 'text', text: 'hello from the official SDK' }],
    });
    const pid = transport.pid!;
    await transport.close();
    expect(isAlive(pid)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('the SDK Client drives a server built on our StdioServerTransport', async () => {
    const client = new Client({ name: 'sdk-client', version: '1.0.0' });
    const transport = new SdkStdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', fixture('mini-server.ts')],
      cwd: repoRoot,
      stderr: 'inherit',
    });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'mcpwire-mini' });
      const tools = await client.listTools();
      expect(tools.tools.map((t) => t.name)).toEqual(['shout']);
      const result = await client.callTool({ name: 'shout', arguments: { text: 'quiet' } });
      expect(result.content).toEqual([{ type: 'text', text: 'QUIET' }]);
    } finally {
      await client.close();
    }
  });
});
