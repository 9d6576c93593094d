/**
 * @mcpwire/transports/sse — the deprecated HTTP+SSE transport of 2024-11-05, server and client, for
 * talking to old peers. New code uses ./http (Streamable HTTP).
 */

export type { HttpAuthOptions, ScopeVerdict } from '../shared-http/http-auth.js';
export { type SseClientOptions, SseClientTransport } from './client.js';
export { createSseHandler, type SseHandler, type SseHandlerOptions, SseServerTransport } from './server.js';
