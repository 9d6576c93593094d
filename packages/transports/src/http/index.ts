/**
 * @mcpwire/transports/http — Streamable HTTP (2025-03-26 … 2026-07-28), server and client.
 * The server is a web-standard handler (Node, Bun, Deno, Workers); `listen`/`toNodeListener` adapt it to
 * Node's http module. The client runs on undici.
 */

export type { HttpAuthProvider } from '../shared-http/auth-provider.js';
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
export { connectWithFallback, type FallbackResult } from './client/fallback.js';
export type { ReconnectOptions, StreamableHttpClientOptions } from './client/options.js';
export type { ParamHeaderSpec } from './client/request-headers.js';
export { SessionRestartError } from './client/session-restart.js';
export { StreamableHttpClientTransport } from './client/streamable-http-client.js';
export {
  type FetchHandler,
  type NodeListener,
  type NodeListenerOptions,
  toNodeListener,
} from './node/adapter.js';
export { type Listening, type ListenOptions, listen } from './node/listen.js';
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
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './server/memory-event-store.js';
export type { ParamHeader } from './server/modern-validation.js';
export type { CorsOptions, DnsRebindingOptions } from './server/security.js';
export { type CloseStreamOptions, StreamableHttpServerTransport } from './server/server-transport.js';
