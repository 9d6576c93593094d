/**
 * The tools the scripted server adds in the 2026-07-28 era, each a trap for one client rule:
 * `confirm` asks for input through MRTR (M10, and C02/C03 through its elicitation), `weather` mirrors
 * arguments into Mcp-Param-* headers (M15), `grüße` needs the base64 sentinel in Mcp-Name (M15),
 * `bad_header` carries an invalid x-mcp-header and must be dropped by an HTTP client (M15), and
 * `ref_schema` points a `$ref` at the runner's own HTTP server so any automatic fetch is seen (M16).
 */
import type { JsonObject } from '@mcpwire/core';

export const MRTR_TOOL = 'confirm';
export const HEADER_TOOL = 'weather';
export const UNSAFE_NAME_TOOL = 'grüße';
export const BAD_HEADER_TOOL = 'bad_header';
export const REF_TOOL = 'ref_schema';

/** Opaque state chosen to break clients that trim, re-encode or parse it (spaces, quotes, non-ASCII). */
export const REQUEST_STATE = ' st@te:1 "q" ✓ +/= ';

/** One x-mcp-header annotation: the chain of `properties` keys to the value and the header name part. */
export interface HeaderAnnotation {
  readonly path: readonly string[];
  readonly header: string;
}

/** The valid annotations of `weather`, as a correct client must read them from its schema. */
export const WEATHER_HEADERS: readonly HeaderAnnotation[] = [
  { path: ['region'], header: 'Region' },
  { path: ['greeting'], header: 'Greeting' },
  { path: ['place', 'city'], header: 'City' },
];

function textTool(name: string, description: string, properties: JsonObject): JsonObject {
  return {
    name,
    description,
    inputSchema: { type: 'object', properties },
    annotations: { readOnlyHint: true },
  };
}

/** The 2026-07-28 tools, appended to the last tools/list page. `refUrl` is served by the runner. */
export function modernTools(refUrl: string): JsonObject[] {
  return [
    textTool(MRTR_TOOL, 'Asks the user to confirm through an input_required round, then answers', {}),
    textTool(HEADER_TOOL, 'Mirrors region, greeting and place.city into Mcp-Param-* headers', {
      region: { type: 'string', default: 'us-west1', 'x-mcp-header': 'Region' },
      greeting: { type: 'string', default: 'Hello, 世界', 'x-mcp-header': 'Greeting' },
      place: {
        type: 'object',
        properties: { city: { type: 'string', 'x-mcp-header': 'City' } },
      },
    }),
    textTool(UNSAFE_NAME_TOOL, 'A tool name outside the header-safe set (Mcp-Name needs base64)', {
      text: { type: 'string', default: 'hallo' },
    }),
    // "Bad Header" is not an RFC 9110 token (a space), so the whole tool is invalid over HTTP.
    textTool(BAD_HEADER_TOOL, 'Invalid x-mcp-header: an HTTP client must drop this tool', {
      q: { type: 'string', default: 'x', 'x-mcp-header': 'Bad Header' },
    }),
    textTool(REF_TOOL, 'Its schema has a network $ref that must never be fetched automatically', {
      item: { $ref: refUrl },
    }),
  ];
}

/** The value at a chain of `properties` keys in the call arguments, or undefined when absent. */
export function valueAt(args: JsonObject, path: readonly string[]): unknown {
  let current: unknown = args;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as JsonObject)[key];
  }
  return current;
}
