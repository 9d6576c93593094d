/**
 * The JSON-RPC decoder: text or bytes in, a classified message or a typed failure out. No exceptions leave
 * `parseMessage`, so transports can call it on every line without try/catch of their own.
 *
 * Decisions (see also the spec-fixtures):
 * - Structure is checked with plain property reads; method params and results are validated later, per
 *   revision, by the schemas. The returned message is the parsed object itself (no copy).
 * - Unknown top-level members are accepted and kept: neither JSON-RPC 2.0 nor the MCP schemas forbid them
 *   (no `additionalProperties: false`), and dropping them would cost a copy per message.
 * - `result`/`error` on a message with `method`, or both on a response, are rejected: those names are
 *   reserved by JSON-RPC and a message carrying both cannot be classified safely.
 * - Error responses may have no id or `id: null` (a peer answering a frame it could not read); every other
 *   id must be a string or an integer. We never send `id: null` ourselves (see `makeErrorResponse`).
 * - Limits: Node 20's JSON.parse is iterative (a 1,000,000-deep array parses in ~0.5 s) and strings up to
 *   ~512 MiB decode; anything it throws (SyntaxError, RangeError) becomes -32700. Message size is bounded
 *   by the framing (`LineDecoder` maxLineBytes) or the transport, not here.
 */
import { ErrorCode, ProtocolError } from '../errors.js';
import type {
  JSONRPCErrorResponse,
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  JSONRPCResultResponse,
  ParseFailure,
  ParseResult,
  RequestId,
} from './types.js';

/** Options of {@link parseMessage}. */
export interface ParseOptions {
  /** Accept a JSON array as a batch. Only when 2025-03-26 was negotiated. Default false. */
  allowBatch?: boolean;
}

type SingleResult = Exclude<ParseResult, { kind: 'batch' }>;

/** One decoder for every message: `fatal` so invalid UTF-8 is reported instead of silently replaced. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
const hasOwn = Object.prototype.hasOwnProperty;

/** Parses one JSON-RPC message (or batch, when allowed) from text or UTF-8 bytes. Never throws. */
export function parseMessage(input: string | Uint8Array, options?: ParseOptions): ParseResult {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = utf8.decode(input);
    } catch (error) {
      return failure(
        ErrorCode.ParseError,
        `Parse error: expected UTF-8 text, received ${input.byteLength} bytes that are not valid UTF-8 (${errorText(error)})`,
      );
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return failure(
      ErrorCode.ParseError,
      `Parse error: expected a JSON value, received invalid JSON (${errorText(error)})`,
    );
  }
  return classifyMessage(value, options);
}

/** Classifies an already-parsed JSON value (for transports whose body arrives parsed). Never throws. */
export function classifyMessage(value: unknown, options?: ParseOptions): ParseResult {
  if (Array.isArray(value)) {
    if (options?.allowBatch !== true) {
      return failure(
        ErrorCode.InvalidRequest,
        'Invalid request: expected a single JSON-RPC message object, received an array (batches are only allowed in protocol revision 2025-03-26)',
      );
    }
    return classifyBatch(value);
  }
  return classifySingle(value, '');
}

function classifyBatch(items: unknown[]): ParseResult {
  if (items.length === 0) {
    return failure(
      ErrorCode.InvalidRequest,
      'Invalid request: expected a batch with at least one message, received an empty array',
    );
  }
  const messages: JSONRPCMessage[] = [];
  const failures: ParseFailure[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (Array.isArray(item)) {
      failures.push(
        failure(
          ErrorCode.InvalidRequest,
          `Invalid request: batch[${i}] must be a message object, received a nested array`,
        ),
      );
      continue;
    }
    const result = classifySingle(item, `batch[${i}].`);
    if (result.ok) messages.push(result.message);
    else failures.push(result);
  }
  return { ok: true, kind: 'batch', message: messages, failures };
}

