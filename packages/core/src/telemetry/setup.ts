/**
 * How a server or client finds OpenTelemetry. `@opentelemetry/api` is an optional peer dependency: by
 * default it is imported (once per process) on the first connect, and when it is not installed nothing
 * happens at all. Where a dynamic import cannot reach it (a bundle for Workers or a browser), pass the
 * module itself: `telemetry: { api }` with `import * as api from '@opentelemetry/api'`.
 */
import type * as Otel from '@opentelemetry/api';
import { ConfigError } from '../errors.js';
import type { SessionTelemetry } from '../protocol/telemetry.js';
import { OpenTelemetryHooks, type TelemetryScope } from './open-telemetry.js';

/** The `@opentelemetry/api` module (`import * as api from '@opentelemetry/api'`), any 1.x from 1.9. */
export interface OpenTelemetryApi {
  readonly trace: object;
  readonly context: object;
  readonly propagation: object;
  readonly metrics: object;
}

export interface TelemetryOptions {
  /**
   * The OpenTelemetry API to report through. Default: `@opentelemetry/api` as installed, imported on the
   * first connect; nothing is recorded when it is not installed.
   */
  api?: OpenTelemetryApi;
}

/** `false` turns tracing, metrics and trace-context propagation off. */
export type TelemetrySetting = TelemetryOptions | false;

// Kept in a variable so bundlers leave the import to run time instead of failing to resolve it.
const API_MODULE = '@opentelemetry/api';
let imported: Promise<OpenTelemetryApi | undefined> | undefined;

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
      if (isApi(module)) return module;
      const fallback = (module as { default?: unknown }).default;
      return isApi(fallback) ? fallback : undefined;
    },
    () => undefined,
  );
  return imported;
}

/**
 * The telemetry of one server or client, shared by all its connections: `hooks` is undefined when turned
 * off or when the API is not installed. The default setting imports the API on the first `load()`.
 */
export class TelemetrySource {
  private current: OpenTelemetryHooks | undefined = undefined;
  private settled: boolean;
  private loading: Promise<void> | undefined = undefined;

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
    if (given !== undefined) this.current = new OpenTelemetryHooks(given as typeof Otel, scope);
    this.settled = setting === false || given !== undefined;
  }

  /** False until the default setting looked for the API (await `load()` once before the first connection). */
  get ready(): boolean {
    return this.settled;
  }

  get hooks(): SessionTelemetry | undefined {
    return this.current;
  }

  load(): Promise<void> {
    this.loading ??= importOpenTelemetryApi().then((api) => {
      if (api !== undefined) this.current = new OpenTelemetryHooks(api as typeof Otel, this.scope);
      this.settled = true;
    });
    return this.loading;
  }
}
