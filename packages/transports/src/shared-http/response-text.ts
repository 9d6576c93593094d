/**
 * What the HTTP clients read from a server's response body, with the limits a hostile or wrong server
 * meets: a byte limit (a declared Content-Length above it is refused unread; a body without one is
 * counted as it arrives and dropped once past it), and the content types an MCP endpoint answers with.
 */
import { TransportError } from '@mcpwire/core/runtime';
import { headerOf } from './auth-provider.js';
import type { HttpResult } from './http-request.js';

const JSON_TYPE = 'application/json';
const SSE_TYPE = 'text/event-stream';

/** 16 MiB: far above real MCP responses, the same bound as one SSE event. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** The response body as text, at most `limit` bytes; `where` names the request in the error. */
export function readResponseText(result: HttpResult, limit: number, where: string): Promise<string> {
  const length = headerOf(result.headers, 'content-length');
  if (length !== undefined) {
    const declared = Number(length);
    if (declared > limit) {
      discard(result);
      return Promise.reject(tooLarge(where, limit, `a Content-Length of ${declared} bytes`));
    }
    // HTTP framing ends the body at its declared length (and the usual answer costs no extra promise).
    if (Number.isFinite(declared)) return result.body.text();
  }
  return readCounting(result, limit, where);
}

/** A body of unknown length, counted as it arrives and dropped once past the limit. */
async function readCounting(result: HttpResult, limit: number, where: string): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of result.body) {
    total += chunk.length;
    if (total > limit) {
      discard(result);
      throw tooLarge(where, limit, `more (${total} bytes before reading stopped)`);
    }
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, total).toString('utf8');
}

/** Drops the rest of a body and its connection (undici reports the abort as an error: expected here). */
export function discard(result: HttpResult): void {
  result.body.on('error', ignore);
  result.body.destroy();
}

function ignore(): void {}

function tooLarge(where: string, limit: number, received: string): TransportError {
  return new TransportError(
    `Response too large: expected at most ${limit} bytes from ${where}, received ${received} (maxResponseBytes raises the limit)`,
  );
}

/** The media type of a Content-Type header, lower case, without parameters ('' when absent). */
export function mediaTypeOf(result: HttpResult): string {
  const header = headerOf(result.headers, 'content-type') ?? '';
  // The usual answers, recognised without taking the header apart (no string built per response).
  if (header === JSON_TYPE || header.startsWith('application/json;')) return JSON_TYPE;
  if (header === SSE_TYPE || header.startsWith('text/event-stream;')) return SSE_TYPE;
  const semicolon = header.indexOf(';');
  return (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
}

/**
 * A 2xx answer to a request must be JSON or an SSE stream; anything else (an HTML page at the URL, say)
 * means the URL is not an MCP endpoint, and waiting for an answer would only end in a timeout.
 */
export function notAnEndpoint(where: string, mediaType: string): TransportError {
  return new TransportError(
    `${where} is not an MCP endpoint: received ${mediaType === '' ? 'no Content-Type' : mediaType} (expected application/json or text/event-stream)`,
  );
}
