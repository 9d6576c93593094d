/**
 * Node `http` → our handlers. Thin on purpose: the handler holds all MCP logic. A Streamable HTTP handler
 * carries a light form (LIGHT_HANDLER) that takes IncomingMessage/ServerResponse views directly, so no
 * Request/Response is built per call (undici's are slow on Node 20); any other fetch-style handler gets a
 * real Request and its Response is written back. Either way a client that disconnects is seen (the abort
 * signal, or the SSE connection's gone event): that is how a 2026-07-28 request learns it was cancelled.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LightHandler, lightHandlerOf } from '../server/http-io.js';
import { isLoopbackHost } from '../server/security.js';
import { NodeInput } from './node-input.js';
import { writeOutput, writeResponse } from './node-output.js';

export type FetchHandler = (request: Request) => Promise<Response>;

export interface NodeListenerOptions {
  /** Refuse (403) requests whose Host is not a loopback name: DNS-rebinding guard for loopback servers. */
  loopbackHostsOnly?: boolean;
}

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

export function toNodeListener(handler: FetchHandler, options: NodeListenerOptions = {}): NodeListener {
  const light = lightHandlerOf(handler);
  const fail = (res: ServerResponse, error: unknown): void => {
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error: the request could not be handled');
    } else {
      res.destroy(error instanceof Error ? error : undefined);
    }
  };
  if (light !== undefined) {
    return (req, res) => {
      void serveLight(light, req, res, options).catch((error: unknown) => fail(res, error));
    };
  }
  return (req, res) => {
    void serve(handler, req, res, options).catch((error: unknown) => fail(res, error));
  };
}

/** The 403 for a non-loopback Host on a loopback-bound server. */
function refuseHost(res: ServerResponse, host: string): void {
  res.writeHead(403, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      jsonrpc: '2.0',
      error: {
        code: -32600,
        message: `Forbidden: expected a loopback Host header for a server bound to loopback, received ${JSON.stringify(host)}`,
      },
    }),
  );
}

async function serveLight(
  light: LightHandler,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeListenerOptions,
): Promise<void> {
  const input = new NodeInput(req, res);
  if (options.loopbackHostsOnly && !isLoopbackHost(input.host)) return refuseHost(res, input.host);
  const output = await light(input);
  // Only a web Response body needs awaiting; text and SSE answers are written (or bound) right here.
  const writing = writeOutput(output, res);
  if (writing !== undefined) await writing;
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  // After a cancel (a body over the limit) the rest is drained, and the stream must not be touched again:
  // enqueue/close on a cancelled stream throw, outside any promise, and would crash the process.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (!cancelled) controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      });
      req.on('end', () => {
        if (!cancelled) controller.close();
      });
      req.on('error', (error) => {
        if (!cancelled) controller.error(error);
      });
    },
    cancel() {
      cancelled = true;
      req.resume();
    },
  });
}

async function serve(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeListenerOptions,
): Promise<void> {
  const host = req.headers.host ?? 'localhost';
  if (options.loopbackHostsOnly && !isLoopbackHost(host)) return refuseHost(res, host);
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const request = new Request(`http://${host}${req.url ?? '/'}`, {
    method,
    headers: toHeaders(req),
    signal: abort.signal,
    ...(hasBody ? { body: bodyOf(req), duplex: 'half' } : {}),
  } as RequestInit);
  const response = await handler(request);
  await writeResponse(response, res);
}
