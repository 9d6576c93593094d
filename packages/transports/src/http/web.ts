/**
 * @mcpwire/transports/http for runtimes without Node's http module (Workers, browsers, Deno, edge
 * runtimes): the Streamable HTTP server as a web-standard `(Request) => Response` handler, the router that
 * mounts it beside other routes, and what both need. Nothing here imports `node:` modules or undici, so a
 * bundler targeting workerd/worker/browser resolves `@mcpwire/transports/http` to this file's build with
 * no aliases, stubs or `nodejs_compat` (package.json `exports` conditions). Node, and Bun, get ./index.ts:
 * this plus `listen`, `toNodeListener`, the framework helpers and the undici-based client.
 */

export { HttpStatusError, LegacyServerError, SessionExpiredError } from '../shared-http/errors.js';
export { decodeHeaderValue, encodeHeaderValue, isPlainHeaderValue } from '../shared-http/header-values.js';
export type { HttpAuthOptions, ScopeVerdict } from '../shared-http/http-auth.js';
export { SseDecoder, type SseDecoderOptions, type SseEvent } from '../shared-http/sse-decoder.js';
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
export type { HonoContextLike } from './frameworks/hono-types.js';
export { toHonoHandler } from './frameworks/hono-web.js';
export type {
  EventStore,
  EventTail,
  EventTailListener,
  SharedEventStore,
} from './server/event-store.js';
export type { ResponseMode } from './server/exchange.js';
export {
  type ConnectInfo,
  createStreamableHttpHandler,
  type StreamableHttpHandler,
  type StreamableHttpHandlerOptions,
} from './server/handler.js';
export { type FastHandler, type FetchHandler, LIGHT_HANDLER } from './server/http-io.js';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './server/memory-event-store.js';
export type { ParamHeader } from './server/modern-validation.js';
export { createRouter, type Router, type RouterOptions, type Routes } from './server/router.js';
export type { CorsOptions, DnsRebindingOptions } from './server/security.js';
export { type CloseStreamOptions, StreamableHttpServerTransport } from './server/server-transport.js';
