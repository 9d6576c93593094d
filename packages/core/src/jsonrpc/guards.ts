/**
 * Type guards over messages the codec already accepted (cheap member checks, not validation): use
 * `parseMessage`/`classifyMessage` for untrusted input.
 */
import type { JSONRPCPayload } from '../transport.js';
import type {
  JSONRPCBatch,
  JSONRPCErrorResponse,
  JSONRPCNotification,
  JSONRPCRequest,
  JSONRPCResponse,
  JSONRPCResultResponse,
} from './types.js';

export function isBatch(payload: JSONRPCPayload): payload is JSONRPCBatch {
  return Array.isArray(payload);
}

export function isRequest(message: JSONRPCPayload): message is JSONRPCRequest {
  return !Array.isArray(message) && 'method' in message && 'id' in message;
}

export function isNotification(message: JSONRPCPayload): message is JSONRPCNotification {
  return !Array.isArray(message) && 'method' in message && !('id' in message);
}

export function isResponse(message: JSONRPCPayload): message is JSONRPCResponse {
  return !Array.isArray(message) && ('result' in message || 'error' in message);
}

export function isResultResponse(message: JSONRPCPayload): message is JSONRPCResultResponse {
  return !Array.isArray(message) && 'result' in message;
}

export function isErrorResponse(message: JSONRPCPayload): message is JSONRPCErrorResponse {
  return !Array.isArray(message) && 'error' in message;
}
