/**
 * Raw HTTP for the security checks: one request with exactly the headers given (the run's token is not
 * added), bounded in time, reading a JSON body whole and an SSE body only for a short window (GET
 * streams stay open), so a check sees status, headers and the events that came, including their ids.
 */
import { SseDecoder } from '@mcpwire/transports/http';
import { fetch } from 'undici';
import type { RunContext } from '../runner/context.js';
import { CLIENT_INFO } from './lifecycle.js';

export interface SseEventSeen {
  readonly id: string | undefined;
  readonly data: string;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON (or other non-stream) body. */
  readonly body: string;
  /** SSE events that arrived within the window. */
  readonly events: readonly SseEventSeen[];
  /** A network error instead of an answer (status 0). */
  readonly error?: string;
}

export interface RawRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** How long an SSE body is read (default 1000 ms); it also stops at the first event that is a response. */
  readonly sseWindowMs?: number;
}

const RESPONSE = /"(result|error)"\s*:/;

export async function rawHttp(url: string, request: RawRequest): Promise<RawAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: controller.signal,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    if (!(headers['content-type'] ?? '').startsWith('text/event-stream') || response.body === null) {
      return { status: response.status, headers, body: await response.text().catch(() => ''), events: [] };
    }
    const events: SseEventSeen[] = [];
    let done = false;
    const decoder = new SseDecoder((event) => {
      events.push({ id: event.id === undefined || event.id === '' ? undefined : event.id, data: event.data });
      if (RESPONSE.test(event.data)) done = true;
    });
    const window = setTimeout(() => controller.abort(), request.sseWindowMs ?? 1000);
    try {
      for await (const chunk of response.body) {
        decoder.push(chunk);
        if (done) break;
      }
    } catch {
      // The window closed the stream.
    } finally {
      clearTimeout(window);
    }
    return { status: response.status, headers, body: '', events };
  } catch (error) {
    return {
      status: 0,
      headers: {},
      body: '',
      events: [],
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

export function isSuccess(answer: RawAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/** `resource_metadata` of a `WWW-Authenticate: Bearer ...` challenge (quoted or token form), if any. */
export function resourceMetadataOf(challenge: string | undefined): string | undefined {
  if (challenge === undefined) return undefined;
  const match = /resource_metadata\s*=\s*(?:"([^"]*)"|([^\s,]+))/i.exec(challenge);
  return match === null ? undefined : (match[1] ?? match[2]);
}

/** A request that opens a session (legacy) or asks for discovery (modern), with its own id. */
export function openingBody(ctx: RunContext, id: number): string {
  if (ctx.era === 'legacy')
    return JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'initialize',
      params: { protocolVersion: ctx.revision, capabilities: {}, clientInfo: CLIENT_INFO },
    });
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'server/discover',
    params: { _meta: { 'io.modelcontextprotocol/protocolVersion': ctx.revision } },
  });
}

export function postHeaders(ctx: RunContext, authorization: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': ctx.revision,
  };
  if (ctx.era === 'modern') headers['mcp-method'] = 'server/discover';
  if (authorization !== undefined) headers['authorization'] = authorization;
  return headers;
}
