/** The memory store passes the ServerStore contract (two handles on one store, as two handlers would share it). */
import { createMemoryStore } from '../src/http/index.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('memory', () => {
  const store = createMemoryStore();
  return { a: store, b: store, cleanup: () => store.close!() };
});
