/** Why a Streamable HTTP POST is refused before it reaches a transport: one builder per error answer. */
import { ErrorCode, type RequestId } from '@mcpwire/core/runtime';
import type { TextOutput } from './http-io.js';
import { errorOutput } from './responses.js';

/** 406: the Accept header lists neither JSON nor SSE. */
export function notAcceptable(accept: string | null): TextOutput {
  return errorOutput(
    406,
    ErrorCode.InvalidRequest,
    `Not Acceptable: expected Accept to list application/json and text/event-stream, received ${JSON.stringify(accept)}`,
  );
}

/** 415: the body is not declared as JSON. */
export function unsupportedMediaType(contentType: string | null): TextOutput {
  return errorOutput(
    415,
    ErrorCode.InvalidRequest,
    `Unsupported Media Type: expected Content-Type application/json, received ${JSON.stringify(contentType)}`,
  );
}

/** 413: the body is over the handler's `maxBodyBytes`. */
export function payloadTooLarge(maxBody: number, received: number): TextOutput {
  return errorOutput(
    413,
    ErrorCode.InvalidRequest,
    `Payload Too Large: expected a body of at most ${maxBody} bytes, received ${received} or more`,
  );
}

/** 400: a legacy request whose MCP-Protocol-Version header names a revision this server does not serve. */
export function unsupportedVersionHeader(supported: readonly string[], headerVersion: string): TextOutput {
  return errorOutput(
    400,
    ErrorCode.InvalidRequest,
    `Bad Request: expected MCP-Protocol-Version to be one of ${supported.join(', ')}, received ${JSON.stringify(headerVersion)}`,
  );
}

export function initializeInBatch(): TextOutput {
  return errorOutput(
    400,
    ErrorCode.InvalidRequest,
    'Invalid Request: expected initialize alone, received it in a batch',
  );
}

export function sessionIdMissing(): TextOutput {
  return errorOutput(
    400,
    ErrorCode.InvalidRequest,
    'Bad Request: expected an Mcp-Session-Id header (send initialize first), received none',
  );
}

export function initializeOnSession(): TextOutput {
  return errorOutput(
    400,
    ErrorCode.InvalidRequest,
    'Invalid Request: expected no initialize on an initialized session, received one',
  );
}

/** 2026-07-28 requests are single messages. */
export function modernBatch(): TextOutput {
  return errorOutput(
    400,
    ErrorCode.InvalidRequest,
    'Invalid Request: expected a single message, received a batch',
  );
}

export function modernResponse(): TextOutput {
  return errorOutput(
    400,
    ErrorCode.InvalidRequest,
    'Invalid Request: expected a request or notification, received a JSON-RPC response (2026-07-28 clients send none)',
  );
}

/** 404 with -32601: the server's `isKnownMethod` does not know the 2026-07-28 request's method. */
export function unknownMethod(id: RequestId, method: string): TextOutput {
  return errorOutput(
    404,
    ErrorCode.MethodNotFound,
    `Method not found: expected a method this server implements, received ${JSON.stringify(method)}`,
    id,
  );
}
