/**
 * JSON-RPC 2.0 message shapes as they travel in MCP. These are the wire types the codec produces and the
 * transports carry; the per-revision zod schemas in ../schemas validate method params and results.
 */
import type { WireError } from '../errors.js';

export const JSONRPC_VERSION = '2.0';

/** Request ids are strings or integers; never null (MCP forbids it). */
export type RequestId = string | number;

export type JsonObject = { [key: string]: unknown };

export interface JSONRPCRequest {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: JsonObject;
}

export interface JSONRPCNotification {
  jsonrpc: '2.0';
  method: string;
  params?: JsonObject;
}

export interface JSONRPCResultResponse {
  jsonrpc: '2.0';
  id: RequestId;
  result: JsonObject;
}

export interface JSONRPCErrorResponse {
  jsonrpc: '2.0';
  /** Omitted (or null on the wire in older revisions) only when the request id could not be read. */
  id?: RequestId | null;
  error: WireError;
}

export type JSONRPCResponse = JSONRPCResultResponse | JSONRPCErrorResponse;

export type JSONRPCMessage = JSONRPCRequest | JSONRPCNotification | JSONRPCResponse;

/** 2025-03-26 only: a batch of messages sent as one JSON array. */
export type JSONRPCBatch = JSONRPCMessage[];
