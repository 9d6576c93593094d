/**
 * The `store` option of the HTTP handlers: session records, the event store and the message bus in one
 * value. Handlers given the same store behave like replicas of one server: any of them serves any
 * session. `createMemoryStore()` shares state between the handlers of one process; a Redis store shares
 * it between processes.
 */
import type { SharedEventStore } from '../http/server/event-store.js';
import { InMemoryEventStore, type InMemoryEventStoreOptions } from '../http/server/memory-event-store.js';
import { MemorySessionStore } from './memory-session-store.js';
import { MemoryMessageBus, type MessageBus } from './message-bus.js';
import type { SessionStore } from './session-store.js';

/**
 * Session records, events and a message bus shared by HTTP handlers (the `store` option): memory for one
 * process, Redis for many.
 */
export interface ServerStore {
  readonly sessions: SessionStore;
  readonly events: SharedEventStore;
  readonly bus: MessageBus;
  /**
   * Releases what the parts hold (timers, connections). Handlers never call it: the store may outlive
   * them and serve several. Optional.
   */
  close?(): Promise<void>;
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  events?: InMemoryEventStoreOptions;
}

/** The three memory implementations, for handlers of one process that should act as one server. */
export function createMemoryStore(options: MemoryStoreOptions = {}): ServerStore {
  const sessions = new MemorySessionStore();
  const events = new InMemoryEventStore(options.events);
  const bus = new MemoryMessageBus();
  return {
    sessions,
    events,
    bus,
    async close() {
      sessions.close();
      events.close();
      bus.close();
    },
  };
}
