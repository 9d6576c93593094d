/**
 * @mcpwire/transports/sse — the deprecated HTTP+SSE transport of 2024-11-05, server and client, for
 * talking to old peers. New code uses ./http (Streamable HTTP). Workers, browsers and Deno get ./web.ts
 * under the same import (package.json `exports` conditions).
 */

export { type SseClientOptions, SseClientTransport } from './client.js';
export * from './web.js';
