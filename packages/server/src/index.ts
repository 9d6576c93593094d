/** @mcpwire/server: McpServer and what its handlers receive and return. */
// The error classes handlers throw and catch, so that a server needs no import from @mcpwire/core.
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
  StoreUnavailableError,
  TimeoutError,
  TransportError,
  UnsupportedRevisionError,
} from '@mcpwire/core/runtime';
export {
  type AppResourceConfig,
  type AppResourceUi,
  type AppToolConfig,
  type AppToolUi,
  type AppToolVisibility,
  MCP_APP_MIME_TYPE,
  MCP_APPS_EXTENSION,
  registerAppResource,
  registerAppTool,
  supportsApps,
} from './apps.js';
export type { CompleteCallback } from './completions.js';
export { type ElicitParams, HandlerContext, isLoggingLevel, type SampleParams } from './context.js';
export { type ErrorHook, type FailedRequest, failureLine, ResourceNotFoundError } from './errors.js';
export { type LogEntry, type LogHook, logLine } from './logging.js';
export type { Middleware, Next } from './middleware.js';
export { canonicalJson, InputRequiredSignal } from './mrtr.js';
export type {
  ArgumentNames,
  NotAStringSchema,
  PromptArgsOf,
  PromptArgumentsSchema,
  PromptChanges,
  PromptConfig,
  PromptHandler,
  PromptReturn,
  StringArguments,
} from './prompts.js';
export type { ListKind, RegisteredHandle } from './registry.js';
export type {
  ReadReturn,
  ResourceChanges,
  ResourceConfig,
  ResourceReader,
  TemplateChanges,
  TemplateConfig,
  TemplateReader,
  TemplateVariables,
} from './resources.js';
export type { ArgsOf, ArgumentsSchema, JsonSchemaObject, ObjectSchema, SchemaShape } from './schema-input.js';
export { McpServer } from './server.js';
export type { CacheHint, McpServerOptions } from './server-options.js';
export type { McpServerStore, ServerBus, ServerBusSubscription } from './server-store.js';
export { ServerSession } from './session.js';
export type {
  StandardIssue,
  StandardJsonSchemaConverter,
  StandardJsonSchemaOptions,
  StandardResult,
  StandardSchemaProps,
  StandardSchemaV1,
} from './standard-schema.js';
export {
  MemoryTaskStore,
  type TaskOutcome,
  type TaskRecord,
  type TaskState,
  type TaskStore,
} from './task-store.js';
export type {
  NoArguments,
  PlainToolReturn,
  StructuredToolResult,
  TaskSupport,
  ToolChanges,
  ToolConfig,
  ToolHandler,
  ToolResult,
  ToolReturn,
} from './tools.js';
export { type TemplateValues, UriTemplate } from './uri-template.js';
export type { Caller, ServerVisibilityRule, VisibilityRule, VisibleKind } from './visibility.js';
