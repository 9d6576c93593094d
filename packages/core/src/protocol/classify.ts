/**
 * Cheap structural classification of one decoded message. The codec (../jsonrpc) validates strictly at
 * the edge; the engine still checks the shape it relies on, because a transport may hand it anything.
 */
import { isRequestId } from '../jsonrpc/parse.js';
import type { RequestId } from '../jsonrpc/types.js';

export { isRequestId };

export type MessageKind = 'request' | 'notification' | 'result' | 'error' | 'invalid';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Classifies a message; anything that is not a well-formed JSON-RPC 2.0 message is `invalid`. */
export function classify(message: unknown): MessageKind {
  if (!isObject(message) || message.jsonrpc !== '2.0') return 'invalid';
  const method = message.method;
  if (method !== undefined) {
    if (typeof method !== 'string') return 'invalid';
    const params = message.params;
    if (params !== undefined && !isObject(params)) return 'invalid';
    if (message.id === undefined) return 'notification';
    return isRequestId(message.id) ? 'request' : 'invalid';
  }
  if (message.result !== undefined) {
    return isRequestId(message.id) && isObject(message.result) ? 'result' : 'invalid';
  }
  const error = message.error;
  if (isObject(error) && typeof error.code === 'number' && typeof error.message === 'string') {
    return message.id === undefined || message.id === null || isRequestId(message.id) ? 'error' : 'invalid';
  }
  return 'invalid';
}

/** The id of a message that failed classification, when one can be read (to echo in the error). */
export function readableId(message: unknown): RequestId | undefined {
  if (!isObject(message)) return undefined;
  return isRequestId(message.id) ? message.id : undefined;
}

/** Describes a value's type for error messages ("received array", "received null"). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
