/**
 * Logging in 2026-07-28 (SEP-2577): handlers keep one `ctx.log()` call. A 2026-07-28 request gets log
 * messages only at or above the level its `_meta` asks for, none without one; the server's `logger`
 * hook receives every call (and whether the client got it); without a hook, on stdio, what the client
 * did not ask for goes to stderr. Legacy sessions are unchanged.
 */
import { Client } from '@mcpwire/client';
import { createInMemoryPair, type LoggingMessageNotificationParams, type Revision } from '@mcpwire/core';
import { type LogEntry, McpServer } from '@mcpwire/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modernMeta, StdioPeer } from './server-stdio-peer.js';

function makeServer(entries: LogEntry[]): McpServer {
  const server = new McpServer({ name: 'logs', version: '1.0.0', logger: (entry) => entries.push(entry) });
  server.tool('work', {}, async (_args, ctx) => {
    await ctx.log('debug', 'starting', 'worker');
    await ctx.log('info', { step: 'done' }, 'worker');
    return 'worked';
  });
  return server;
}

async function run(revision: Revision, level?: 'info') {
  const entries: LogEntry[] = [];
  const received: LoggingMessageNotificationParams[] = [];
  const [clientSide, serverSide] = createInMemoryPair();
  await makeServer(entries).connect(serverSide);
  const client = new Client(
    { name: 'log-client', version: '1.0.0' },
    { revision, onLog: (params) => received.push(params) },
  );
  await client.connect(clientSide);
  if (level !== undefined) await client.setLoggingLevel(level);
  await client.callTool('work');
  await client.close();
  return { entries, received };
}

const summary = (entries: LogEntry[]) => entries.map((entry) => [entry.level, entry.sentToClient]);

describe('the logger hook and the client', () => {
  it('2026-07-28 without a level: the client gets nothing, the hook gets both calls', async () => {
    const { entries, received } = await run('2026-07-28');
    expect(received).toEqual([]);
    expect(summary(entries)).toEqual([
      ['debug', false],
      ['info', false],
    ]);
    expect(entries[1]).toMatchObject({
      data: { step: 'done' },
      logger: 'worker',
      method: 'tools/call',
      target: 'work',
    });
  });

  it('2026-07-28 asking for info: the client gets info, the hook gets both and knows which went out', async () => {
    const { entries, received } = await run('2026-07-28', 'info');
    expect(received).toEqual([{ level: 'info', logger: 'worker', data: { step: 'done' } }]);
    expect(summary(entries)).toEqual([
      ['debug', false],
      ['info', true],
    ]);
  });

  it('legacy: the session still gets everything without logging/setLevel', async () => {
    const { entries, received } = await run('2025-11-25');
    expect(received.map((params) => params.level)).toEqual(['debug', 'info']);
    expect(summary(entries)).toEqual([
      ['debug', true],
      ['info', true],
    ]);
  });
});

describe('stdio without a hook (one server process: two 2026-07-28 requests, then a legacy session)', () => {
  let peer: StdioPeer;
  beforeAll(() => {
    peer = new StdioPeer(['--import', 'tsx', 'test/fixtures/logging-server.ts']);
  });
  afterAll(async () => {
    expect(await peer.end()).toBe(0);
  });

  const stderrLines = () =>
    peer.stderr
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('['));
  const logNotifications = () => peer.received.filter((m) => m.method === 'notifications/message');

  it('2026-07-28: what the client did not ask for goes to stderr, nothing to stdout', async () => {
    const response = await peer.request('tools/call', { name: 'work', arguments: {}, _meta: modernMeta() });
    expect(response.result).toMatchObject({ content: [{ type: 'text', text: 'worked' }] });
    expect(logNotifications()).toEqual([]);
    await expect
      .poll(stderrLines)
      .toEqual([
        '[debug] worker: starting (tools/call work)',
        '[info] worker: {"step":"done"} (tools/call work)',
      ]);
  });

  it('2026-07-28 asking for info: info goes to the client, debug to stderr', async () => {
    const meta = modernMeta({}, { 'io.modelcontextprotocol/logLevel': 'info' });
    await peer.request('tools/call', { name: 'work', arguments: {}, _meta: meta });
    expect(logNotifications().map((m) => (m.params as { level: string }).level)).toEqual(['info']);
    await expect.poll(() => stderrLines().slice(2)).toEqual(['[debug] worker: starting (tools/call work)']);
  });

  it('legacy: everything goes to the client, nothing more to stderr', async () => {
    await peer.initialize('2025-11-25');
    await peer.request('tools/call', { name: 'work', arguments: {} });
    expect(logNotifications()).toHaveLength(3);
    expect(stderrLines()).toHaveLength(3);
  });
});
