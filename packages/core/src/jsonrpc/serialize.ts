/**
 * The JSON-RPC encoder. One message (or batch) becomes one line of text: JSON.stringify without indentation
 * escapes every control character inside strings, so the output never contains a raw `\n` or `\r` and
 * newline framing stays safe. (U+2028/U+2029 are emitted raw, as JSON allows; they are not line breaks
 * for newline framing.)
 */

import type { WireError } from '../errors.js';
import { LocalError, LocalErrorCode } from '../errors.js';
import type { JSONRPCPayload } from '../transport.js';
import type { JSONRPCErrorResponse, RequestId } from './types.js';
import { JSONRPC_VERSION } from './types.js';

/**
 * Serializes a message or batch to one line (no trailing newline). Throws a LocalError with code
 * MCPWIRE_INVALID_MESSAGE when the value cannot be JSON: cycles, BigInt, or nesting deeper than the
 * engine's stack (JSON.stringify is recursive in V8: ~10,000 levels overflow on Node 20).
 */
export function serializeMessage(message: JSONRPCPayload): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(message);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new LocalError(
      LocalErrorCode.InvalidMessage,
      `Cannot serialize message: expected JSON-serializable values (no cycles, no BigInt, bounded nesting), received a value JSON.stringify rejects (${reason})`,
      { cause: error },
    );
  }
  if (text === undefined) {
    throw new LocalError(
      LocalErrorCode.InvalidMessage,
      `Cannot serialize message: expected a JSON-RPC message object, received ${typeof message}`,
    );
  }
  return text;
}

/**
 * Builds an error response. When the request id could not be read (`undefined` or `null`), the id member is
 * omitted: MCP forbids `id: null` (basic/index §Requests) and 2025-11-25+ make the id optional here.
 */
export function makeErrorResponse(
  id: RequestId | null | undefined,
  code: number,
  message: string,
  data?: unknown,
): JSONRPCErrorResponse {
  const error: WireError = data === undefined ? { code, message } : { code, message, data };
  return id === undefined || id === null
    ? { jsonrpc: JSONRPC_VERSION, error }
    : { jsonrpc: JSONRPC_VERSION, id, error };
}
