/**
 * The OpenTelemetry semantic conventions for MCP (semantic-conventions-genai, docs/gen-ai/mcp.md): span
 * names, attribute names and values, metric names, units and bucket boundaries. Plain data and pure
 * functions, no OpenTelemetry import.
 */
import { LocalError, ProtocolError } from '../errors.js';
import type { JsonObject, RequestId } from '../jsonrpc/types.js';
import type { TransportKind } from '../transport.js';

export const ATTR_METHOD = 'mcp.method.name';
export const ATTR_SESSION_ID = 'mcp.session.id';
export const ATTR_PROTOCOL_VERSION = 'mcp.protocol.version';
export const ATTR_RESOURCE_URI = 'mcp.resource.uri';
export const ATTR_REQUEST_ID = 'jsonrpc.request.id';
export const ATTR_TOOL_NAME = 'gen_ai.tool.name';
export const ATTR_PROMPT_NAME = 'gen_ai.prompt.name';
export const ATTR_OPERATION = 'gen_ai.operation.name';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_STATUS_CODE = 'rpc.response.status_code';
export const ATTR_NETWORK_TRANSPORT = 'network.transport';
export const ATTR_NETWORK_PROTOCOL = 'network.protocol.name';

export const METRIC_CLIENT_OPERATION = 'mcp.client.operation.duration';
export const METRIC_SERVER_OPERATION = 'mcp.server.operation.duration';
export const METRIC_CLIENT_SESSION = 'mcp.client.session.duration';
export const METRIC_SERVER_SESSION = 'mcp.server.session.duration';
/** Seconds; the ExplicitBucketBoundaries every MCP duration metric SHOULD use. */
export const DURATION_BUCKETS: readonly number[] = [
  0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300,
];

/** `error.type` of a tools/call answered with `isError: true`. */
export const TOOL_ERROR = 'tool_error';
/** `error.type` when nothing more specific is known. */
export const OTHER_ERROR = '_OTHER';

type AttributeValue = string | number | boolean;
export type AttributeMap = Record<string, AttributeValue>;

/** Names from the wire become attribute values and span names: long ones are cut to keep them bounded. */
const MAX_NAME_LENGTH = 256;

function bounded(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.length > MAX_NAME_LENGTH ? value.slice(0, MAX_NAME_LENGTH) : value;
}

/** What a request is about: the tool or prompt (low cardinality, in span names and metrics) or resource. */
export interface RequestTarget {
  tool: string | undefined;
  prompt: string | undefined;
  resourceUri: string | undefined;
}

export function targetOf(method: string, params: JsonObject | undefined): RequestTarget {
  const target: RequestTarget = { tool: undefined, prompt: undefined, resourceUri: undefined };
  if (method === 'tools/call') target.tool = bounded(params?.name);
  else if (method === 'prompts/get') target.prompt = bounded(params?.name);
  else if (
    method === 'resources/read' ||
    method === 'resources/subscribe' ||
    method === 'resources/unsubscribe'
  ) {
    target.resourceUri = bounded(params?.uri);
  }
  return target;
}

/** `{mcp.method.name} {target}` with the tool or prompt name as target; the method alone otherwise. */
export function spanName(method: string, target: RequestTarget): string {
  const name = target.tool ?? target.prompt;
  return name === undefined ? method : `${method} ${name}`;
}

/** The network attributes of a transport (semconv "Recording MCP transport"). */
export function addNetworkAttributes(attributes: AttributeMap, kind: TransportKind | undefined): void {
  if (kind === 'stdio') attributes[ATTR_NETWORK_TRANSPORT] = 'pipe';
  else if (kind === 'streamable-http' || kind === 'sse') {
    attributes[ATTR_NETWORK_TRANSPORT] = 'tcp';
    attributes[ATTR_NETWORK_PROTOCOL] = 'http';
  } else if (kind === 'websocket') {
    attributes[ATTR_NETWORK_TRANSPORT] = 'tcp';
    attributes[ATTR_NETWORK_PROTOCOL] = 'websocket';
  }
}

/** The attributes a metric point carries (no ids or URIs: they would make every point its own series). */
export function metricAttributes(
  method: string,
  target: RequestTarget,
  kind: TransportKind | undefined,
): AttributeMap {
  const attributes: AttributeMap = { [ATTR_METHOD]: method };
  if (target.tool !== undefined) {
    attributes[ATTR_TOOL_NAME] = target.tool;
    attributes[ATTR_OPERATION] = 'execute_tool';
  }
  if (target.prompt !== undefined) attributes[ATTR_PROMPT_NAME] = target.prompt;
  addNetworkAttributes(attributes, kind);
  return attributes;
}

/** Span attributes: the metric ones plus the request id, session id and resource URI. */
export function spanAttributes(
  metric: AttributeMap,
  id: RequestId,
  sessionId: string | undefined,
  target: RequestTarget,
): AttributeMap {
  const attributes: AttributeMap = { [ATTR_REQUEST_ID]: String(id), ...metric };
  if (sessionId !== undefined) attributes[ATTR_SESSION_ID] = sessionId;
  if (target.resourceUri !== undefined) attributes[ATTR_RESOURCE_URI] = target.resourceUri;
  return attributes;
}

/** The protocol version a request declares in its own params (2026-07-28 `_meta`, or initialize's). */
export function declaredVersion(method: string, params: JsonObject | undefined): string | undefined {
  const meta = params?._meta;
  if (typeof meta === 'object' && meta !== null) {
    const version = (meta as JsonObject)['io.modelcontextprotocol/protocolVersion'];
    if (typeof version === 'string') return bounded(version);
  }
  return method === 'initialize' ? bounded(params?.protocolVersion) : undefined;
}

/**
 * `error.type` of a failed request: the JSON-RPC code as a string for errors from the peer, and for local
 * failures the lower-case name of mcpwire's error code: `timeout`, `aborted`, `connection_closed`,
 * `transport`, `invalid_message`, `capability_not_supported`, `invalid_state`, `invalid_config`,
 * `unsupported_revision`, `auth`; `_OTHER` for anything else.
 */
export function errorTypeOf(error: unknown): string {
  if (error instanceof ProtocolError) return String(error.code);
  if (error instanceof LocalError) return error.code.replace(/^MCPWIRE_/, '').toLowerCase();
  return OTHER_ERROR;
}
