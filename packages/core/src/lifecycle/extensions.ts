/**
 * Extension negotiation (2026-07-28 basic/versioning §Extension Negotiation): both sides list the
 * extensions they support in `capabilities.extensions`, a map of extension identifier → settings object
 * (`{}`: supported, no settings). Identifiers follow the `_meta` key rules with a mandatory prefix, e.g.
 * `io.modelcontextprotocol/ui`. The same field travels in legacy `initialize` capabilities (MCP Apps
 * negotiates that way with every revision).
 */
import { CapabilityError, ConfigError, ErrorCode, ProtocolError } from '../errors.js';
import type { JsonObject } from '../jsonrpc/types.js';
import type { RequestScope } from '../protocol/types.js';

const LABEL = '[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
/** prefix (dot-separated labels) "/" name (alphanumeric at both ends; `-`, `_`, `.` inside). */
const EXTENSION_ID = new RegExp(`^${LABEL}(?:\\.${LABEL})*/[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$`);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a well-formed extension identifier (prefix required). */
export function isExtensionId(id: unknown): id is string {
  return typeof id === 'string' && EXTENSION_ID.test(id);
}

/**
 * Checks a map of extensions to declare: well-formed identifiers, object settings. Returns a copy, so a
 * later change to the caller's object does not change what was declared.
 */
export function checkedExtensions(extensions: unknown, where: string): Record<string, JsonObject> {
  if (!isObject(extensions)) {
    throw new ConfigError(
      `${where}: expected an object of extension id → settings, received ${typeof extensions}`,
    );
  }
  const checked: Record<string, JsonObject> = {};
  for (const [id, settings] of Object.entries(extensions)) {
    if (!isExtensionId(id)) {
      throw new ConfigError(
        `${where}: expected extension ids like "com.example/name" (a dotted prefix, "/", a name), received ${JSON.stringify(id)}`,
      );
    }
    if (!isObject(settings)) {
      throw new ConfigError(
        `${where}: expected the settings of ${id} to be an object ({} for none), received ${JSON.stringify(settings)}`,
      );
    }
    checked[id] = settings;
  }
  return checked;
}

/** The settings the peer declared for extension `id`, or undefined when it did not declare it. */
export function extensionSettings(capabilities: JsonObject | undefined, id: string): JsonObject | undefined {
  const extensions = capabilities?.extensions;
  if (!isObject(extensions)) return undefined;
  const settings = extensions[id];
  return isObject(settings) ? settings : undefined;
}

/** `capabilities` with `extensions` declared (merged over any already there); unchanged when there are none. */
export function withExtensions(
  capabilities: JsonObject,
  extensions: Record<string, JsonObject> | undefined,
): JsonObject {
  if (extensions === undefined || Object.keys(extensions).length === 0) return capabilities;
  const existing = isObject(capabilities.extensions) ? capabilities.extensions : undefined;
  const merged: JsonObject = { extensions: { ...existing, ...extensions }, ...capabilities };
  merged.extensions = { ...existing, ...extensions };
  return merged;
}

/**
 * For handlers: fail unless the client declared extension `id` for this request (an extension's "reject
 * the request" fallback). Modern era: -32021 with `data.requiredCapabilities` (basic/index §_meta).
 * Legacy era: -32602 with the same data (the legacy revisions define no code for it).
 */
export function requireClientExtension(scope: RequestScope, id: string): JsonObject {
  const settings = extensionSettings(scope.clientCapabilities, id);
  if (settings !== undefined) return settings;
  const data = { requiredCapabilities: { extensions: { [id]: {} } } };
  if (scope.era === 'modern') {
    throw new ProtocolError(
      ErrorCode.MissingRequiredClientCapability,
      `Missing required client capability: expected extension "${id}" in _meta["io.modelcontextprotocol/clientCapabilities"].extensions, received ${JSON.stringify(Object.keys(isObject(scope.clientCapabilities?.extensions) ? scope.clientCapabilities.extensions : {}))}`,
      data,
    );
  }
  throw new ProtocolError(
    ErrorCode.InvalidParams,
    `Invalid params: this request needs the client extension "${id}", which the client did not declare in initialize`,
    data,
  );
}

/** For clients: fail locally unless the server declared extension `id`. */
export function requireServerExtension(capabilities: JsonObject | undefined, id: string): JsonObject {
  const settings = extensionSettings(capabilities, id);
  if (settings !== undefined) return settings;
  throw new CapabilityError(
    capabilities === undefined
      ? `Extension "${id}": the server's capabilities are not known (a pinned 2026-07-28 connection skips server/discover)`
      : `Extension "${id}": expected the server to declare it in capabilities.extensions, but it did not`,
  );
}
