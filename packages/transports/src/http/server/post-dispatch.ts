/**
 * Hands a parsed POST body to a server transport and produces the HTTP answer: 202 for bodies without
 * requests, otherwise the exchange's JSON or SSE response. For 2026-07-28 requests a client that goes
 * away before the answer is chosen cancels the request (the exchange tells the engine through
 * MessageContext.watchCaller).
 */
import { ErrorCode, StoreUnavailableError } from '@mcpwire/core/runtime';
import type { ParsedBody } from '../../shared-http/json-rpc.js';
import type { Accepted } from './exchange.js';
import { type HttpInput, type HttpOutput, textOutput } from './http-io.js';
import type { HttpMessageContext } from './message-context.js';
import { duplicateIdMessage, errorOutput, storeUnavailable } from './responses.js';
import type { StreamableHttpServerTransport } from './server-transport.js';

/** Hands a parsed body to a transport; resolves with the HTTP answer. */
export function post(
  transport: StreamableHttpServerTransport,
  input: HttpInput,
  parsed: ParsedBody,
  ctx: HttpMessageContext,
  headers: Record<string, string>,
  accepts: Accepted,
  version: string | undefined,
): Promise<HttpOutput> | HttpOutput {
  if (parsed.requestCount === 0) {
    transport.deliver(parsed.messages, ctx);
    if (transport.sessionId === undefined) void transport.close();
    // A state change (notifications/initialized) is stored before the 202: the client's next request may
    // reach another process, which reads it from the store. A store that failed gets the client's retry.
    const written = transport.stateWrite;
    if (written !== undefined && parsed.invalid.length === 0) {
      return written.then((failure) =>
        failure instanceof StoreUnavailableError ? storeUnavailable(failure) : textOutput(202, null, headers),
      );
    }
    if (parsed.invalid.length === 0) return textOutput(202, null, headers);
    // A batch whose only requests were invalid: its reply is their errors (JSON-RPC 2.0 §6).
    return textOutput(200, JSON.stringify(parsed.invalid), {
      'content-type': 'application/json',
      ...headers,
    });
  }
  for (const message of parsed.messages) {
    if ('method' in message && 'id' in message && transport.hasPending(message.id)) {
      return errorOutput(400, ErrorCode.InvalidRequest, duplicateIdMessage(message.id), undefined, headers);
    }
  }
  const exchange = transport.handlePost(
    parsed.messages,
    parsed.requestCount,
    parsed.isBatch,
    parsed.invalid,
    ctx,
    headers,
    accepts,
    version,
  );
  if (!exchange.watchesCaller) return exchange.response;
  // 2026-07-28: a client that disconnects before the answer is chosen cancels the request. After that,
  // an SSE answer learns of a disconnect from its own connection.
  const stop = input.onGone(() => exchange.clientGone(exchange.stream));
  return exchange.response.then((response) => {
    stop();
    return response;
  });
}
