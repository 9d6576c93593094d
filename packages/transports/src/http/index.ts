/**
 * @mcpwire/transports/http — Streamable HTTP (2025-03-26 … 2026-07-28), server and client, for Node (and
 * Bun). The server is a web-standard handler (see ./web.ts, which is all a Worker, browser or Deno build
 * gets under this same import); `listen`/`toNodeListener` adapt it to Node's http module, with helpers for
 * Fastify and for Hono on @hono/node-server that keep the fast path. The client runs on undici.
 */

export type { HttpAuthProvider } from '../shared-http/auth-provider.js';
export { connectWithFallback, type FallbackResult } from './client/fallback.js';
export type { ReconnectOptions, StreamableHttpClientOptions } from './client/options.js';
export type { ParamHeaderSpec } from './client/request-headers.js';
export { SessionRestartError } from './client/session-restart.js';
export { StreamableHttpClientTransport } from './client/streamable-http-client.js';
export { type ToFastifyPluginOptions, toFastifyPlugin } from './frameworks/fastify.js';
// The Node build's Hono helper reaches the fast path through @hono/node-server's c.env; it replaces the
// web build's one of the same name (an explicit export wins over `export *`).
export { toHonoHandler } from './frameworks/hono-node.js';
export { type NodeListener, type NodeListenerOptions, toNodeListener } from './node/adapter.js';
export { type Listening, type ListenOptions, listen } from './node/listen.js';
export { createNodeRouter, type NodeRouter } from './node/node-router.js';
export * from './web.js';
