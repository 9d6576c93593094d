/** Options of a ClientConnection (see client-connection.ts). */

import type { JsonObject } from '../jsonrpc/types.js';
import type { ProtocolEngineOptions } from '../protocol/engine.js';
import type { Revision } from '../revisions.js';
import type { ClientCapabilities, Implementation, LoggingLevel } from '../schemas/types.js';
import type { EraCache } from './era-cache.js';

/** How long the `server/discover` probe waits by default before falling back to initialize. */
export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

/** Options of a {@link ClientConnection}: who the client is, what it supports, and how it settles the era. */
export interface ClientConnectionOptions extends ProtocolEngineOptions {
  clientInfo: Implementation;
  capabilities?: ClientCapabilities | JsonObject;
  /** Speak exactly this revision: no probe, no fallback. */
  revision?: Revision;
  /** Revisions this client accepts. Default: every revision mcpwire knows. */
  revisions?: readonly Revision[];
  /** Key for the era cache: a server command line, an origin. No caching without it. */
  target?: string;
  eraCache?: EraCache;
  /** How long the `server/discover` probe may take before falling back to initialize. Default 5000 ms. */
  probeTimeoutMs?: number;
  /** Modern era: `io.modelcontextprotocol/logLevel` sent on every request (no log messages without it). */
  logLevel?: LoggingLevel;
  /** Modern era: most input_required rounds for one call before giving up. Default 8. */
  maxInputRounds?: number;
}
