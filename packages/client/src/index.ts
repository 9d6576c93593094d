/** @mcpwire/client — the MCP client (runtime-neutral). Node helpers (mcpServers config) are in ./node. */

// The error classes a client catches, so that it needs no import from @mcpwire/core.
// Moved to @mcpwire/core (the server validates plain JSON Schemas too); re-exported so imports keep working.
export {
  AbortedError,
  CapabilityError,
  ConfigError,
  ConnectionClosedError,
  ErrorCode,
  LocalError,
  LocalErrorCode,
  McpwireError,
  ProtocolError,
  type SchemaIssue,
  SessionExpiredError,
  TimeoutError,
  TransportError,
  UnsupportedRevisionError,
  validateJsonSchema,
} from '@mcpwire/core/runtime';
export type { CallToolResult } from './call-tool.js';
export { type CallOptions, Client, type ClientOptions, type ListKind } from './client.js';
export type {
  CompleteParams,
  CompleteResult,
  GetPromptResult,
  ListPromptsResult,
  ListResourcesResult,
  ListResourceTemplatesResult,
  ListToolsResult,
  ReadResourceResult,
} from './client-results.js';
export { applyFormDefaults, formDefaults } from './elicitation-defaults.js';
export { OutputSchemaError, RejectedToolError } from './errors.js';
export type { ClientHandlerContext, ClientHandlers, UrlConsent } from './handlers.js';
export { collect, DEFAULT_MAX_PAGES } from './pagination.js';
export {
  checkParamHeaders,
  encodeMcpHeaderValue,
  mcpRequestHeaders,
  type ParamHeaderSpec,
  type ParamHeadersCheck,
} from './param-headers.js';
export type { Subscription } from './subscription.js';
