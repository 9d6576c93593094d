/**
 * Guarded HTTP for discovery, registration and token requests: every URL passes the SSRF policy first,
 * redirects are not followed (a redirect could lead to a private address), bodies are size-limited.
 */
import { readBodyWithin } from '@mcpwire/core';
import { AuthError, AuthErrorReason } from '../shared/errors.js';
import { assertSafeUrl, type UrlPolicy } from './url-policy.js';

/** A `fetch` function (the global one by default), for tests and custom HTTP stacks. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface HttpContext {
  fetch: FetchLike;
  policy: UrlPolicy;
  /** Sent as MCP-Protocol-Version on discovery requests (2025-03-26 §Server Metadata Discovery Headers). */
  protocolVersion?: string;
  /** Max bytes of any response body read. */
  maxBodyBytes: number;
  timeoutMs: number;
}

export interface JsonResult {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body is not JSON. */
  body: unknown;
}

/** Fetches a URL after the SSRF check and returns status and parsed JSON body. Network failures throw. */
export async function guardedFetch(
  ctx: HttpContext,
  url: string | URL,
  init: RequestInit & { reason?: (typeof AuthErrorReason)[keyof typeof AuthErrorReason] } = {},
): Promise<JsonResult> {
  const target = await assertSafeUrl(url, ctx.policy);
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if (ctx.protocolVersion && !headers.has('mcp-protocol-version'))
    headers.set('mcp-protocol-version', ctx.protocolVersion);
  let response: Response;
  try {
    response = await ctx.fetch(target, {
      ...init,
      headers,
      redirect: 'manual',
      signal: init.signal ?? AbortSignal.timeout(ctx.timeoutMs),
    });
  } catch (error) {
    throw new AuthError(
      init.reason ?? AuthErrorReason.Discovery,
      `Expected a response from ${target.href}, the request failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const text = await readLimited(response, ctx.maxBodyBytes, target.href);
  let body: unknown;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.status, headers: response.headers, body };
}

/** Reads at most `limit` bytes; a longer body is refused rather than buffered. */
async function readLimited(response: Response, limit: number, url: string): Promise<string> {
  const read = await readBodyWithin(response, limit);
  if (read.ok) return read.text;
  throw new AuthError(
    AuthErrorReason.Discovery,
    `Expected a body of at most ${limit} bytes from ${url}, received ${read.declared ? read.received : 'more'}`,
  );
}
