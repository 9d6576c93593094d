/**
 * Small builders for the handlers' non-streaming answers: light outputs for the Streamable HTTP logic,
 * and Response forms (the legacy SSE handler's) built from the same bodies.
 */
import { ErrorCode, type RequestId, StoreUnavailableError } from '@mcpwire/core/runtime';
import { type HttpOutput, type TextOutput, textOutput, toWebResponse } from './http-io.js';

/** A JSON-RPC error response (without id when the request's id is unknown) with an HTTP status. */
export function errorOutput(
  status: number,
  code: number,
  message: string,
  id?: RequestId,
  headers?: Record<string, string>,
  data?: unknown,
): TextOutput {
  const error = data === undefined ? { code, message } : { code, message, data };
  const body = id === undefined ? { jsonrpc: '2.0', error } : { jsonrpc: '2.0', id, error };
  return textOutput(status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
}

/** A status with a short text body (405 and similar, where no JSON-RPC message applies). */
export function plainOutput(status: number, message: string, headers?: Record<string, string>): TextOutput {
  return textOutput(status, message, { 'content-type': 'text/plain; charset=utf-8', ...headers });
}

export function errorResponse(
  status: number,
  code: number,
  message: string,
  id?: RequestId,
  headers?: Record<string, string>,
  data?: unknown,
): Response {
  return toWebResponse(errorOutput(status, code, message, id, headers, data));
}

export function plainStatus(status: number, message: string, headers?: Record<string, string>): Response {
  return toWebResponse(plainOutput(status, message, headers));
}

export function duplicateIdMessage(id: RequestId): string {
  return `Invalid Request: expected a request id not already in flight in this session, received ${JSON.stringify(id)}`;
}

export function unknownSession(id: string): TextOutput {
  return errorOutput(
    404,
    ErrorCode.InvalidRequest,
    `Not Found: expected a live session id, received ${JSON.stringify(id)} (unknown, expired or deleted; initialize again)`,
  );
}

export function batchRefused(version: string): TextOutput {
  return errorOutput(
    400,
    ErrorCode.InvalidRequest,
    `Invalid Request: expected a single message (batches exist only in 2025-03-26), received a batch under ${version}`,
  );
}

/** 503 for a shared store (e.g. Redis) that did not answer: a JSON-RPC error naming the cause. */
export function storeUnavailable(error: StoreUnavailableError): TextOutput {
  // Says what to do too: the store reconnects by itself, so the same request may succeed a moment later.
  return errorOutput(
    503,
    ErrorCode.InternalError,
    `Service Unavailable: ${error.message}; retry after 1 s (Retry-After), the server reconnects by itself`,
    undefined,
    { 'retry-after': '1' },
  );
}

/**
 * The answer to a request whose handling threw: never internals, only what failed. A shared store that
 * cannot be reached is not the request's fault: 503, naming the cause, so the client may retry.
 */
export function failedOutput(error: unknown): TextOutput {
  return error instanceof StoreUnavailableError
    ? storeUnavailable(error)
    : errorOutput(500, ErrorCode.InternalError, 'Internal error: the request could not be handled');
}

/**
 * A promised answer that never rejects (a failure becomes failedOutput's answer), for the handler's rarer
 * async paths: its hot path hands its promises on untouched, which is only safe if none of them rejects.
 */
export async function guardedOutput(answer: Promise<HttpOutput>): Promise<HttpOutput> {
  try {
    return await answer;
  } catch (error) {
    return failedOutput(error);
  }
}
