/**
 * M15 over Streamable HTTP (2026-07-28 streamable-http §Standard Request Headers, §Custom Headers): every
 * request carries `Mcp-Method`; tools/call, resources/read and prompts/get carry `Mcp-Name`; arguments
 * annotated with `x-mcp-header` are mirrored into `Mcp-Param-{Name}` (omitted when absent or null); values
 * that are not plain header-safe ASCII travel in the `=?base64?…?=` sentinel form; and a tool with an
 * invalid annotation is never called. Also the version header (H12 in this era): `MCP-Protocol-Version`
 * equals the body's `_meta` protocol version on every POST.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { type JsonObject, META_PROTOCOL_VERSION } from '@mcpwire/core';
import { isObject } from '../runner/context.js';
import { type Recorder, received } from '../runner/recorder.js';
import { BAD_HEADER_TOOL, HEADER_TOOL, valueAt, WEATHER_HEADERS } from './modern-tools.js';

const NAMED: Readonly<Record<string, string>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
};
const SENTINEL_PREFIX = '=?base64?';
const SENTINEL_SUFFIX = '?=';

/** Whether a value may travel as a plain header value (visible ASCII, inner spaces/tabs, no edge spaces). */
export function isHeaderSafe(value: string): boolean {
  if (value !== value.trim()) return false; // leading or trailing whitespace needs the sentinel
  if (value.startsWith(SENTINEL_PREFIX) && value.endsWith(SENTINEL_SUFFIX)) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code !== 0x09 && (code < 0x20 || code > 0x7e)) return false;
  }
  return true;
}

/** The value a header carries, after base64-sentinel decoding. */
export function decodeHeaderValue(value: string): string {
  if (
    value.length >= SENTINEL_PREFIX.length + SENTINEL_SUFFIX.length &&
    value.startsWith(SENTINEL_PREFIX) &&
    value.endsWith(SENTINEL_SUFFIX)
  )
    return Buffer.from(value.slice(SENTINEL_PREFIX.length, -SENTINEL_SUFFIX.length), 'base64').toString(
      'utf8',
    );
  return value;
}

function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Compares one mirrored header with its body value; returns what is wrong, or undefined. */
function mismatch(header: string, sentValue: string | undefined, expected: string): string | undefined {
  if (sentValue === undefined)
    return `expected ${header}: ${JSON.stringify(expected)}, received no ${header} header`;
  if (!isHeaderSafe(expected) && !sentValue.startsWith(SENTINEL_PREFIX))
    return `expected ${header} in the =?base64?…?= form for the unsafe value ${JSON.stringify(expected)}, received ${JSON.stringify(sentValue)}`;
  const decoded = decodeHeaderValue(sentValue);
  if (decoded !== expected)
    return `expected ${header} to carry ${JSON.stringify(expected)}, received ${JSON.stringify(sentValue)} (decoded ${JSON.stringify(decoded)})`;
  return undefined;
}

function asHeaderString(value: unknown): string {
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

/** Judges the headers of one modern POST. Returns true when a rule was broken. */
export function judgeModernHeaders(
  rec: Recorder,
  headers: IncomingHttpHeaders,
  message: JsonObject,
  raw: string,
): boolean {
  const method = message['method'];
  if (typeof method !== 'string') return false;
  const params = isObject(message['params']) ? message['params'] : {};
  const problems: string[] = [];
  const methodHeader = headerOf(headers, 'mcp-method');
  if (methodHeader === undefined && 'id' in message)
    problems.push(`expected Mcp-Method: ${method}, received no Mcp-Method header`);
  else if (methodHeader !== undefined && methodHeader !== method)
    problems.push(`expected Mcp-Method: ${method}, received ${JSON.stringify(methodHeader)}`);
  const field = NAMED[method];
  const nameValue = field === undefined ? undefined : params[field];
  if (typeof nameValue === 'string') {
    const wrong = mismatch('Mcp-Name', headerOf(headers, 'mcp-name'), nameValue);
    if (wrong !== undefined) problems.push(wrong);
  }
  if (method === 'tools/call') {
    if (params['name'] === BAD_HEADER_TOOL)
      problems.push(
        `expected the tool ${BAD_HEADER_TOOL} (x-mcp-header "Bad Header" is not a token) to be dropped from tools/list, received a call of it`,
      );
    if (params['name'] === HEADER_TOOL) {
      const args = isObject(params['arguments']) ? params['arguments'] : {};
      for (const { path, header } of WEATHER_HEADERS) {
        const value = valueAt(args, path);
        const sentValue = headerOf(headers, `mcp-param-${header.toLowerCase()}`);
        if (value === undefined || value === null) {
          if (sentValue !== undefined)
            problems.push(
              `expected no Mcp-Param-${header} (no ${path.join('.')} argument), received ${JSON.stringify(sentValue)}`,
            );
          continue;
        }
        const wrong = mismatch(`Mcp-Param-${header}`, sentValue, asHeaderString(value));
        if (wrong !== undefined) problems.push(wrong);
      }
    }
  }
  const evidence = [received(raw)];
  for (const problem of problems) rec.fail('M15', problem, evidence);
  if (problems.length === 0)
    rec.pass(
      'M15',
      'Mcp-Method, Mcp-Name and Mcp-Param-* headers matched the bodies (base64 sentinel where needed)',
    );
  const meta = isObject(params['_meta']) ? params['_meta'] : {};
  const version = headerOf(headers, 'mcp-protocol-version');
  if (version !== meta[META_PROTOCOL_VERSION])
    rec.fail(
      'H12',
      `expected MCP-Protocol-Version: ${String(meta[META_PROTOCOL_VERSION])} (the body's _meta version), received ${JSON.stringify(version ?? null)}`,
      evidence,
    );
  return problems.length > 0;
}
