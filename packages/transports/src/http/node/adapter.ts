/**
 * Node `http` → our handlers. Thin on purpose: the handler holds all MCP logic. A handler that carries a
 * light form (a FastHandler: the Streamable HTTP handler, a router) gets IncomingMessage/ServerResponse
 * views directly, so no Request/Response is built per call (undici's are slow on Node 20); any other
 * fetch-style handler gets a real Request and its Response is written back. Either way a client that
 * disconnects is seen (the abort signal, or the SSE connection's gone event): that is how a 2026-07-28
 * request learns it was cancelled.
 *
 * The listener also fits frameworks that parse bodies first: Express and Connect call it as
 * `(req, res, next)` (a function third argument is `next`, ignored) and leave a parsed body in `req.body`;
 * Fastify users pass `request.body` as the third argument. See ./parsed-body.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  type FastHandler,
  type FetchHandler,
  type HttpOutput,
  type LightHandler,
  lightFormOf,
} from '../server/http-io.js';
import { isAllowedHost, isLoopbackHost } from '../server/security.js';
import { NodeInput } from './node-input.js';
import { writeOutput } from './node-output.js';
import { givenBody } from './parsed-body.js';

export type { FetchHandler } from '../server/http-io.js';

/** Options of {@link toNodeListener}: DNS-rebinding guards by Host. */
export interface NodeListenerOptions {
  /** Refuse (403) requests whose Host is not a loopback name: DNS-rebinding guard for loopback servers. */
  loopbackHostsOnly?: boolean;
  /** Refuse (403) requests whose Host is not one of these (name, or name:port): DNS-rebinding guard. */
  allowedHosts?: readonly string[];
}

/**
 * `(req, res)` for `http.createServer`, and `(req, res, parsedBody)` for frameworks whose body parser ran
 * first: a parsed body (object, string or bytes) handed over is used instead of the used-up stream.
 */
export type NodeListener = (req: IncomingMessage, res: ServerResponse, parsedBody?: unknown) => void;

/**
 * A Node listener (`(req, res)`, or `(req, res, parsedBody)` after a body parser) that serves the handler,
 * through its fast path when it has one.
 */
export function toNodeListener(
  handler: FetchHandler | FastHandler,
  options: NodeListenerOptions = {},
): NodeListener {
  const light = lightFormOf(handler);
  return (req, res, parsedBody) => {
    void serveNode(light, req, res, options, givenBody(parsedBody));
  };
}

/** Answers a request that could not be handled at all (the handler threw outside its own guard). */
export function failNode(res: ServerResponse, error: unknown): void {
  if (!res.headersSent) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('Internal error: the request could not be handled');
  } else {
    res.destroy(error instanceof Error ? error : undefined);
  }
}

/** The 403 for a Host header the server does not answer to (DNS-rebinding guard). */
function refuseHost(res: ServerResponse, expected: string, host: string): void {
  res.writeHead(403, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      jsonrpc: '2.0',
      error: {
        code: -32600,
        message: `Forbidden: expected ${expected}, received ${JSON.stringify(host)}`,
      },
    }),
  );
}

/**
 * A request whose body has not fully arrived when its answer is written (a 413 for a body over the
 * limit, a refusal before the body was read): the connection closes after the answer, instead of Node
 * reading and discarding the rest of a body that may be gigabytes long.
 */
function closeIfBodyPending(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete || res.headersSent) return;
  res.setHeader('connection', 'close');
  lingerBeforeClose(req.socket);
}

/** How long a connection closed mid-body stays half-open so its client can read the answer. */
const LINGER_MS = 2000;

/**
 * Node ends a `Connection: close` answer with `socket.destroySoon()`: destroyed as soon as the answer is
 * written. But closing a socket while its client is still sending makes the kernel reset the connection,
 * and a client that has not read the answer yet gets ECONNRESET instead of it. So this socket ends
 * differently: FIN after the answer, no more reading (the rest of the body is not taken: the client's
 * window closes), and destroyed after LINGER_MS, or sooner if it closes.
 */
function lingerBeforeClose(socket: Socket): void {
  socket.destroySoon = function lingeringClose(this: Socket): void {
    this.end();
    // Node resumes reading on a later tick to drain the unread body: pause after that.
    setImmediate(() => this.pause());
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
  };
}

/**
 * Serves one request through a light handler; resolves once the answer is written (or bound, for SSE).
 * Never rejects: a failure outside the handler's own guard is answered here (500, or the connection
 * destroyed if the head already left), so callers chain no `.catch` (one promise per request fewer).
 */
export function serveNode(
  light: LightHandler,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeListenerOptions,
  given: unknown,
): Promise<void> {
  let answer: Promise<HttpOutput>;
  try {
    const input = new NodeInput(req, res, given);
    if (options.allowedHosts !== undefined) {
      if (!isAllowedHost(input.host, options.allowedHosts)) {
        closeIfBodyPending(req, res);
        refuseHost(res, 'a Host header in the allow-list', input.host);
        return DONE;
      }
    } else if (options.loopbackHostsOnly && !isLoopbackHost(input.host)) {
      closeIfBodyPending(req, res);
      refuseHost(res, 'a loopback Host header for a server bound to loopback', input.host);
      return DONE;
    }
    answer = light(input);
  } catch (error) {
    failNode(res, error);
    return DONE;
  }
  return writeAnswer(answer, req, res);
}

const DONE: Promise<void> = Promise.resolve();

/**
 * The waiting half of serveNode: two callbacks on the answer, not an async function, whose promise,
 * suspended frame and await closures cost about twice as much memory per request (measured).
 */
function writeAnswer(answer: Promise<HttpOutput>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return answer.then(
    (output) => {
      try {
        closeIfBodyPending(req, res);
        // Only a web Response body needs awaiting; text and SSE answers are written (or bound) right here.
        const writing = writeOutput(output, res);
        if (writing !== undefined) return writing.then(undefined, (error: unknown) => failNode(res, error));
      } catch (error) {
        failNode(res, error);
      }
      return undefined;
    },
    (error: unknown) => failNode(res, error),
  );
}
