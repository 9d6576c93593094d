/**
 * @mcpwire/transports/sse for runtimes without Node's http module (Workers, browsers, Deno): the legacy
 * HTTP+SSE server handler and its stores. The client runs on undici and comes with the Node build
 * (./index.ts).
 */

export type {
  EventStore,
  EventTail,
  EventTailListener,
  SharedEventStore,
} from '../http/server/event-store.js';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from '../http/server/memory-event-store.js';
export type { HttpAuthOptions, ScopeVerdict } from '../shared-http/http-auth.js';
export { MemorySessionStore } from '../store/memory-session-store.js';
export {
  type BusListener,
  type BusSubscription,
  MemoryMessageBus,
  type MessageBus,
} from '../store/message-bus.js';
export { ANONYMOUS, principalKey } from '../store/principal.js';
export { createMemoryStore, type MemoryStoreOptions, type ServerStore } from '../store/server-store.js';
export type {
  CreateOutcome,
  SessionChanges,
  SessionKind,
  SessionLimits,
  SessionRecord,
  SessionStore,
} from '../store/session-store.js';
export { createSseHandler, type SseHandler, type SseHandlerOptions, SseServerTransport } from './server.js';
