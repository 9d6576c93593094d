/** HTTP header names MCP uses (lower case: the Fetch Headers API compares names case-insensitively). */
export const HEADER_SESSION_ID = 'mcp-session-id';
export const HEADER_PROTOCOL_VERSION = 'mcp-protocol-version';
export const HEADER_LAST_EVENT_ID = 'last-event-id';
export const HEADER_METHOD = 'mcp-method';
export const HEADER_NAME = 'mcp-name';
/** Prefix of the headers mirrored from `x-mcp-header` tool arguments (2026-07-28). */
export const HEADER_PARAM_PREFIX = 'mcp-param-';

/** `_meta` keys of 2026-07-28 per-request protocol fields. */
export const META_PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';

/** Methods whose `Mcp-Name` header mirrors `params.name` or `params.uri` (2026-07-28). */
export const NAMED_METHODS: ReadonlyMap<string, 'name' | 'uri'> = new Map([
  ['tools/call', 'name'],
  ['prompts/get', 'name'],
  ['resources/read', 'uri'],
]);
