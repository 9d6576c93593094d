/**
 * Capabilities, initialize (legacy revisions), and the per-request protocol fields and server/discover of
 * 2026-07-28. Capabilities differ enough between the eras to have a type each.
 */
import type { JsonObject, RequestId } from '../jsonrpc/types.js';
import type {
  CacheableResult,
  Implementation,
  JSONObject,
  LoggingLevel,
  ProgressToken,
  RequestParams,
  Result,
  ResultType,
} from './base.js';

/** 2026-07-28: what a client can do, sent in every request's `_meta`. */
export interface ClientCapabilities {
  experimental?: { [key: string]: JSONObject };
  /** Extensions the client supports, by identifier. */
  extensions?: { [key: string]: JSONObject };
  roots?: JsonObject;
  sampling?: { context?: JSONObject; tools?: JSONObject };
  elicitation?: { form?: JSONObject; url?: JSONObject };
}

/** 2026-07-28: what a server can do, returned by server/discover. */
export interface ServerCapabilities {
  experimental?: { [key: string]: JSONObject };
  /** Extensions the server supports, by identifier. */
  extensions?: { [key: string]: JSONObject };
  logging?: JSONObject;
  completions?: JSONObject;
  prompts?: { listChanged?: boolean };
  resources?: { subscribe?: boolean; listChanged?: boolean };
  tools?: { listChanged?: boolean };
}

/** Legacy revisions (2024-11-05 … 2025-11-25): what a client declares in initialize. */
export interface LegacyClientCapabilities {
  experimental?: { [key: string]: JsonObject };
  roots?: { listChanged?: boolean };
  /** `context` and `tools` from 2025-11-25. */
  sampling?: { context?: JsonObject; tools?: JsonObject };
  /** 2025-06-18 and later; `form` and `url` from 2025-11-25. */
  elicitation?: { form?: JsonObject; url?: JsonObject };
  /** 2025-11-25: task-augmented requests the client accepts. */
  tasks?: {
    list?: JsonObject;
    cancel?: JsonObject;
    requests?: { sampling?: { createMessage?: JsonObject }; elicitation?: { create?: JsonObject } };
  };
}

/** Legacy revisions (2024-11-05 … 2025-11-25): what a server declares in its initialize result. */
export interface LegacyServerCapabilities {
  experimental?: { [key: string]: JsonObject };
  logging?: JsonObject;
  /** 2025-03-26 and later. */
  completions?: JsonObject;
  prompts?: { listChanged?: boolean };
  resources?: { subscribe?: boolean; listChanged?: boolean };
  tools?: { listChanged?: boolean };
  /** 2025-11-25: task-augmented requests the server accepts. */
  tasks?: { list?: JsonObject; cancel?: JsonObject; requests?: { tools?: { call?: JsonObject } } };
}

/** Legacy revisions: the first request of a connection. */
export interface InitializeRequestParams extends RequestParams {
  protocolVersion: string;
  capabilities: LegacyClientCapabilities;
  clientInfo: Implementation;
}

/** Legacy revisions: the answer to initialize. */
export interface InitializeResult extends Result {
  protocolVersion: string;
  capabilities: LegacyServerCapabilities;
  serverInfo: Implementation;
  instructions?: string;
}

/** 2026-07-28: the `_meta` of every request, carrying what initialize used to negotiate. */
export interface RequestMetaObject {
  'io.modelcontextprotocol/protocolVersion': string;
  'io.modelcontextprotocol/clientCapabilities': ClientCapabilities;
  'io.modelcontextprotocol/clientInfo'?: Implementation;
  /** The level of `notifications/message` the client wants for this request (none when absent). */
  'io.modelcontextprotocol/logLevel'?: LoggingLevel;
  progressToken?: ProgressToken;
  [key: string]: unknown;
}

/** 2026-07-28: the `_meta` of a notification; names the subscriptions/listen stream it belongs to. */
export interface NotificationMetaObject {
  'io.modelcontextprotocol/subscriptionId'?: RequestId;
  [key: string]: unknown;
}

/** 2026-07-28: the answer to server/discover. */
export interface DiscoverResult extends CacheableResult {
  resultType: ResultType;
  ttlMs: number;
  cacheScope: 'public' | 'private';
  supportedVersions: string[];
  capabilities: ServerCapabilities;
  instructions?: string;
}
