/** Two McpServers on one store built from the memory parts (one bus, one task store, one claim set). */
import { createInMemoryPair } from '@mcpwire/core';
import { McpServer, type McpServerStore, MemoryTaskStore } from '@mcpwire/server';
import { MemoryMessageBus } from '@mcpwire/transports/http';
import { expect, it } from 'vitest';
import { initializeRaw, rawPeer, tick } from './helpers.js';
import { describeSharedServerStore } from './shared-store-suite.js';

describeSharedServerStore('memory', () => {
  const claimed = new Set<string>();
  const store: McpServerStore = {
    tasks: new MemoryTaskStore(),
    bus: new MemoryMessageBus(),
    claim: (key) => !claimed.has(key) && claimed.add(key) !== undefined,
  };
  return [store, store];
});

it('tells its own legacy sessions of a list change while the store cannot claim (at worst twice, never not)', async () => {
  const server = new McpServer({
    name: 'claims-away',
    version: '1.0.0',
    store: {
      bus: new MemoryMessageBus(),
      claim: () => {
        throw new Error('store away');
      },
    },
  });
  const peer = await rawPeer(server, undefined, createInMemoryPair({ server: { sessionId: 'session-1' } }));
  await initializeRaw(peer, '2025-11-25');
  try {
    server.tool('added', { description: 'registered while claims fail' }, () => 'added');
    for (let i = 0; i < 100 && peer.received.length === 0; i++) await tick(10);
    expect(peer.received.map((m) => m.method)).toEqual(['notifications/tools/list_changed']);
  } finally {
    await peer.close();
  }
});
