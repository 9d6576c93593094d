/**
 * @mcpwire/transports/sse — the deprecated HTTP+SSE transport of 2024-11-05, server and client, for
 * talking to old peers. New code uses ./http (Streamable HTTP).
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
export { type SseClientOptions, SseClientTransport } from './client.js';
export { createSseHandler, type SseHandler, type SseHandlerOptions, SseServerTransport } from './server.js';
