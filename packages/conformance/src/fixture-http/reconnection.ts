/**
 * `test_reconnection` over Streamable HTTP (SEP-1699 polling, the official suite's server-sse-polling
 * scenario): the request's SSE stream starts with a priming event (id + empty data), then the server
 * closes the connection mid-call with a `retry` hint, and the result is recorded in the event store so the
 * client collects it with GET + Last-Event-ID. A middleware does it, so the shared surface stays
 * transport-free and the tool behaves as an ordinary tool over stdio, legacy SSE and 2026-07-28.
 */
import type { Middleware } from '@mcpwire/server';
import type { StreamableHttpServerTransport } from '@mcpwire/transports/http';

export const RECONNECTION_TOOL = 'test_reconnection';

/**
 * `sessionTransport` finds the legacy session's transport; `retryMs` is what the client is told to wait
 * before it reconnects.
 */
export function closeStreamMidCall(
  sessionTransport: (sessionId: string) => StreamableHttpServerTransport | undefined,
  retryMs: number,
): Middleware {
  // Not async: every other call goes straight on to next() (runChain turns a throw into a rejection).
  return (ctx, next) => {
    if (ctx.method === 'tools/call' && ctx.target === RECONNECTION_TOOL && ctx.sessionId !== undefined) {
      // False when the stream cannot be resumed (no session, JSON-only client): the call then runs normally.
      sessionTransport(ctx.sessionId)?.closeRequestStream(ctx.requestId, { retryMs });
    }
    return next();
  };
}
