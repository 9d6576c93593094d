/**
 * `@mcpwire/core/runtime`: everything of core except the zod schemas. The server, client and transport
 * packages import this entry, so a process that only serves or calls MCP does not load zod (about 40 ms of a
 * cold start) before its first answer: the engine loads the schemas on first need (see
 * ../protocol/deferred-specs.ts). `@mcpwire/core` is this plus the schemas.
 */
export * from '../body-limit.js';
export * from '../errors.js';
export * from '../in-memory.js';
export * from '../json-schema.js';
export * from '../jsonrpc/framing.js';
export * from '../jsonrpc/guards.js';
export * from '../jsonrpc/parse.js';
export * from '../jsonrpc/serialize.js';
export * from '../jsonrpc/types.js';
export * from '../lifecycle/index.js';
export * from '../logging-levels.js';
export * from '../protocol/index.js';
export * from '../revisions.js';
export type {
  ClientNotificationMap,
  ClientRequestMap,
  ServerNotificationMap,
  ServerRequestMap,
} from '../schemas/maps.js';
export type * from '../schemas/types.js';
export * from '../telemetry/index.js';
export * from '../transport.js';
