/**
 * Bodies that a web framework read before the MCP route: Express/Connect body parsers leave the result in
 * `req.body`, Fastify in `request.body` (its users pass it as the listener's third argument). The request
 * stream is then used up, so the body has to come from there. Only consulted when the stream cannot give
 * it, so a plain `listen()` server never pays for it.
 */
import type { IncomingMessage } from 'node:http';
import type { BodyResult } from '../../shared-http/body.js';

const decoder = new TextDecoder();

/** Said when neither the stream nor a parser can give the body (the wording the docs quote). */
export const BODY_CONSUMED_MESSAGE =
  'Internal error: expected the request body, but the body was consumed by a body parser mounted before the MCP route ' +
  'and nothing it parsed was handed over; mount the MCP route before the parser, or pass the parsed body as ' +
  "the listener's third argument (listener(req, res, req.body))";

/**
 * What a caller handed over as the listener's third argument. Express and Connect call every middleware
 * with `(req, res, next)`: a function there is `next`, not a body.
 */
export function givenBody(third: unknown): unknown {
  return typeof third === 'function' ? undefined : third;
}

/** The parsed body to use once the stream has ended: the one handed over, else `req.body`. */
export function parsedBodyOf(req: IncomingMessage, given: unknown): unknown {
  return given !== undefined ? given : (req as { body?: unknown }).body;
}

/**
 * A parsed body as the handler takes it: a JSON value as is (the framework's own size limit applied to it),
 * the text of strings and bytes (checked against ours).
 */
export function bodyOfParsed(body: unknown, limit: number): BodyResult {
  if (typeof body === 'string') {
    // A UTF-8 byte is at most one UTF-16 unit, so a text longer than the limit in units is too large.
    if (body.length > limit) return { ok: false, tooLarge: true, received: body.length };
    return { ok: true, text: body };
  }
  if (body instanceof Uint8Array) {
    // Buffer too (express.raw()): the bytes as sent, decoded as the stream path would.
    if (body.byteLength > limit) return { ok: false, tooLarge: true, received: body.byteLength };
    return { ok: true, text: decoder.decode(body) };
  }
  if (body instanceof ArrayBuffer) {
    if (body.byteLength > limit) return { ok: false, tooLarge: true, received: body.byteLength };
    return { ok: true, text: decoder.decode(body) };
  }
  return { ok: true, text: '', value: body };
}

/**
 * The body of a request whose stream has ended without us reading it: from the parsed body when there is
 * one, empty when the request declared none, and otherwise the plain refusal.
 */
export function bodyAfterStreamEnded(req: IncomingMessage, given: unknown, limit: number): BodyResult {
  const parsed = parsedBodyOf(req, given);
  if (parsed !== undefined) return bodyOfParsed(parsed, limit);
  if (declaresNoBody(req)) return { ok: true, text: '' };
  return { ok: false, tooLarge: false, message: BODY_CONSUMED_MESSAGE };
}

function declaresNoBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) === 0;
  return req.headers['transfer-encoding'] === undefined;
}
