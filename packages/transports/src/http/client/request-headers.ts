/**
 * The headers of the client's requests: Accept, the caller's headers and Mcp-Session-Id on every request,
 * and on POSTs the 2026-07-28 request metadata headers (streamable-http §Request Metadata):
 * MCP-Protocol-Version from `_meta`, Mcp-Method, Mcp-Name (base64 sentinel when unsafe), plus Mcp-Param-*
 * from x-mcp-header arguments.
 */
import {
  isRevision,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type JsonObject,
  MODERN_REVISIONS,
} from '@mcpwire/core/runtime';
import {
  HEADER_METHOD,
  HEADER_NAME,
  HEADER_PARAM_PREFIX,
  HEADER_PROTOCOL_VERSION,
  HEADER_SESSION_ID,
  META_PROTOCOL_VERSION,
  NAMED_METHODS,
} from '../../shared-http/header-names.js';
import { encodeHeaderValue, headerStringOf } from '../../shared-http/header-values.js';
import type { StreamableHttpClientOptions } from './options.js';

const ACCEPT_BOTH = 'application/json, text/event-stream';
const MODERN: ReadonlySet<string> = new Set(MODERN_REVISIONS);

/** An `x-mcp-header` annotation of a tool argument (see the server's ParamHeader). */
export interface ParamHeaderSpec {
  header: string;
  path: readonly string[];
}

/** The `_meta` protocol version a message carries, if any. */
export function messageProtocolVersion(message: JSONRPCMessage): string | undefined {
  if (!('method' in message)) return undefined;
  const meta = message.params?._meta as JsonObject | undefined;
  const version = typeof meta === 'object' && meta !== null ? meta[META_PROTOCOL_VERSION] : undefined;
  return typeof version === 'string' ? version : undefined;
}

export function isModernVersion(version: string | undefined): boolean {
  return version !== undefined && (MODERN.has(version) || (!isRevision(version) && version > '2025-11-25'));
}

/** Adds the modern metadata headers of one message to `headers`. */
export function addModernHeaders(
  headers: Record<string, string>,
  message: JSONRPCMessage,
  version: string,
  paramHeaders: readonly ParamHeaderSpec[] | undefined,
): void {
  headers[HEADER_PROTOCOL_VERSION] = version;
  if (!('method' in message)) return;
  headers[HEADER_METHOD] = message.method;
  const field = NAMED_METHODS.get(message.method);
  if (field === undefined) return;
  const name = message.params?.[field];
  if (typeof name === 'string') headers[HEADER_NAME] = encodeHeaderValue(name);
  if (paramHeaders === undefined || message.method !== 'tools/call') return;
  const args = message.params?.arguments;
  for (const spec of paramHeaders) {
    let value: unknown = args;
    for (const key of spec.path) {
      value =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as JsonObject)[key]
          : undefined;
    }
    const text = headerStringOf(value);
    if (text !== undefined)
      headers[HEADER_PARAM_PREFIX + spec.header.toLowerCase()] = encodeHeaderValue(text);
  }
}

/** Headers every request carries: Accept, the caller's `headers`, and Mcp-Session-Id within a session. */
export function baseHeaders(
  extra: Record<string, string> | undefined,
  session: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = { accept: ACCEPT_BOTH, ...extra };
  if (session !== undefined) headers[HEADER_SESSION_ID] = session;
  return headers;
}

/** The headers of one POST of `message` (its first message when a batch). */
export function postHeaders(
  options: StreamableHttpClientOptions,
  message: JSONRPCMessage,
  isInitialize: boolean,
  session: string | undefined,
  protocolVersion: string | undefined,
): Record<string, string> {
  const metaVersion = messageProtocolVersion(message);
  const modern = isModernVersion(metaVersion);
  const headers = baseHeaders(options.headers, modern ? undefined : session);
  headers['content-type'] = 'application/json';
  if (modern) {
    const name = 'method' in message && message.method === 'tools/call' ? message.params?.name : undefined;
    const params = typeof name === 'string' ? options.paramHeaders?.(name) : undefined;
    addModernHeaders(headers, message, metaVersion!, params);
  } else if (protocolVersion !== undefined && !isInitialize) {
    headers[HEADER_PROTOCOL_VERSION] = protocolVersion;
  }
  if ('method' in message && 'id' in message && options.requestHeaders !== undefined) {
    Object.assign(headers, options.requestHeaders(message as JSONRPCRequest));
  }
  return headers;
}
