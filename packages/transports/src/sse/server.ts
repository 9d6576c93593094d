/**
 * Legacy HTTP+SSE server transport (2024-11-05, deprecated but still spoken by old clients), as a
 * web-standard handler: GET opens the event stream and announces the POST URI in an `endpoint` event;
 * POST `<messagesPath>?sessionId=...` carries client messages (202); server messages go out as
 * `event: message`. A session lives as long as its event stream.
 */
import {
  type AuthInfo,
  ConnectionClosedError,
  ErrorCode,
  type JSONRPCPayload,
  type MessageContext,
  type SendOptions,
  serializeMessage,
  type Transport,
} from '@mcpwire/core';
import { keepStreamOpen } from '../http/server/platform.js';
import { errorResponse, plainStatus } from '../http/server/responses.js';
import {
  type CorsOptions,
  checkDnsRebinding,
  corsHeaders,
  type DnsRebindingOptions,
  preflight,
} from '../http/server/security.js';
import { DEFAULT_KEEPALIVE_MS, SseConnection, sseHeaders, sseLimits } from '../http/server/sse-stream.js';
import { readBodyText } from '../shared-http/body.js';
import {
  authenticateRequest,
  type HttpAuthOptions,
  refuseInsufficientScope,
} from '../shared-http/http-auth.js';
import { parseJsonRpcBody } from '../shared-http/json-rpc.js';
import { formatSseEvent } from '../shared-http/sse-encoder.js';

export interface SseHandlerOptions {
  /** Connects a protocol engine, e.g. `(t) => server.connect(t)`; what it returns is not used. */
  connect: (transport: SseServerTransport, info: { sessionId: string; request: Request }) => unknown;
  /** Path announced in the `endpoint` event (the query `sessionId` is added). Default `/messages`. */
  messagesPath?: string;
  /** Most open event streams; more get 503. Default 10000. */
  maxSessions?: number;
  /** Largest POST body in bytes (413 above). Default 4 MiB. */
  maxBodyBytes?: number;
  /** Comment lines on idle streams, in ms (default 5000, under short proxy idle limits; 0 disables). */
  keepAliveMs?: number;
  /**
   * A stream whose client does not read: `send` waits for the client; a stream holding more than this many
   * bytes it has not taken is ended (and its session closed). Default 4 MiB.
   */
  maxStreamBufferBytes?: number;
  /** A stream that stays full (its client takes nothing) this long is ended, in ms. Default 60000; 0 never. */
  streamStallTimeoutMs?: number;
  dnsRebinding?: DnsRebindingOptions | false;
  boundToLoopback?: boolean;
  cors?: CorsOptions;
  authenticate?: (
    request: Request,
  ) => Promise<AuthInfo | Response | undefined> | AuthInfo | Response | undefined;
  /** OAuth (takes precedence over `authenticate`); see shared-http/http-auth.ts. */
  auth?: HttpAuthOptions;
}

export interface SseHandler {
  /** GET opens a stream; POST delivers a message. Route your SSE and messages paths here. */
  (request: Request, platform?: unknown): Promise<Response>;
  close(): Promise<void>;
  readonly sessionCount: number;
}

export class SseServerTransport implements Transport {
  readonly transportKind = 'sse' as const;
  onmessage?: (message: JSONRPCPayload, context?: MessageContext) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  private closed = false;

  constructor(
    readonly sessionId: string,
    /** @internal */ readonly connection: SseConnection,
    private readonly onClosed: (transport: SseServerTransport) => void,
  ) {}

  async start(): Promise<void> {}

  async send(message: JSONRPCPayload, _options?: SendOptions): Promise<void> {
    if (
      this.closed ||
      !this.connection.write(formatSseEvent(serializeMessage(message), { event: 'message' }))
    ) {
      throw new ConnectionClosedError(
        'Cannot send: expected an open SSE stream, but the client disconnected',
      );
    }
    // Backpressure: the sender waits while the client has not taken what it was sent.
    const drained = this.connection.drained();
    if (drained !== undefined) await drained;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connection.close();
    this.onClosed(this);
    this.onclose?.();
  }

