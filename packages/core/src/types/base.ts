/**
 * Named protocol types, written from the official schemas of every revision. They are what public
 * signatures use, so editors show `CallToolResult` rather than an expanded zod type, and they cost the
 * compiler next to nothing. The zod schemas in ../schemas validate at run time; a type-level test
 * (packages/core/test/protocol-types.test-d.ts) holds these interfaces equal to them.
 *
 * Each type describes a message as every revision that has it may send it: a field that only some
 * revisions carry, or that one revision requires and another lacks, is optional here, and its comment says
 * which revisions carry it. Types that only one era has say so in their comment.
 */

/** A JSON value as 2026-07-28 names it (its schema allows no `null` and no fractions inside JSONObject). */
export type JSONValue = string | number | boolean | JSONValue[] | { [key: string]: JSONValue };
/** A JSON object of 2026-07-28 (no `null`, no fractions). */
export type JSONObject = { [key: string]: JSONValue };

/** A token that ties progress notifications to their request. */
export type ProgressToken = string | number;
/** An opaque pagination cursor. */
export type Cursor = string;
/** Who a message is from: the user or the assistant. */
export type Role = 'user' | 'assistant';
/** A log level (the syslog severities). */
export type LoggingLevel =
  | 'debug'
  | 'info'
  | 'notice'
  | 'warning'
  | 'error'
  | 'critical'
  | 'alert'
  | 'emergency';

/**
 * `_meta`: metadata attached to a message or object. From 2025-06-18 its keys follow `[prefix/]name`, and
 * prefixes with `modelcontextprotocol` or `mcp` labels are reserved for the protocol.
 */
export interface MetaObject {
  [key: string]: unknown;
}

/** `_meta` of request params: the progress token, and in 2026-07-28 the protocol fields the engine adds. */
export interface RequestMeta {
  /** Asks for `notifications/progress` about this request. */
  progressToken?: ProgressToken;
  [key: string]: unknown;
}

/**
 * 2026-07-28: `"complete"` for a final result, `"input_required"` for an InputRequiredResult. Results from
 * legacy revisions carry none, which means complete.
 */
export type ResultType = string;

/** Fields every request's params may carry. */
export interface RequestParams {
  _meta?: RequestMeta;
}

/** Params of a list request. */
export interface PaginatedRequestParams extends RequestParams {
  /** Where to continue: the `nextCursor` of the previous page. */
  cursor?: Cursor;
}

/** Fields every notification's params may carry. */
export interface NotificationParams {
  _meta?: MetaObject;
}

/** Fields every result may carry. */
export interface Result {
  _meta?: ResultMetaObject;
  /** 2026-07-28: always present (see ResultType); absent in results of legacy revisions. */
  resultType?: ResultType;
}

/** A result with nothing else in it (ping, subscribe, ...). */
export type EmptyResult = Result;

/** 2026-07-28 caching hints carried by list and read results (absent in legacy revisions). */
export interface CacheableResult extends Result {
  /** How long the client may reuse this result, in ms. 2026-07-28: required. */
  ttlMs?: number;
  /** Whether the result may be shared between users. 2026-07-28: required. */
  cacheScope?: 'public' | 'private';
}

/** A page of a list result. */
export interface PaginatedResult extends CacheableResult {
  /** Present when there are more items: pass it as `cursor` to get the next page. */
  nextCursor?: Cursor;
}

/** Name and version of an MCP implementation (client or server). */
export interface Implementation {
  name: string;
  version: string;
  /** 2025-06-18 and later. */
  title?: string;
  /** 2025-11-25 and later. */
  description?: string;
  /** 2025-11-25 and later. */
  icons?: Icon[];
  /** 2025-11-25 and later. */
  websiteUrl?: string;
}

/** 2025-11-25 and later: an icon for a tool, resource, prompt or implementation. */
export interface Icon {
  src: string;
  mimeType?: string;
  /** e.g. `["48x48"]`, or `["any"]` for scalable formats. */
  sizes?: string[];
  theme?: 'light' | 'dark';
}

/** `_meta` of a result; in 2026-07-28 a server may name itself in it. */
export interface ResultMetaObject {
  /** 2026-07-28. */
  'io.modelcontextprotocol/serverInfo'?: Implementation;
  [key: string]: unknown;
}
