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

/** Whether a payload is a batch (a JSON array of messages). */
export function isBatch(payload: JSONRPCPayload): payload is JSONRPCBatch {
  return Array.isArray(payload);
}

/** Whether a message is a request (a method and an id). */
export function isRequest(message: JSONRPCPayload): message is JSONRPCRequest {
  return !Array.isArray(message) && 'method' in message && 'id' in message;
}

/** Whether a message is a notification (a method and no id). */
export function isNotification(message: JSONRPCPayload): message is JSONRPCNotification {
  return !Array.isArray(message) && 'method' in message && !('id' in message);
}

/** Whether a message is a response (a result or an error). */
export function isResponse(message: JSONRPCPayload): message is JSONRPCResponse {
  return !Array.isArray(message) && ('result' in message || 'error' in message);
}

/** Whether a message is a successful response (a result). */
export function isResultResponse(message: JSONRPCPayload): message is JSONRPCResultResponse {
  return !Array.isArray(message) && 'result' in message;
}

/** Whether a message is an error response. */
export function isErrorResponse(message: JSONRPCPayload): message is JSONRPCErrorResponse {
  return !Array.isArray(message) && 'error' in message;
}
