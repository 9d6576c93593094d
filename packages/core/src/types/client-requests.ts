/**
 * What a server asks of the client: sampling (sampling/createMessage), elicitation (elicitation/create,
 * 2025-06-18 and later) and roots (roots/list). Legacy revisions send them as JSON-RPC requests; 2026-07-28
 * sends them inside an InputRequiredResult, without `_meta`-bearing request fields, and its answers carry
 * no `resultType`.
 */
import type { JsonObject } from '../jsonrpc/types.js';
import type { MetaObject, NotificationParams, RequestParams, Role } from './base.js';
import type { SamplingMessageContentBlock } from './content.js';
import type { TaskMetadata } from './tasks.js';
import type { Tool } from './tool-definition.js';

// ---- sampling ----------------------------------------------------------------------------------------------

/** A hint of a model a server would like for sampling. */
export interface ModelHint {
  /** A (partial) model name, e.g. "claude-3-5-sonnet" or "sonnet". */
  name?: string;
}

/** What the server prefers in a model; each priority 0 (unimportant) to 1 (most important). */
export interface ModelPreferences {
  hints?: ModelHint[];
  costPriority?: number;
  speedPriority?: number;
  intelligencePriority?: number;
}

/** 2025-11-25 and later: how the model may use the tools offered. */
export interface ToolChoice {
  mode?: 'auto' | 'required' | 'none';
}

/** A message of a sampling conversation. */
export interface SamplingMessage {
  role: Role;
  /** One block, or (2025-11-25 and later) several. */
  content: SamplingMessageContentBlock | SamplingMessageContentBlock[];
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}

export interface CreateMessageRequestParams extends RequestParams {
  messages: SamplingMessage[];
  modelPreferences?: ModelPreferences;
  systemPrompt?: string;
  includeContext?: 'none' | 'thisServer' | 'allServers';
  temperature?: number;
  maxTokens: number;
  stopSequences?: string[];
  /** Provider-specific metadata, passed through. */
  metadata?: JsonObject;
  /** 2025-11-25: run the request as a task. */
  task?: TaskMetadata;
  /** 2025-11-25 and later: tools the model may call. */
  tools?: Tool[];
  /** 2025-11-25 and later. */
  toolChoice?: ToolChoice;
}

/** The client's answer to sampling/createMessage: the model's message. */
export interface CreateMessageResult {
  role: Role;
  content: SamplingMessageContentBlock | SamplingMessageContentBlock[];
  /** The model that answered. */
  model: string;
  /** e.g. "endTurn", "stopSequence", "maxTokens", "toolUse". */
  stopReason?: string;
  _meta?: MetaObject;
}

// ---- elicitation -------------------------------------------------------------------------------------------

interface Described {
  title?: string;
  description?: string;
}

/** A string field of an elicitation form. */
export interface StringSchema extends Described {
  type: 'string';
  minLength?: number;
  maxLength?: number;
  format?: 'email' | 'uri' | 'date' | 'date-time';
  /** 2025-11-25 and later. */
  default?: string;
}

/** A number field of an elicitation form. */
export interface NumberSchema extends Described {
  type: 'number' | 'integer';
  minimum?: number;
  maximum?: number;
  /** 2025-11-25 and later. */
  default?: number;
}

/** A boolean field of an elicitation form. */
export interface BooleanSchema extends Described {
  type: 'boolean';
  default?: boolean;
}

/** 2025-11-25 and later: pick one of plain values. */
export interface UntitledSingleSelectEnumSchema extends Described {
  type: 'string';
  enum: string[];
  default?: string;
}

/** 2025-11-25 and later: pick one of values shown by title. */
export interface TitledSingleSelectEnumSchema extends Described {
  type: 'string';
  oneOf: { const: string; title: string }[];
  default?: string;
}

/** 2025-11-25 and later: pick several plain values. */
export interface UntitledMultiSelectEnumSchema extends Described {
  type: 'array';
  minItems?: number;
  maxItems?: number;
  items: { type: 'string'; enum: string[] };
  default?: string[];
}

/** 2025-11-25 and later: pick several values shown by title. */
export interface TitledMultiSelectEnumSchema extends Described {
  type: 'array';
  minItems?: number;
  maxItems?: number;
  items: { anyOf: { const: string; title: string }[] };
  default?: string[];
}

/** The 2025-06-18 enum (`enumNames` for titles); still accepted by 2025-11-25. */
export interface LegacyTitledEnumSchema extends Described {
  type: 'string';
  enum: string[];
  enumNames?: string[];
  /** 2025-11-25. */
  default?: string;
}

/** A field of an elicitation form that takes one of several values. */
export type SingleSelectEnumSchema = UntitledSingleSelectEnumSchema | TitledSingleSelectEnumSchema;
/** A field of an elicitation form that takes several of several values. */
export type MultiSelectEnumSchema = UntitledMultiSelectEnumSchema | TitledMultiSelectEnumSchema;
/** Any enumerated field of an elicitation form. */
export type EnumSchema = SingleSelectEnumSchema | MultiSelectEnumSchema | LegacyTitledEnumSchema;
/** One field of an elicitation form. */
export type PrimitiveSchemaDefinition = StringSchema | NumberSchema | BooleanSchema | EnumSchema;

/** The form a user fills in: a flat object of primitive fields. */
export interface ElicitationRequestedSchema {
  /** 2025-11-25 and later. */
  $schema?: string;
  type: 'object';
  properties: { [key: string]: PrimitiveSchemaDefinition };
  required?: string[];
}

/** Form mode (the only mode in 2025-06-18). */
export interface ElicitRequestFormParams extends RequestParams {
  /** 2025-11-25 and later; absent means form. */
  mode?: 'form';
  message: string;
  requestedSchema: ElicitationRequestedSchema;
  /** 2025-11-25: run the request as a task. */
  task?: TaskMetadata;
}

/** 2025-11-25 and later: URL mode, for what must not pass through the client (credentials, payments). */
export interface ElicitRequestURLParams extends RequestParams {
  mode: 'url';
  message: string;
  url: string;
  /** 2025-11-25: required, matched by notifications/elicitation/complete; absent in 2026-07-28. */
  elicitationId?: string;
  /** 2025-11-25: run the request as a task. */
  task?: TaskMetadata;
}

/** Params of elicitation/create: form mode or URL mode. */
export type ElicitRequestParams = ElicitRequestFormParams | ElicitRequestURLParams;

/** The client's answer to elicitation/create: accepted (with content), declined or cancelled. */
export interface ElicitResult {
  action: 'accept' | 'decline' | 'cancel';
  /** The submitted form (with `accept` in form mode). */
  content?: { [key: string]: string | number | boolean | string[] };
  _meta?: MetaObject;
}

/** 2025-11-25: a URL-mode elicitation finished. */
export interface ElicitationCompleteNotificationParams extends NotificationParams {
  elicitationId: string;
}

// ---- roots -------------------------------------------------------------------------------------------------

/** A directory or file the client lets the server work in. */
export interface Root {
  /** A `file://` URI. */
  uri: string;
  name?: string;
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}

/** The client's answer to roots/list. */
export interface ListRootsResult {
  roots: Root[];
  _meta?: MetaObject;
}

/** 2025-11-25: `error.data` of -32042, the elicitations the client must complete before retrying. */
export interface URLElicitationRequiredErrorData {
  elicitations: ElicitRequestURLParams[];
}
