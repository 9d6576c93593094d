/**
 * The errors a client user meets: importable from @mcpwire/client (no @mcpwire/core import needed), and
 * messages that say what to do in the user's words.
 */
import {
  Client,
  ConnectionClosedError,
  ErrorCode,
  LocalError,
  LocalErrorCode,
  ProtocolError,
  SessionExpiredError,
  TimeoutError,
} from '@mcpwire/client';
import { createInMemoryPair } from '@mcpwire/core';
import * as server from '@mcpwire/server';
import { SessionExpiredError as TransportSessionExpiredError } from '@mcpwire/transports/http';
import { describe, expect, it } from 'vitest';

async function connected(): Promise<Client> {
  const mcp = new server.McpServer({ name: 's', version: '1', onerror: () => undefined });
  mcp.tool('refuse', {}, () => {
    throw new server.ProtocolError(ErrorCode.InvalidParams, 'not today');
  });
  mcp.tool('hang', {}, () => new Promise<string>(() => undefined));
  const [clientSide, serverSide] = createInMemoryPair();
  await mcp.connect(serverSide);
  const client = new Client({ name: 'c', version: '1' }, { revision: '2025-11-25' });
  await client.connect(clientSide);
  return client;
}

describe('client errors', () => {
  it('a call before connect says to connect first', async () => {
    const client = new Client({ name: 'c', version: '1' });
    const error = await client.listTools().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConnectionClosedError);
    expect((error as Error).message).toContain('tools/list');
    expect((error as Error).message).toContain('client.connect(transport)');
    expect((error as Error).message).not.toContain('engine');
  });

  it('a second connect says one Client serves one connection', async () => {
    const client = await connected();
    const error = await client.connect(createInMemoryPair()[0]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(LocalError);
    expect((error as LocalError).code).toBe(LocalErrorCode.InvalidState);
    expect((error as Error).message).toMatch(/connect\(\) was called twice.*new Client/);
    expect((error as Error).message).not.toContain('engine');
    await client.close();
  });

  it('a call after close says the connection is closed', async () => {
    const client = await connected();
    await client.close();
    const error = await client.listTools().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConnectionClosedError);
    expect((error as Error).message).toMatch(/tools\/list: the connection is closed/);
  });

  it('exports the classes the errors are instances of, shared with the server and the transports', async () => {
    const client = await connected();
    const refused = await client.callTool('refuse', {}).catch((thrown: unknown) => thrown);
    expect(refused).toBeInstanceOf(ProtocolError);
    expect(refused).toBeInstanceOf(server.ProtocolError);
    expect((refused as ProtocolError).code).toBe(ErrorCode.InvalidParams);
    const late = await client.callTool('hang', {}, { timeoutMs: 5 }).catch((thrown: unknown) => thrown);
    expect(late).toBeInstanceOf(TimeoutError);
    expect(server.TimeoutError).toBe(TimeoutError);
    expect(SessionExpiredError).toBe(TransportSessionExpiredError);
    await client.close();
  });
});
