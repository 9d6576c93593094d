/**
 * JSON-RPC envelopes as each revision's schema defines them. Method params and results are checked separately
 * (see lookup.ts); these only check the frame: `jsonrpc: "2.0"`, ids (string or integer, never null), and the
 * rule that a response carries exactly one of `result` and `error`.
 */
import { z } from 'zod';
import { Integer, obj, RequestId } from './base.js';

export const JSONRPC_VERSION_LITERAL = z.literal('2.0');

export const ErrorObject = obj({ code: Integer, message: z.string(), data: z.unknown().optional() });

const JSONRPCRequest = obj({
  jsonrpc: JSONRPC_VERSION_LITERAL,
  id: RequestId,
  method: z.string(),
  params: obj({}).optional(),
});
const JSONRPCNotification = obj({
  jsonrpc: JSONRPC_VERSION_LITERAL,
  method: z.string(),
  params: obj({}).optional(),
});
const JSONRPCResultResponse = obj({ jsonrpc: JSONRPC_VERSION_LITERAL, id: RequestId, result: obj({}) });

function errorResponse(idRequired: boolean) {
  return obj({
    jsonrpc: JSONRPC_VERSION_LITERAL,
    id: idRequired ? RequestId : RequestId.optional(),
    error: ErrorObject,
  });
}

/** 2024-11-05 to 2025-06-18: an error response must carry the request id. */
export const envelopesWithErrorId = {
  JSONRPCRequest,
  JSONRPCNotification,
  JSONRPCResultResponse,
  JSONRPCErrorResponse: errorResponse(true),
};

/** 2025-11-25 and later: the id may be omitted when the request id could not be read. */
export const envelopesOptionalErrorId = {
  JSONRPCRequest,
  JSONRPCNotification,
  JSONRPCResultResponse,
  JSONRPCErrorResponse: errorResponse(false),
};

export type Envelopes = typeof envelopesWithErrorId | typeof envelopesOptionalErrorId;
