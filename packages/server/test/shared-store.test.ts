/** Two McpServers on one store built from the memory parts (one bus, one task store, one claim set). */
import { type McpServerStore, MemoryTaskStore } from '@mcpwire/server';
import { MemoryMessageBus } from '@mcpwire/transports/http';
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
