/**
 * The per-request protocol fields of 2026-07-28 (basic/index §_meta): reading and checking them on the
 * server, writing them on the client.
 */
import { ErrorCode, ProtocolError } from '../errors.js';
import type { JsonObject } from '../jsonrpc/types.js';
import { isLoggingLevel, LOGGING_LEVELS } from '../logging-levels.js';
import { withMember } from '../objects.js';
import type { RequestScope } from '../protocol/types.js';
import type { Revision } from '../revisions.js';
import type { LoggingLevel } from '../schemas/types.js';

/** The `_meta` key of a 2026-07-28 request's protocol version. */
export const META_PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
/** The `_meta` key of a 2026-07-28 request's client capabilities. */
export const META_CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
/** The `_meta` key of a 2026-07-28 request's client info. */
export const META_CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';
/** The `_meta` key of a 2026-07-28 request's log level. */
export const META_LOG_LEVEL = 'io.modelcontextprotocol/logLevel';
/** The `_meta` key of the server info on 2026-07-28 results. */
export const META_SERVER_INFO = 'io.modelcontextprotocol/serverInfo';
/** The `_meta` key of a 2026-07-28 subscription's id. */
export const META_SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request's `_meta` when it carries the modern protocol-version field (how a dual-era server tells eras apart). */
export function modernMetaOf(params: JsonObject | undefined): JsonObject | undefined {
  const meta = params?._meta;
  return isObject(meta) && META_PROTOCOL_VERSION in meta ? meta : undefined;
}

/**
 * Checks the per-request fields and returns the request's scope. Missing or ill-typed fields → -32602;
 * a version the server does not serve → -32022 with `data.supported` and `data.requested`.
 */
export function readModernScope(
  method: string,
  meta: JsonObject | undefined,
  modernRevisions: readonly Revision[],
  allRevisions: readonly Revision[],
): RequestScope {
  const version = meta?.[META_PROTOCOL_VERSION];
  if (typeof version !== 'string') {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `Invalid params for ${method}: expected _meta["${META_PROTOCOL_VERSION}"] to be a protocol version string (or an initialize handshake first), received ${describe(version)}`,
    );
  }
  const capabilities = meta?.[META_CLIENT_CAPABILITIES];
  if (!isObject(capabilities)) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `Invalid params for ${method}: expected _meta["${META_CLIENT_CAPABILITIES}"] to be an object, received ${describe(capabilities)}`,
    );
  }
  const revision = modernRevisions.find((candidate) => candidate === version);
  if (revision === undefined) {
    throw new ProtocolError(
      ErrorCode.UnsupportedProtocolVersion,
      `Unsupported protocol version: expected one of ${allRevisions.join(', ')}, received ${JSON.stringify(version)}`,
      { supported: [...allRevisions], requested: version },
    );
  }
  const info = meta?.[META_CLIENT_INFO];
  if (
    info !== undefined &&
    !(isObject(info) && typeof info.name === 'string' && typeof info.version === 'string')
  ) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `Invalid params for ${method}: expected _meta["${META_CLIENT_INFO}"] to be { name, version }, received ${describe(info)}`,
    );
  }
  const level = meta?.[META_LOG_LEVEL];
  if (level !== undefined && !isLoggingLevel(level)) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `Invalid params for ${method}: expected _meta["${META_LOG_LEVEL}"] to be one of ${LOGGING_LEVELS.join(', ')}, received ${describe(level)}`,
    );
  }
  return {
    revision,
    era: 'modern',
    clientCapabilities: capabilities,
    clientInfo: info as JsonObject | undefined,
    logLevel: level as LoggingLevel | undefined,
  };
}

/** The fields a modern client puts on every request, merged under the caller's own `_meta` keys. */
export interface ModernRequestFields {
  revision: Revision;
  clientCapabilities: JsonObject;
  clientInfo: JsonObject | undefined;
  logLevel: LoggingLevel | undefined;
}

export function withModernMeta(params: JsonObject | undefined, fields: ModernRequestFields): JsonObject {
  // Our members first, the caller's after, then ours again where they must win: members added after a
  // spread would cost a hidden class per request in V8 (see objects.ts).
  const meta: JsonObject = {
    [META_PROTOCOL_VERSION]: fields.revision,
    [META_CLIENT_CAPABILITIES]: fields.clientCapabilities,
    ...(fields.clientInfo === undefined ? undefined : { [META_CLIENT_INFO]: fields.clientInfo }),
    ...(fields.logLevel === undefined ? undefined : { [META_LOG_LEVEL]: fields.logLevel }),
    ...(isObject(params?._meta) ? params._meta : undefined),
  };
  meta[META_PROTOCOL_VERSION] = fields.revision;
  meta[META_CLIENT_CAPABILITIES] = fields.clientCapabilities;
  if (fields.clientInfo !== undefined) meta[META_CLIENT_INFO] = fields.clientInfo;
  if (fields.logLevel !== undefined && meta[META_LOG_LEVEL] === undefined)
    meta[META_LOG_LEVEL] = fields.logLevel;
  return withMember(params, '_meta', meta);
}

/**
 * A client's per-request fields. Requests that bring no `_meta` of their own share one (frozen) `_meta`
 * object, built once per revision and log level instead of once per request.
 */
export class ModernMetaWriter {
  #level: LoggingLevel | undefined;
  #shared: JsonObject | undefined;
  #sharedRevision: Revision | undefined;

  constructor(
    private readonly clientCapabilities: JsonObject,
    private readonly clientInfo: JsonObject | undefined,
    logLevel: LoggingLevel | undefined,
  ) {
    this.#level = logLevel;
  }

  get logLevel(): LoggingLevel | undefined {
    return this.#level;
  }

  set logLevel(level: LoggingLevel | undefined) {
    this.#level = level;
    this.#shared = undefined;
  }

  /** `params` with the fields of `revision` in its `_meta` (a copy; `params` is not changed). */
  apply(params: JsonObject | undefined, revision: Revision): JsonObject {
    if (params?._meta !== undefined) return withModernMeta(params, this.#fields(revision));
    if (this.#shared === undefined || this.#sharedRevision !== revision) {
      this.#shared = Object.freeze(withModernMeta(undefined, this.#fields(revision))._meta as JsonObject);
      this.#sharedRevision = revision;
    }
    return withMember(params, '_meta', this.#shared);
  }

  #fields(revision: Revision): ModernRequestFields {
    return {
      revision,
      clientCapabilities: this.clientCapabilities,
      clientInfo: this.clientInfo,
      logLevel: this.#level,
    };
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  } catch {
    return typeof value;
  }
}
