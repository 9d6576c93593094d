/**
 * Body parsing for the HTTP transports, on top of the core codec: one message or (2025-03-26) a batch,
 * counted so the server knows how many answers a POST waits for.
 */
import { type JSONRPCMessage, parseMessage } from '@mcpwire/core';

export interface ParsedBody {
  ok: true;
  messages: JSONRPCMessage[];
  isBatch: boolean;
  requestCount: number;
}

export interface BodyError {
  ok: false;
  code: number;
  message: string;
}

/** Parses and shape-checks a POST body; batches are accepted here and refused later per revision. */
export function parseJsonRpcBody(text: string): ParsedBody | BodyError {
  const result = parseMessage(text, { allowBatch: true });
  if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
  if (result.kind !== 'batch') {
    return {
      ok: true,
      messages: [result.message],
      isBatch: false,
      requestCount: result.kind === 'request' ? 1 : 0,
    };
  }
  const failure = result.failures[0];
  if (failure !== undefined) return { ok: false, code: failure.error.code, message: failure.error.message };
  if (result.message.length === 0) {
    return {
      ok: false,
      code: -32600,
      message: 'Invalid Request: expected at least one message, received []',
    };
  }
  let requestCount = 0;
  for (const message of result.message) if ('method' in message && 'id' in message) requestCount++;
  return { ok: true, messages: result.message, isBatch: true, requestCount };
}

export { isRequest, isResponse } from '@mcpwire/core';
