/** McpServer's options: their types, and the server identity checked and taken from them. */
import {
  ConfigError,
  type Icon,
  type Implementation,
  type JsonObject,
  type Revision,
  type TelemetrySetting,
} from '@mcpwire/core/runtime';
import type { ErrorHook } from './errors.js';
import type { LogHook } from './logging.js';
import type { McpServerStore } from './server-store.js';
import type { ServerVisibilityRule } from './visibility.js';

/** How long clients may cache a 2026-07-28 result, and whether per caller or for everyone. */
export interface CacheHint {
  ttlMs?: number;
  cacheScope?: 'public' | 'private';
}

/** Options of an {@link McpServer}. */
export interface McpServerOptions {
  name: string;
  version: string;
  title?: string;
  description?: string;
  websiteUrl?: string;
  icons?: Icon[];
  instructions?: string;
  /** Revisions served. Default: every revision mcpwire knows (2024-11-05 … 2026-07-28). */
  revisions?: readonly Revision[];
  /** Items per page of every list. Default 100; 0 puts everything on one page. */
  pageSize?: number;
  /** Time limit for every handler, in ms (a tool may set its own). Default: none. */
  handlerTimeoutMs?: number;
  /** Time limit for requests this server sends to clients (sampling, elicitation, roots). Default 60 000. */
  clientRequestTimeoutMs?: number;
  /**
   * Key for signing 2026-07-28 requestState and salting list cursors, at least 16 bytes. Default: random
   * per server, drawn on first use. Replicas behind a load balancer, and Cloudflare Worker isolates (each
   * has its own server), must share one secret, or state and cursors issued by one are refused by another.
   */
  requestStateSecret?: string | Uint8Array;
  /** How long a requestState stays valid. Default 10 minutes. */
  requestStateTtlMs?: number;
  /** 2026-07-28 caching hints on list/read results (and server/discover). Default ttlMs 0, cacheScope "public". */
  cache?: CacheHint | ((method: string) => CacheHint);
  /** Tasks (2025-11-25): ttl bounds and poll interval. */
  tasks?: { defaultTtlMs?: number; maxTtlMs?: number; pollIntervalMs?: number };
  /**
   * Shared state for a server running as several processes (e.g. `redisStore(...)` from @mcpwire/redis):
   * tasks any process can answer for, and resource updates that reach the sessions and listen streams of
   * every process. Give every process the same `requestStateSecret` too. Default: this process only.
   */
  store?: McpServerStore;
  /**
   * OpenTelemetry spans and metrics for every request (docs/observability.md). Default: on when
   * `@opentelemetry/api` is installed and a tracer or meter provider is registered; `false` turns it off.
   */
  telemetry?: TelemetrySetting;
  /**
   * Extensions this server supports, id → settings (`{}` for none), declared in `capabilities.extensions`
   * to clients of every revision (docs/extensions.md). `server.extension()` adds more later.
   */
  extensions?: Record<string, JsonObject>;
  /**
   * A rule every tool, prompt, resource and template must pass to be shown to a caller, besides its own
   * `visible` rule (e.g. a scope policy's `visibility`); hidden items are refused as unknown.
   */
  visibility?: ServerVisibilityRule;
  /**
   * Receives every `ctx.log()` call, with whether the client got it too (2026-07-28 clients get log
   * messages only when a request asks). Unset: on stdio, what a 2026-07-28 client did not ask for goes
   * to stderr. See docs/observability.md.
   */
  logger?: LogHook;
  /**
   * Receives every handler failure (a tool, reader, prompt or completion that threw anything but a
   * deliberate ProtocolError, a handler time limit, a result that breaks the rules) with the method and the
   * name. Default: one line on stderr. The client gets the error's message either way (see the README).
   */
  onerror?: ErrorHook;
}

/** The `serverInfo` an McpServer declares, taken from its options (a clear error when name or version is missing). */
export function serverInfoFrom(options: McpServerOptions): Implementation {
  if (typeof options?.name !== 'string' || typeof options.version !== 'string') {
    throw new ConfigError(
      `McpServer: expected options with string name and version, received ${JSON.stringify(options)}`,
    );
  }
  const info: Implementation = { name: options.name, version: options.version };
  if (options.title !== undefined) info.title = options.title;
  if (options.description !== undefined) info.description = options.description;
  if (options.websiteUrl !== undefined) info.websiteUrl = options.websiteUrl;
  if (options.icons !== undefined) info.icons = options.icons;
  return info;
}
