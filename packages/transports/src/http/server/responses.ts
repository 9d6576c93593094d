/** Small builders for the handler's non-streaming answers. */
import { ErrorCode, type RequestId } from '@mcpwire/core';

/** A JSON-RPC error response (without id when the request's id is unknown) with an HTTP status. */
export function errorResponse(
  status: number,
  code: number,
  message: string,
  id?: RequestId,
  headers?: Record<string, string>,
  data?: unknown,
): Response {
  const error = data === undefined ? { code, message } : { code, message, data };
  const body = id === undefined ? { jsonrpc: '2.0', error } : { jsonrpc: '2.0', id, error };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A status with a short text body (405 and similar, where no JSON-RPC message applies). */
export function plainStatus(status: number, message: string, headers?: Record<string, string>): Response {
  return new Response(message, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  });
}

export function duplicateIdMessage(id: RequestId): string {
  return `Invalid Request: expected a request id not already in flight in this session, received ${JSON.stringify(id)}`;
}

export function unknownSession(id: string): Response {
  return errorResponse(
    404,
    ErrorCode.InvalidRequest,
    `Not Found: expected a live session id, received ${JSON.stringify(id)} (unknown, expired or deleted; initialize again)`,
  );
}

export function batchRefused(version: string): Response {
  return errorResponse(
    400,
    ErrorCode.InvalidRequest,
    `Invalid Request: expected a single message (batches exist only in 2025-03-26), received a batch under ${version}`,
  );
}
