/**
 * 2026-07-28 Streamable HTTP request headers that belong to the client model
 * (basic/transports/streamable-http §Standard Request Headers, §Custom Headers from Tool Parameters):
 * - which tool arguments a server asked to mirror into `Mcp-Param-{name}` headers (`x-mcp-header`), and
 *   whether those annotations are valid (a tool with an invalid one is dropped from tools/list);
 * - the header values of one outgoing message: `Mcp-Method`, `Mcp-Name` and `Mcp-Param-*`, encoded as the
 *   spec says (plain when header-safe, `=?base64?...?=` otherwise).
 */
import type { JsonObject, Tool } from '@mcpwire/core/runtime';

/** One argument mirrored into a header: `Mcp-Param-{header}` takes the value at `path` in the arguments. */
export interface ParamHeaderSpec {
  header: string;
  path: readonly string[];
}

/** Whether a tool's `x-mcp-header` annotations follow the rules, and the headers they map to. */
export type ParamHeadersCheck = { ok: true; headers: ParamHeaderSpec[] } | { ok: false; reason: string };

/** RFC 9110 §5.1 token: 1*tchar. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COMPOSITION_KEYS = [
  'items',
  'prefixItems',
  'additionalItems',
  'contains',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  '$ref',
  '$defs',
  'definitions',
  'additionalProperties',
  'patternProperties',
  'dependentSchemas',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
] as const;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Finds every `x-mcp-header` in a tool's input schema and checks the spec's constraints on each. */
export function checkParamHeaders(tool: Pick<Tool, 'name' | 'inputSchema'>): ParamHeadersCheck {
  const headers: ParamHeaderSpec[] = [];
  const seen = new Set<string>();
  let problem: string | undefined;

  const visitReachable = (schema: JsonObject, path: string[]): void => {
    if (problem !== undefined) return;
    if ('x-mcp-header' in schema && path.length > 0) {
      const reason = checkAnnotation(schema, path, seen);
      if (reason !== undefined) {
        problem = reason;
        return;
      }
      const header = schema['x-mcp-header'] as string;
      seen.add(header.toLowerCase());
      headers.push({ header, path });
    }
    for (const key of COMPOSITION_KEYS) {
      if (key in schema) visitUnreachable(schema[key], `${path.join('.') || '(root)'} → ${key}`);
    }
    if (isObject(schema.properties)) {
      for (const [name, sub] of Object.entries(schema.properties)) {
        if (isObject(sub)) visitReachable(sub, [...path, name]);
      }
    }
  };

  // Anything below an array, composition, conditional or $ref keyword is not statically reachable: an
  // annotation there makes the whole tool invalid.
  const visitUnreachable = (node: unknown, where: string): void => {
    if (problem !== undefined) return;
    if (Array.isArray(node)) {
      for (const item of node) visitUnreachable(item, where);
      return;
    }
    if (!isObject(node)) return;
    if ('x-mcp-header' in node) {
      problem = `x-mcp-header is only allowed on properties reachable through "properties" alone, found one under ${where}`;
      return;
    }
    for (const value of Object.values(node)) visitUnreachable(value, where);
  };

  if (isObject(tool.inputSchema)) visitReachable(tool.inputSchema as JsonObject, []);
  return problem === undefined ? { ok: true, headers } : { ok: false, reason: problem };
}

function checkAnnotation(schema: JsonObject, path: string[], seen: ReadonlySet<string>): string | undefined {
  const value = schema['x-mcp-header'];
  const at = `property "${path.join('.')}"`;
  if (typeof value !== 'string' || value.length === 0)
    return `x-mcp-header of ${at}: expected a non-empty string, received ${JSON.stringify(value)}`;
  if (!TOKEN.test(value))
    return `x-mcp-header of ${at}: expected an HTTP token (RFC 9110 tchar only), received ${JSON.stringify(value)}`;
  if (seen.has(value.toLowerCase()))
    return `x-mcp-header of ${at}: expected names unique regardless of case, received a second "${value}"`;
  const type = schema.type;
  if (type !== 'string' && type !== 'integer' && type !== 'boolean')
    return `x-mcp-header of ${at}: expected a property of type string, integer or boolean, received type ${JSON.stringify(type)}`;
  return undefined;
}

// ------------------------------------------------------------------ header values

/** Names of the requests whose `Mcp-Name` header mirrors a params field. */
const NAME_FIELD: ReadonlyMap<string, string> = new Map([
  ['tools/call', 'name'],
  ['prompts/get', 'name'],
  ['resources/read', 'uri'],
]);

/** Visible ASCII, space and tab, without leading or trailing whitespace (RFC 9110 field values). */
const PLAIN_VALUE = /^(?:[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?)?$/;

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A header value as the spec carries it: as-is when header-safe, else `=?base64?{utf-8 base64}?=`. */
export function encodeMcpHeaderValue(text: string): string {
  return PLAIN_VALUE.test(text) ? text : `=?base64?${base64Utf8(text)}?=`;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** The header text of an argument value, or undefined when the value cannot be carried. */
function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_SAFE)
    return String(value);
  return undefined;
}

function valueAt(args: unknown, path: readonly string[]): unknown {
  let value = args;
  for (const key of path) value = isObject(value) ? value[key] : undefined;
  return value;
}

/**
 * The 2026-07-28 metadata headers of one request: `Mcp-Method`, `Mcp-Name` (tools/call, prompts/get,
 * resources/read) and, for tools/call, one `Mcp-Param-{name}` per annotated argument that has a value.
 * Header names are returned lower-case (HTTP names are case-insensitive).
 */
export function mcpRequestHeaders(
  message: { method: string; params?: JsonObject | undefined },
  paramHeaders: readonly ParamHeaderSpec[] | undefined,
): Record<string, string> {
  const headers: Record<string, string> = { 'mcp-method': message.method };
  const field = NAME_FIELD.get(message.method);
  const name = field === undefined ? undefined : message.params?.[field];
  if (typeof name === 'string') headers['mcp-name'] = encodeMcpHeaderValue(name);
  if (message.method !== 'tools/call' || paramHeaders === undefined) return headers;
  const args = message.params?.arguments;
  for (const spec of paramHeaders) {
    const text = headerText(valueAt(args, spec.path));
    if (text !== undefined) headers[`mcp-param-${spec.header.toLowerCase()}`] = encodeMcpHeaderValue(text);
  }
  return headers;
}
