/**
 * How a server or client finds OpenTelemetry. `@opentelemetry/api` is an optional peer dependency,
 * imported (once per process) when the first connection handles its first message; when it is not installed
 * nothing happens at all. Where a dynamic import cannot reach it (a bundle for Workers or a browser), pass the
 * module itself: `telemetry: { api }` with `import * as api from '@opentelemetry/api'`.
 *
 * Start-up does not wait for that import unless the application already registered something with
 * OpenTelemetry (then the module is loaded and the import is quick, and the first requests are traced):
 * a process that does not use OpenTelemetry pays nothing for it. Connections made before the import settles
 * get hooks that stay silent until then, and are handed the real ones (or none). The import starts after the
 * first message has been handled (a server's first answer, `initialize`, does not wait for it: the import
 * costs more CPU time than the rest of a cold start's own work).
 */
import type * as Otel from '@opentelemetry/api';
import { ConfigError } from '../errors.js';
import type { EngineTelemetry, IncomingSpan, OutgoingSpan, SessionTelemetry } from '../protocol/telemetry.js';
import { OpenTelemetryHooks, type TelemetryScope } from './open-telemetry.js';

/** The `@opentelemetry/api` module (`import * as api from '@opentelemetry/api'`), any 1.x from 1.9. */
export interface OpenTelemetryApi {
  readonly trace: object;
  readonly context: object;
  readonly propagation: object;
  readonly metrics: object;
}

/** How a server or client reports to OpenTelemetry: the API to use, or `false` for nothing. */
export interface TelemetryOptions {
  /**
   * The OpenTelemetry API to report through. Default: `@opentelemetry/api` as installed, imported once
   * the first connection has handled its first message; nothing is recorded when it is not installed.
   */
  api?: OpenTelemetryApi;
}

/** `false` turns tracing, metrics and trace-context propagation off. */
export type TelemetrySetting = TelemetryOptions | false;

// Kept in a variable so bundlers leave the import to run time instead of failing to resolve it.
const API_MODULE = '@opentelemetry/api';
/**
 * Where API 1.x keeps what the application registered (providers, propagator, context manager, diag):
 * present once anything was registered. Used only to decide whether start-up waits for the import.
 */
const REGISTRY = Symbol.for('opentelemetry.js.api.1');

let imported: Promise<OpenTelemetryApi | undefined> | undefined;
let importSettled = false;
let importedApi: OpenTelemetryApi | undefined;
let importScheduled = false;
/**
 * The import starts at the latest this long after the first connection (one that never gets a message must
 * not keep the connections waiting for it alive).
 */
const LATEST_IMPORT_MS = 1000;
/** Run once the import settles (sources hand their stand-in hooks' holders the real hooks). */
const onImportSettled: Array<() => void> = [];

function isApi(value: unknown): value is OpenTelemetryApi {
  if (typeof value !== 'object' || value === null) return false;
  const api = value as Record<string, unknown>;
  return (
    typeof api.trace === 'object' &&
    typeof api.context === 'object' &&
    typeof api.propagation === 'object' &&
    typeof api.metrics === 'object' &&
    typeof api.ProxyTracerProvider === 'function' &&
    typeof api.createNoopMeter === 'function'
  );
}

/** `@opentelemetry/api` if it can be imported here, else undefined. Imported once per process. */
export function importOpenTelemetryApi(): Promise<OpenTelemetryApi | undefined> {
  imported ??= import(/* @vite-ignore */ API_MODULE).then(
    (module: unknown) => {
      const fallback = (module as { default?: unknown }).default;
      importedApi = isApi(module) ? module : isApi(fallback) ? fallback : undefined;
      settle();
      return importedApi;
    },
    () => {
      settle();
      return undefined;
    },
  );
  return imported;
}

function settle(): void {
  importSettled = true;
  for (const listener of onImportSettled.splice(0)) listener();
}

/** Starts the import after the message being handled now (its answer is not delayed by the import). */
function importSoon(): void {
  if (importScheduled || imported !== undefined) return;
  importScheduled = true;
  setTimeout(() => void importOpenTelemetryApi(), 0);
}

