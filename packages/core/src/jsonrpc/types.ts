/**
 * JSON-RPC 2.0 message shapes as they travel in MCP. These are the wire types the codec produces and the
 * transports carry; the per-revision zod schemas in ../schemas validate method params and results.
 */
import type { ProtocolError, WireError } from '../errors.js';

/** The `jsonrpc` member of every message. */
export const JSONRPC_VERSION = '2.0';

/** Request ids are strings or integers; never null (MCP forbids it). */
export type RequestId = string | number;

/** A JSON object whose members are not described further. */
export type JsonObject = { [key: string]: unknown };

/** A JSON-RPC request: a method, params and an id that its response carries back. */
export interface JSONRPCRequest {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: JsonObject;
}

/** A JSON-RPC notification: a method and params, no id, no response. */
export interface JSONRPCNotification {
  jsonrpc: '2.0';
  method: string;
  params?: JsonObject;
}

/** A successful JSON-RPC response. */
export interface JSONRPCResultResponse {
  jsonrpc: '2.0';
  id: RequestId;
  result: JsonObject;
}

/** A JSON-RPC error response. */
export interface JSONRPCErrorResponse {
  jsonrpc: '2.0';
  /** Omitted (or null on the wire in older revisions) only when the request id could not be read. */
  id?: RequestId | null;
  error: WireError;
}

/** A JSON-RPC response, successful or not. */
export type JSONRPCResponse = JSONRPCResultResponse | JSONRPCErrorResponse;

/** Any single JSON-RPC message. */
export type JSONRPCMessage = JSONRPCRequest | JSONRPCNotification | JSONRPCResponse;

/** 2025-03-26 only: a batch of messages sent as one JSON array. */
export type JSONRPCBatch = JSONRPCMessage[];

/** What the codec recognised a message as (the same words the spec-fixtures use, plus `batch`). */
export type ParsedMessageKind = 'request' | 'notification' | 'result' | 'error' | 'batch';

/** A message the codec could not accept: the wire error to answer with, and the request id when readable. */
export interface ParseFailure {
  ok: false;
  /** -32700 (not JSON) or -32600 (JSON, but not a valid JSON-RPC message). */
  error: ProtocolError;
  /** The request id, when one could be read, so the error response can echo it. */
  id?: RequestId;
  /**
   * A JSON-RPC notification (no id) that MCP cannot use, e.g. with positional `params`: it is dropped and
   * reported, never answered (JSON-RPC 2.0 §4.1; a notification gets no response, not even an error).
   */
  notification?: true;
}

/** A batch (2025-03-26 only): the valid members in order, and a failure for each invalid member. */
export interface ParsedBatch {
  ok: true;
  kind: 'batch';
  message: JSONRPCBatch;
  /** Members that are not valid messages; each may be answered with its own error response. */
  failures: ParseFailure[];
}

/**
 * What {@link parseMessage} made of its input: the message and its kind, a batch, or the failure to answer
 * with.
 */
export type ParseResult =
  | { ok: true; kind: 'request'; message: JSONRPCRequest }
  | { ok: true; kind: 'notification'; message: JSONRPCNotification }
  | { ok: true; kind: 'result'; message: JSONRPCResultResponse }
  | { ok: true; kind: 'error'; message: JSONRPCErrorResponse }
  | ParsedBatch
  | ParseFailure;
