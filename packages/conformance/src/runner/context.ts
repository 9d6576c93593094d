/**
 * What every check of one run shares: the wire, the recorder, the negotiated revision and capabilities,
 * and `call`, which adds the per-request `_meta` of 2026-07-28 in modern runs so checks stay era-neutral.
 */
import {
  type Era,
  type JsonObject,
  META_CLIENT_CAPABILITIES,
  META_PROTOCOL_VERSION,
  type Revision,
} from '@mcpwire/core';
import type { Recorder } from './recorder.js';
import type { Exchange, ExchangeOptions, Wire } from './wire.js';

export interface ServerCheckOptions {
  /** Tools the user allows us to call in addition to read-only and known fixture tools. */
  readonly callTools: readonly string[];
  /** Default time a request may take. */
  readonly timeoutMs: number;
}

export interface RunContext {
  readonly wire: Wire;
  readonly rec: Recorder;
  revision: Revision;
  readonly era: Era;
  readonly options: ServerCheckOptions;
  /** What we declared; the L05 observer holds the server to it. */
  readonly clientCapabilities: JsonObject;
  serverCapabilities: JsonObject;
  /** Modern runs: the versions server/discover listed. */
  supportedVersions: readonly unknown[];
  /**
   * Modern runs: true once the server showed it also serves legacy clients (a legacy revision in
   * supportedVersions, a legacy run of this check that negotiated, or an InitializeResult to the M05 probe).
   * Checks meant for modern-only servers (M05, M17) do not apply to it.
   */
  dualEra: boolean;
  /** Minimum level set by logging/setLevel (legacy), for F07. */
  logLevel: string | undefined;
  /** Modern runs: true while a request carries a logLevel, for M08. */
  modernLogLevelSent: boolean;
  call(method: string, params?: JsonObject, options?: ExchangeOptions): Promise<Exchange>;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A cheap request every server of the era answers: ping (legacy) or server/discover (2026-07-28 has no ping). */
export function livenessMethod(ctx: RunContext): string {
  return ctx.era === 'modern' ? 'server/discover' : 'ping';
}

/** Params with the modern per-request fields merged into `_meta`. */
export function withModernMeta(
  params: JsonObject | undefined,
  revision: string,
  capabilities: JsonObject,
  extraMeta: JsonObject = {},
): JsonObject {
  const base = params ?? {};
  const meta = isObject(base['_meta']) ? base['_meta'] : {};
  return {
    ...base,
    _meta: {
      ...meta,
      [META_PROTOCOL_VERSION]: revision,
      [META_CLIENT_CAPABILITIES]: capabilities,
      ...extraMeta,
    },
  };
}

export function createContext(
  init: Omit<RunContext, 'call' | 'logLevel' | 'modernLogLevelSent' | 'supportedVersions' | 'dualEra'>,
): RunContext {
  const ctx: RunContext = {
    ...init,
    logLevel: undefined,
    modernLogLevelSent: false,
    supportedVersions: [],
    dualEra: false,
    call(method, params, options) {
      const timeout = { timeoutMs: init.options.timeoutMs, ...options };
      if (init.era === 'legacy') return init.wire.request(method, params, timeout);
      return init.wire.request(
        method,
        withModernMeta(params, init.revision, init.clientCapabilities),
        timeout,
      );
    },
  };
  return ctx;
}

/** The result of a well-formed response (one carrying both result and error is neither: J01 judges it). */
export function resultOf(exchange: Exchange): JsonObject | undefined {
  if (exchange.response !== undefined && 'error' in exchange.response) return undefined;
  const result = exchange.response?.['result'];
  return isObject(result) ? result : undefined;
}

export function errorOf(exchange: Exchange): { code: unknown; message: unknown; data?: unknown } | undefined {
  if (exchange.response !== undefined && 'result' in exchange.response) return undefined;
  const error = exchange.response?.['error'];
  return isObject(error) ? (error as { code: unknown; message: unknown; data?: unknown }) : undefined;
}
