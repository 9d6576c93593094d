/** The memory TaskStore passes the TaskStore contract (one store as both handles, as one process has it). */
import { MemoryTaskStore } from '@mcpwire/server';
import { afterAll } from 'vitest';
import { describeTaskStoreContract } from './task-store-contract.js';

const stores: MemoryTaskStore[] = [];
afterAll(() => {
  for (const store of stores) store.clear();
});

describeTaskStoreContract('memory', async () => {
  const store = new MemoryTaskStore();
  stores.push(store);
  return { a: store, b: store };
});