/** `where` prefixes member names in messages (`batch[2].id`) so the sender can find the fault. */
function classifySingle(value: unknown, where: string): SingleResult {
  if (typeof value !== 'object' || value === null) {
    return failure(
      ErrorCode.InvalidRequest,
      `Invalid request: ${inMember(where)}expected a JSON-RPC message object, received ${describeValue(value)}`,
    );
  }
  const message = value as Record<string, unknown>;
  const hasMethod = hasOwn.call(message, 'method');
  const hasResult = hasOwn.call(message, 'result');
  const hasError = hasOwn.call(message, 'error');
  const hasId = hasOwn.call(message, 'id');
  const id = message['id'];
  // The id is echoed in our error response only for request-like messages: answering a response risks loops.
  const echoId = !hasResult && !hasError && hasId && isRequestId(id) ? id : undefined;

  if (message['jsonrpc'] !== '2.0') {
    return failure(
      ErrorCode.InvalidRequest,
      `Invalid request: "${where}jsonrpc" must be "2.0", received ${hasOwn.call(message, 'jsonrpc') ? describeValue(message['jsonrpc']) : 'nothing (member missing)'}`,
      echoId,
    );
  }

  if (hasMethod) {
    if (hasResult || hasError) {
      return failure(
        ErrorCode.InvalidRequest,
        `Invalid request: ${inMember(where)}a request or notification must not carry "result" or "error", received "method" together with "${hasResult ? 'result' : 'error'}"`,
      );
    }
    if (hasId && !isRequestId(id)) {
      return failure(
        ErrorCode.InvalidRequest,
        `Invalid request: "${where}id" must be a string or integer, received ${describeValue(id)}`,
      );
    }
    const method = message['method'];
    if (typeof method !== 'string') {
      return failure(
        ErrorCode.InvalidRequest,
        `Invalid request: "${where}method" must be a string, received ${describeValue(method)}`,
        echoId,
      );
    }
    if (hasOwn.call(message, 'params')) {
      const params = message['params'];
      if (!isPlainObject(params)) {
        const refusal = failure(
          ErrorCode.InvalidRequest,
          `Invalid request: "${where}params" must be an object (MCP uses named parameters), received ${describeValue(params)}`,
          echoId,
        );
        // Otherwise well-formed JSON-RPC without an id: a notification, which is never answered.
        if (!hasId) refusal.notification = true;
        return refusal;
      }
    }
    return hasId
      ? { ok: true, kind: 'request', message: message as unknown as JSONRPCRequest }
      : { ok: true, kind: 'notification', message: message as unknown as JSONRPCNotification };
  }

  if (hasResult) {
    if (hasError) {
      return failure(
        ErrorCode.InvalidRequest,
        `Invalid response: ${inMember(where)}expected either "result" or "error", received both`,
      );
    }
    if (!isRequestId(id)) {
      return failure(
        ErrorCode.InvalidRequest,
        `Invalid response: "${where}id" must be a string or integer, received ${hasId ? describeValue(id) : 'nothing (member missing)'}`,
      );
    }
    if (!isPlainObject(message['result'])) {
      return failure(
        ErrorCode.InvalidRequest,
        `Invalid response: "${where}result" must be an object, received ${describeValue(message['result'])}`,
      );
    }
    return { ok: true, kind: 'result', message: message as unknown as JSONRPCResultResponse };
  }

  if (hasError) {
    if (hasId && id !== null && !isRequestId(id)) {
      return failure(
        ErrorCode.InvalidRequest,
        `Invalid response: "${where}id" must be a string, an integer or absent, received ${describeValue(id)}`,
      );
    }
    const error = message['error'];
    if (!isPlainObject(error)) {
      return failure(
        ErrorCode.InvalidRequest,
        `Invalid response: "${where}error" must be an object with "code" and "message", received ${describeValue(error)}`,
      );
    }
    if (!Number.isInteger(error['code'])) {
      return failure(
        ErrorCode.InvalidRequest,
        `Invalid response: "${where}error.code" must be an integer, received ${describeValue(error['code'])}`,
      );
    }
    if (typeof error['message'] !== 'string') {
      return failure(
        ErrorCode.InvalidRequest,
        `Invalid response: "${where}error.message" must be a string, received ${describeValue(error['message'])}`,
      );
    }
    return { ok: true, kind: 'error', message: message as unknown as JSONRPCErrorResponse };
  }

  return failure(
    ErrorCode.InvalidRequest,
    `Invalid request: ${inMember(where)}expected "method" (request or notification) or "result"/"error" (response), received an object with none of them`,
    echoId,
  );
}

/** Ids are strings or integers: never null, never fractional (MCP basic/index §Requests). */
export function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
}

/** "batch[2]." -> "batch[2]: " for sentences about the whole member; "" for a single message. */
function inMember(where: string): string {
  return where === '' ? '' : `${where.slice(0, -1)}: `;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failure(code: number, message: string, id?: RequestId): ParseFailure {
  const error = new ProtocolError(code, message);
  return id === undefined ? { ok: false, error } : { ok: false, error, id };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

const PREVIEW_LIMIT = 40;

/** A short, safe description of a received value for error messages (never the whole value). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': {
      const shown = value.length > PREVIEW_LIMIT ? `${value.slice(0, PREVIEW_LIMIT)}…` : value;
      return `the string ${JSON.stringify(shown)}`;
    }
    case 'number':
      return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
