/**
 * Body parsing for the HTTP transports, on top of the core codec: one message or (2025-03-26) a batch,
 * counted so the server knows how many answers a POST waits for.
 */
import {
  classifyMessage,
  type JSONRPCErrorResponse,
  type JSONRPCMessage,
  makeErrorResponse,
  type ParseResult,
  parseMessage,
} from '@mcpwire/core/runtime';

export interface ParsedBody {
  ok: true;
  messages: JSONRPCMessage[];
  isBatch: boolean;
  requestCount: number;
  /**
   * Batch members that are not valid JSON-RPC, answered in the batch's reply beside the valid members'
   * responses (JSON-RPC 2.0 §6). Ids are echoed when readable and omitted otherwise, never `null`.
   */
  invalid: JSONRPCErrorResponse[];
}

export interface BodyError {
  ok: false;
  code: number;
  message: string;
}

const NONE: JSONRPCErrorResponse[] = [];

export interface BodyParseOptions {
  /**
   * Answer invalid batch members individually (`invalid`) instead of refusing the whole body. Only for
   * endpoints that can return a batch reply (Streamable HTTP); others keep the whole-body 400.
   */
  answerInvalidMembers?: boolean;
}

/**
 * Parses and shape-checks a POST body; batches are accepted here and refused later per revision. A
 * notification MCP cannot use (positional params) is dropped, never answered: a body of only that parses
 * to no messages (202).
 */
export function parseJsonRpcBody(text: string, options?: BodyParseOptions): ParsedBody | BodyError {
  return fromParseResult(parseMessage(text, BATCH_ALLOWED), options);
}

/** The same for a body a web framework already parsed as JSON (Express's `req.body`): no second parse. */
export function parseJsonRpcValue(value: unknown, options?: BodyParseOptions): ParsedBody | BodyError {
  return fromParseResult(classifyMessage(value, BATCH_ALLOWED), options);
}

const BATCH_ALLOWED = { allowBatch: true } as const;

function fromParseResult(result: ParseResult, options: BodyParseOptions | undefined): ParsedBody | BodyError {
  if (!result.ok) {
    if (result.notification === true) {
      return { ok: true, messages: [], isBatch: false, requestCount: 0, invalid: NONE };
    }
    return { ok: false, code: result.error.code, message: result.error.message };
  }
  if (result.kind !== 'batch') {
    return {
      ok: true,
      messages: [result.message],
      isBatch: false,
      requestCount: result.kind === 'request' ? 1 : 0,
      invalid: NONE,
    };
  }
  const failures =
    result.failures.length === 0 ? result.failures : result.failures.filter((f) => f.notification !== true);
  const failure = failures[0];
  if (failure !== undefined && options?.answerInvalidMembers !== true)
    return { ok: false, code: failure.error.code, message: failure.error.message };
  // The core parser already refused an empty array; a batch of only invalid members is still a batch.
  const invalid =
    failure === undefined
      ? NONE
      : failures.map((member) => makeErrorResponse(member.id, member.error.code, member.error.message));
  let requestCount = 0;
  for (const message of result.message) if ('method' in message && 'id' in message) requestCount++;
  return { ok: true, messages: result.message, isBatch: true, requestCount, invalid };
}

/** The JSON-RPC error code of an HTTP error body, when it is one (refusals come with a JSON-RPC error). */
export function jsonRpcErrorCode(text: string): number | undefined {
  try {
    const value = JSON.parse(text) as { error?: { code?: unknown } };
    return typeof value?.error?.code === 'number' ? value.error.code : undefined;
  } catch {
    return undefined;
  }
}

export { isRequest, isResponse } from '@mcpwire/core/runtime';