  /** @internal */
  receive(payload: JSONRPCPayload, context: MessageContext): void {
    try {
      this.onmessage?.(payload, context);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

export function createSseHandler(options: SseHandlerOptions): SseHandler {
  const sessions = new Map<string, SseServerTransport>();
  const maxSessions = options.maxSessions ?? 10_000;
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const messagesPath = options.messagesPath ?? '/messages';
  const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEPALIVE_MS;
  const limits = sseLimits(options.maxStreamBufferBytes, options.streamStallTimeoutMs);

  async function openStream(request: Request): Promise<Response> {
    if (sessions.size >= maxSessions) {
      return errorResponse(
        503,
        ErrorCode.InternalError,
        `Service Unavailable: expected fewer than ${maxSessions} open streams`,
      );
    }
    const sessionId = crypto.randomUUID();
    let transport: SseServerTransport | undefined;
    const connection = new SseConnection(
      () => void transport?.close(),
      keepAliveMs > 0 ? keepAliveMs : undefined,
      limits,
    );
    transport = new SseServerTransport(sessionId, connection, (t) => sessions.delete(t.sessionId));
    sessions.set(sessionId, transport);
    connection.write(formatSseEvent(`${messagesPath}?sessionId=${sessionId}`, { event: 'endpoint' }));
    try {
      await options.connect(transport, { sessionId, request });
    } catch {
      await transport.close();
      return errorResponse(
        500,
        ErrorCode.InternalError,
        'Internal error: the server could not attach to the transport',
      );
    }
    connection.goneOn(request.signal);
    return new Response(connection.body, { status: 200, headers: sseHeaders() });
  }

  async function postMessage(request: Request, authInfo: AuthInfo | undefined): Promise<Response> {
    const sessionId = new URL(request.url).searchParams.get('sessionId');
    if (sessionId === null) {
      return errorResponse(
        400,
        ErrorCode.InvalidRequest,
        'Bad Request: expected a sessionId query parameter, received none',
      );
    }
    const transport = sessions.get(sessionId);
    if (transport === undefined) {
      return errorResponse(
        404,
        ErrorCode.InvalidRequest,
        `Not Found: expected an open session, received ${JSON.stringify(sessionId)}`,
      );
    }
    const body = await readBodyText(request, maxBody);
    if (!body.ok) {
      return errorResponse(
        413,
        ErrorCode.InvalidRequest,
        `Payload Too Large: expected at most ${maxBody} bytes, received ${body.received} or more`,
      );
    }
    const parsed = parseJsonRpcBody(body.text);
    if (!parsed.ok) return errorResponse(400, parsed.code, parsed.message);
    // Only a notification MCP cannot use, dropped: accepted, and never answered.
    if (parsed.messages.length === 0) return new Response('Accepted', { status: 202 });
    const refused = refuseInsufficientScope(options.auth, authInfo, parsed.messages);
    if (refused !== undefined) return refused;
    const context: MessageContext = {
      sessionId,
      requestInfo: { headers: Object.fromEntries(request.headers), url: request.url },
    };
    if (authInfo !== undefined) context.authInfo = authInfo;
    transport.receive(parsed.isBatch ? parsed.messages : parsed.messages[0]!, context);
    return new Response('Accepted', { status: 202 });
  }

  async function route(request: Request): Promise<Response> {
    if (options.dnsRebinding !== false) {
      const refusal = checkDnsRebinding(
        request,
        options.dnsRebinding ?? {},
        options.boundToLoopback === true,
      );
      if (refusal !== undefined) return errorResponse(403, ErrorCode.InvalidRequest, refusal);
    }
    if (request.method === 'OPTIONS') return preflight(request, options.cors);
    let authInfo: AuthInfo | undefined;
    if (options.auth !== undefined || options.authenticate !== undefined) {
      const verdict =
        options.auth !== undefined
          ? await authenticateRequest(options.auth, request)
          : await options.authenticate!(request);
      if (verdict instanceof Response) return verdict;
      authInfo = verdict;
    }
    if (request.method === 'GET') return openStream(request);
    if (request.method === 'POST') return postMessage(request, authInfo);
    return plainStatus(405, `Method Not Allowed: expected GET or POST, received ${request.method}`, {
      allow: 'GET, POST',
    });
  }

  const handler = async (request: Request, platform?: unknown): Promise<Response> => {
    let response: Response;
    try {
      response = await route(request);
    } catch {
      response = errorResponse(
        500,
        ErrorCode.InternalError,
        'Internal error: the request could not be handled',
      );
    }
    if (options.cors !== undefined) {
      for (const [name, value] of Object.entries(corsHeaders(request, options.cors)))
        response.headers.set(name, value);
    }
    if (request.method === 'GET' && response.status === 200) keepStreamOpen(platform, request);
    return response;
  };
  return Object.defineProperties(handler, {
    close: {
      value: async () => {
        await Promise.all([...sessions.values()].map((t) => t.close()));
      },
    },
    sessionCount: { get: () => sessions.size },
  }) as SseHandler;
}
