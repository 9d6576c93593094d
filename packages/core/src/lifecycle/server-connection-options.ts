/** Options of a ServerConnection (see server-connection.ts). */

import type { JsonObject } from '../jsonrpc/types.js';
import type { ProtocolEngineOptions } from '../protocol/engine.js';
import type { Revision } from '../revisions.js';
import type { Implementation, ServerCapabilities } from '../schemas/types.js';

/** Capabilities may depend on the revision (e.g. no `tasks` for 2024-11-05 clients). */
export type CapabilitiesOption<C> = C | ((revision: Revision) => C);

/**
 * Options of a {@link ServerConnection}: who the server is, its capabilities and instructions, the revisions
 * it serves.
 */
export interface ServerConnectionOptions extends ProtocolEngineOptions {
  serverInfo: Implementation;
  capabilities?: CapabilitiesOption<ServerCapabilities | JsonObject>;
  instructions?: string;
  /** Revisions served, any order. Default: every revision mcpwire knows. */
  revisions?: readonly Revision[];
  /** `server/discover` cache hints. Default ttlMs 0 (always re-fetch), cacheScope "public". */
  discover?: { ttlMs?: number; cacheScope?: 'public' | 'private' };
  /** Put `io.modelcontextprotocol/serverInfo` into every modern result's `_meta` (spec SHOULD). Default true. */
  serverInfoInResults?: boolean;
}
