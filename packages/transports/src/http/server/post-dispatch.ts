/**
 * Hands a parsed POST body to a server transport and produces the HTTP answer: 202 for bodies without
 * requests, otherwise the exchange's JSON or SSE response. For 2026-07-28 requests a client that goes
 * away before the answer is chosen cancels the request (the exchange fires MessageContext.signal).
 */
import { ErrorCode, type MessageContext } from '@mcpwire/core';
import type { ParsedBody } from '../../shared-http/json-rpc.js';
import { duplicateIdMessage, errorResponse } from './responses.js';
import type { StreamableHttpServerTransport } from './server-transport.js';

/** Hands a parsed body to a transport; resolves with the HTTP answer. */
export function post(
  transport: StreamableHttpServerTransport,
  request: Request,
  parsed: ParsedBody,
  ctx: MessageContext,
  headers: Record<string, string>,
  acceptsSse: boolean,
  version: string | undefined,
): Promise<Response> | Response {
  if (parsed.requestCount === 0) {
    transport.deliver(parsed.messages, ctx);
    if (transport.sessionId === undefined) void transport.close();
    if (parsed.invalid.length === 0) return new Response(null, { status: 202, headers });
    // A batch whose only requests were invalid: its reply is their errors (JSON-RPC 2.0 §6).
    return new Response(JSON.stringify(parsed.invalid), {
      status: 200,
      headers: { 'content-type': 'application/json', ...headers },
    });
  }
  for (const message of parsed.messages) {
    if ('method' in message && 'id' in message && transport.hasPending(message.id)) {
      return errorResponse(400, ErrorCode.InvalidRequest, duplicateIdMessage(message.id), undefined, headers);
    }
  }
  const exchange = transport.handlePost(
    parsed.messages,
    parsed.requestCount,
    parsed.isBatch,
    parsed.invalid,
    ctx,
    headers,
    acceptsSse,
    version,
  );
  if (exchange.abort === undefined) return exchange.response;
  // 2026-07-28: a client that disconnects before the answer cancels the request.
  const signal = request.signal;
  const onAbort = (): void => exchange.clientGone(exchange.stream);
  signal.addEventListener('abort', onAbort, { once: true });
  return exchange.response.then((response) => {
    signal.removeEventListener('abort', onAbort);
    if (signal.aborted) onAbort();
    return response;
  });
}