/** Something is attached to the telemetry of: an engine. */
interface TelemetryHolder {
  telemetry: EngineTelemetry | undefined;
}

/**
 * The telemetry of one server or client, shared by all its connections. `attach(engine)` gives an engine
 * its hooks: none when turned off or when the API is not installed.
 */
export class TelemetrySource {
  private readonly off: boolean;
  private current: OpenTelemetryHooks | undefined = undefined;
  private pending: PendingHooks | undefined = undefined;
  private waiting: TelemetryHolder[] | undefined = undefined;

  /** Created by servers and clients from their `telemetry` option. */
  constructor(
    setting: TelemetrySetting | undefined,
    private readonly scope: TelemetryScope,
  ) {
    if (setting !== undefined && setting !== false && (typeof setting !== 'object' || setting === null)) {
      throw new ConfigError(
        `telemetry: expected false or { api? }, received ${setting === null ? 'null' : typeof setting}`,
      );
    }
    const given = setting === false ? undefined : setting?.api;
    if (given !== undefined && !isApi(given)) {
      throw new ConfigError(
        'telemetry.api: expected the @opentelemetry/api module (import * as api from "@opentelemetry/api"), received an object without trace, context, propagation, metrics, ProxyTracerProvider and createNoopMeter',
      );
    }
    this.off = setting === false;
    if (given !== undefined) this.current = new OpenTelemetryHooks(given as typeof Otel, scope);
  }

  /**
   * Whether a connection should wait for `load()` before it starts: only while the API is being looked
   * for and the application has registered something with OpenTelemetry (so its first requests count).
   */
  get mustWait(): boolean {
    return (
      !this.off &&
      this.current === undefined &&
      !importSettled &&
      (globalThis as Record<symbol, unknown>)[REGISTRY] !== undefined
    );
  }

  /** Imports `@opentelemetry/api` now rather than on the first message. */
  load(): Promise<void> {
    return importOpenTelemetryApi().then(() => undefined);
  }

  /** The hooks on the imported API, once imported (undefined before, and when it is not installed). */
  imported(): OpenTelemetryHooks | undefined {
    if (this.current === undefined && importSettled && importedApi !== undefined) {
      this.current = new OpenTelemetryHooks(importedApi as typeof Otel, this.scope);
    }
    return this.current;
  }

  /** Gives `engine` its hooks and returns them (for the session duration). */
  attach(engine: TelemetryHolder): SessionTelemetry | undefined {
    if (this.off) return undefined;
    if (this.current !== undefined || importSettled) {
      engine.telemetry = this.imported();
      return engine.telemetry as SessionTelemetry | undefined;
    }
    if (this.pending === undefined) {
      const pending = new PendingHooks(this);
      this.pending = pending;
      const latest = setTimeout(importSoon, LATEST_IMPORT_MS);
      (latest as { unref?: () => void }).unref?.();
      onImportSettled.push(() => {
        // Engines given the stand-in get the real hooks, or none, now that the import settled.
        for (const holder of this.waiting ?? [])
          if (holder.telemetry === pending) holder.telemetry = this.imported();
        this.waiting = undefined;
      });
    }
    this.waiting ??= [];
    this.waiting.push(engine);
    engine.telemetry = this.pending;
    return this.pending;
  }
}

/** Stands in while the API is imported: silent until then, the real hooks' afterwards. */
class PendingHooks implements SessionTelemetry {
  constructor(private readonly source: TelemetrySource) {}

  startOutgoing(...args: Parameters<SessionTelemetry['startOutgoing']>): OutgoingSpan | undefined {
    importSoon();
    return this.source.imported()?.startOutgoing(...args);
  }

  startIncoming(...args: Parameters<SessionTelemetry['startIncoming']>): IncomingSpan | undefined {
    importSoon();
    return this.source.imported()?.startIncoming(...args);
  }

  sessionEnded(...args: Parameters<SessionTelemetry['sessionEnded']>): void {
    this.source.imported()?.sessionEnded(...args);
  }
}
