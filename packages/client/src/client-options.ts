/** Options of a Client, and the option types its methods take (see client.ts). */
import type {
  ClientCapabilities,
  EraCache,
  JsonObject,
  LoggingMessageNotificationParams,
  RequestOptions,
  Revision,
  Root,
  TelemetrySetting,
  Tool,
} from '@mcpwire/core/runtime';
import type { ClientHandlers } from './handlers.js';

/**
 * Options of one call: `timeoutMs`, `signal`, `onprogress`, `resetTimeoutOnProgress`, `maxTotalTimeoutMs`.
 */
export type CallOptions = Omit<RequestOptions, 'relatedRequestId'>;

/** A list that can change (`notifications/<kind>/list_changed`). */
export type ListKind = 'tools' | 'resources' | 'prompts';

/** Options of a {@link Client}. */
export interface ClientOptions {
  /** Declared capabilities; those implied by `handlers` and `roots` are added. */
  capabilities?: ClientCapabilities;
  /**
   * Extensions this client supports, id → settings (`{}` for none), declared in
   * `capabilities.extensions` (initialize and every 2026-07-28 request). See docs/extensions.md.
   */
  extensions?: Record<string, JsonObject>;
  /** Pin one revision: no probe, no fallback. */
  revision?: Revision;
  /** Revisions this client accepts (default: all). */
  revisions?: readonly Revision[];
  /** Identifies the server (command line, URL) for the era cache. */
  target?: string;
  /** Where the era of each target is remembered. Default: one in-process cache shared by all clients. */
  eraCache?: EraCache;
  /** How long the server/discover probe may take before falling back to initialize. Default 5000 ms. */
  probeTimeoutMs?: number;
  /** Timeout of calls that set none. Default 60 000 ms. */
  defaultTimeoutMs?: number;
  /** 2026-07-28: most input_required rounds per call. Default 8. */
  maxInputRounds?: number;
  /** Most pages followed by one list iteration. Default 1000. */
  maxPages?: number;
  /** Validate structuredContent against the tool's outputSchema. Default true. */
  validateToolOutput?: boolean;
  handlers?: ClientHandlers;
  /** The roots offered to servers (declares the roots capability with listChanged). */
  roots?: readonly Root[];
  /** A tool was dropped from tools/list because its x-mcp-header annotations are invalid. */
  onToolRejected?: (tool: Tool, reason: string) => void;
  /** Called with each log message the server sends. */
  onLog?: (params: LoggingMessageNotificationParams) => void;
  /** Called when the server says one of its lists changed. */
  onListChanged?: (kind: ListKind) => void;
  /** Called when a subscribed resource changed. */
  onResourceUpdated?: (uri: string) => void;
  /** Errors that belong to no call (bad frames, failed notifications). */
  onError?: (error: Error) => void;
  /**
   * OpenTelemetry spans and metrics for every request, and trace context in each request's `_meta`
   * (docs/observability.md). Default: on when `@opentelemetry/api` is installed and a tracer or meter
   * provider is registered; `false` turns it off.
   */
  telemetry?: TelemetrySetting;
}
