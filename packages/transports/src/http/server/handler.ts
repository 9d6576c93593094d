/**
 * `createStreamableHttpHandler`: the Streamable HTTP server as a web-standard `(Request) => Response`
 * function. It runs unchanged on Node (through ../node), Bun, Deno and Workers: no Node imports here.
 *
 * One endpoint serves both eras. A POST whose headers or `_meta` carry a 2026-07-28 protocol version is
 * served statelessly (one short-lived transport per request). Anything else follows the 2025-03-26 …
 * 2025-11-25 rules: `initialize` opens a session (Mcp-Session-Id), later requests must carry it.
 */
import {
  type AuthInfo,
  DEFAULT_HTTP_FALLBACK_REVISION,
  type Era,
  ErrorCode,
  isRevision,
  type JSONRPCRequest,
  LATEST_LEGACY_REVISION,
  type MessageContext,
  MODERN_REVISIONS,
  REVISIONS,
} from '@mcpwire/core';
import { readBodyText } from '../../shared-http/body.js';
import {
  HEADER_LAST_EVENT_ID,
  HEADER_PROTOCOL_VERSION,
  HEADER_SESSION_ID,
} from '../../shared-http/header-names.js';
import { authenticateRequest, refuseInsufficientScope } from '../../shared-http/http-auth.js';
import { type ParsedBody, parseJsonRpcBody } from '../../shared-http/json-rpc.js';
import { parseEventId } from './event-store.js';
import type { StreamableHttpHandler, StreamableHttpHandlerOptions } from './handler-options.js';
import { metaProtocolVersion, validateModernHeaders } from './modern-validation.js';
import { post } from './post-dispatch.js';
import { batchRefused, errorResponse, plainStatus, unknownSession } from './responses.js';
import { checkDnsRebinding, corsHeaders, preflight } from './security.js';
import { StreamableHttpServerTransport } from './server-transport.js';
import { SessionRegistry } from './sessions.js';
import { SSE_HEADERS } from './sse-stream.js';

const MODERN: ReadonlySet<string> = new Set(MODERN_REVISIONS);
const ANSWER_INVALID_MEMBERS = { answerInvalidMembers: true } as const;

export function createStreamableHttpHandler(options: StreamableHttpHandlerOptions): StreamableHttpHandler {
  const supported = options.supportedVersions ?? REVISIONS;
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const registry = new SessionRegistry(
    options.sessionIdleTimeoutMs ?? 30 * 60_000,
    options.maxSessions ?? 10_000,
  );
  const generateId = options.generateSessionId ?? (() => crypto.randomUUID());
  const priming = options.priming ?? 'auto';
  const keepAliveMs = options.keepAliveMs ?? 25_000;
  const prime = (version: string | undefined): boolean =>
    options.eventStore !== undefined &&
    (priming === 'always' ||
      (priming === 'auto' && version !== undefined && version >= LATEST_LEGACY_REVISION));

  function newTransport(sessionId: string | undefined, modern: boolean): StreamableHttpServerTransport {
    return new StreamableHttpServerTransport({
      sessionId,
      eventStore: options.eventStore,
      responseMode: options.responseMode ?? 'auto',
      prime,
      retryMs: options.retryMs,
      keepAliveMs: keepAliveMs > 0 ? keepAliveMs : undefined,
      ephemeral: sessionId === undefined,
      modern,
      maxResumableStreams: 100,
      maxStandaloneBacklog: 1000,
      onClosed: sessionId === undefined ? undefined : (t) => registry.delete(t.sessionId!),
    });
  }

  function context(
    request: Request,
    sessionId: string | undefined,
    authInfo: AuthInfo | undefined,
  ): MessageContext {
    const ctx: MessageContext = {};
    if (sessionId !== undefined) ctx.sessionId = sessionId;
    if (authInfo !== undefined) ctx.authInfo = authInfo;
    if (options.exposeHeaders !== false) {
      ctx.requestInfo = { headers: Object.fromEntries(request.headers), url: request.url };
    }
    return ctx;
  }

  async function connect(
    transport: StreamableHttpServerTransport,
    era: Era,
    version: string | undefined,
    request: Request,
  ): Promise<Response | undefined> {
    try {
      await options.connect(transport, {
        era,
        sessionId: transport.sessionId,
        singleRequest: transport.sessionId === undefined,
        protocolVersion: version,
        request,
      });
    } catch {
      await transport.close();
      return errorResponse(
        500,
        ErrorCode.InternalError,
        'Internal error: the server could not attach to the transport',
      );
    }
    if (transport.onmessage === undefined) {
      await transport.close();
      return errorResponse(
        500,
        ErrorCode.InternalError,
        'Internal error: connect() did not attach a message handler',
      );
    }
    return undefined;
  }

  async function handlePost(request: Request, authInfo: AuthInfo | undefined): Promise<Response> {
    const accept = request.headers.get('accept');
    const acceptsSse = accept === null || accept.includes('text/event-stream') || accept.includes('*/*');
    if (!acceptsSse && !accept!.includes('application/json')) {
      return errorResponse(
        406,
        ErrorCode.InvalidRequest,
        `Not Acceptable: expected Accept to list application/json and text/event-stream, received ${JSON.stringify(accept)}`,
      );
    }
    const contentType = request.headers.get('content-type');
    if (contentType === null || !contentType.toLowerCase().includes('application/json')) {
      return errorResponse(
        415,
        ErrorCode.InvalidRequest,
        `Unsupported Media Type: expected Content-Type application/json, received ${JSON.stringify(contentType)}`,
      );
    }
    const body = await readBodyText(request, maxBody);
    if (!body.ok) {
      return errorResponse(
        413,
        ErrorCode.InvalidRequest,
        `Payload Too Large: expected a body of at most ${maxBody} bytes, received ${body.received} or more`,
      );
    }
    const parsed = parseJsonRpcBody(body.text, ANSWER_INVALID_MEMBERS);
    if (!parsed.ok) return errorResponse(400, parsed.code, parsed.message);
    const refused = refuseInsufficientScope(options.auth, authInfo, parsed.messages);
    if (refused !== undefined) return refused;

    const headerVersion = request.headers.get(HEADER_PROTOCOL_VERSION);
    const first = parsed.messages[0];
    const firstRequest =
      !parsed.isBatch && first !== undefined && 'method' in first && 'id' in first
        ? (first as JSONRPCRequest)
        : undefined;
    const metaVersion = firstRequest === undefined ? undefined : metaProtocolVersion(firstRequest);
    const sessionHeader = request.headers.get(HEADER_SESSION_ID);
    // 2026-07-28 requests carry their version in `_meta` (and the header); anything else is legacy. The
    // body decides (legacy requests never carry the `_meta` version key), so an unsupported version such
    // as 1900-01-01 gets the modern -32022 with the supported list rather than a legacy refusal.
    const looksModern =
      (headerVersion !== null && (MODERN.has(headerVersion) || headerVersion > LATEST_LEGACY_REVISION)) ||
      (typeof metaVersion === 'string' &&
        (MODERN.has(metaVersion) || metaVersion > LATEST_LEGACY_REVISION)) ||
      (sessionHeader === null && metaVersion !== undefined);
    const isInitialize = parsed.messages.some((m) => 'method' in m && m.method === 'initialize');

    if (looksModern && !isInitialize) {
      return handleModern(request, parsed, firstRequest, authInfo, acceptsSse);
    }
    if (headerVersion !== null && (!isRevision(headerVersion) || !supported.includes(headerVersion))) {
      return errorResponse(
        400,
        ErrorCode.InvalidRequest,
        `Bad Request: expected MCP-Protocol-Version to be one of ${supported.join(', ')}, received ${JSON.stringify(headerVersion)}`,
      );
    }
    if (parsed.isBatch && isInitialize) {
      return errorResponse(
        400,
        ErrorCode.InvalidRequest,
        'Invalid Request: expected initialize alone, received it in a batch',
      );
    }

    if (options.stateless) {
      const version = headerVersion ?? DEFAULT_HTTP_FALLBACK_REVISION;
      if (parsed.isBatch && version !== '2025-03-26') return batchRefused(version);
      const transport = newTransport(undefined, false);
      const failed = await connect(transport, 'legacy', headerVersion ?? undefined, request);
      if (failed) return failed;
      return post(transport, request, parsed, context(request, undefined, authInfo), {}, acceptsSse, version);
    }

    if (sessionHeader === null) {
      if (!isInitialize) {
        return errorResponse(
          400,
          ErrorCode.InvalidRequest,
          'Bad Request: expected an Mcp-Session-Id header (send initialize first), received none',
        );
      }
      const sessionId = generateId();
      const transport = newTransport(sessionId, false);
      if (!registry.add(transport)) {
        return errorResponse(
          503,
          ErrorCode.InternalError,
          `Service Unavailable: expected fewer than ${registry.maxSessions} live sessions, received one more`,
        );
      }
      const failed = await connect(transport, 'legacy', headerVersion ?? undefined, request);
      if (failed) return failed;
      const headers = { [HEADER_SESSION_ID]: sessionId };
      return post(
        transport,
        request,
        parsed,
        context(request, sessionId, authInfo),
        headers,
        acceptsSse,
        undefined,
      );
    }

    const transport = registry.get(sessionHeader);
    if (transport === undefined || transport.isClosed) return unknownSession(sessionHeader);
    if (isInitialize) {
      return errorResponse(
        400,
        ErrorCode.InvalidRequest,
        'Invalid Request: expected no initialize on an initialized session, received one',
      );
    }
    const version = headerVersion ?? transport.protocolVersion ?? DEFAULT_HTTP_FALLBACK_REVISION;
    if (parsed.isBatch && version !== '2025-03-26') return batchRefused(version);
    const headers = { [HEADER_SESSION_ID]: sessionHeader };
    const ctx = context(request, sessionHeader, authInfo);
    return post(transport, request, parsed, ctx, headers, acceptsSse, headerVersion ?? undefined);
  }

  async function handleModern(
    request: Request,
    parsed: ParsedBody,
    message: JSONRPCRequest | undefined,
    authInfo: AuthInfo | undefined,
    acceptsSse: boolean,
  ): Promise<Response> {
    if (parsed.isBatch) {
      return errorResponse(
        400,
        ErrorCode.InvalidRequest,
        'Invalid Request: expected a single message, received a batch',
      );
    }
    const only = parsed.messages[0]!;
    if (message === undefined && !('method' in only)) {
      return errorResponse(
        400,
        ErrorCode.InvalidRequest,
        'Invalid Request: expected a request or notification, received a JSON-RPC response (2026-07-28 clients send none)',
      );
    }
    if (message !== undefined) {
      const failure = validateModernHeaders(request.headers, message, supported, options.paramHeaders);
      if (failure !== undefined)
        return errorResponse(failure.status, failure.code, failure.message, message.id, {}, failure.data);
      if (options.isKnownMethod !== undefined && !options.isKnownMethod(message.method)) {
        return errorResponse(
          404,
          ErrorCode.MethodNotFound,
          `Method not found: expected a method this server implements, received ${JSON.stringify(message.method)}`,
          message.id,
        );
      }
    }
    const version = request.headers.get(HEADER_PROTOCOL_VERSION) ?? undefined;
    const transport = newTransport(undefined, true);
    const failed = await connect(transport, 'modern', version, request);
    if (failed) return failed;
    return post(transport, request, parsed, context(request, undefined, authInfo), {}, acceptsSse, version);
  }

  function sessionFor(request: Request): StreamableHttpServerTransport | Response {
    const version = request.headers.get(HEADER_PROTOCOL_VERSION);
    if (options.stateless || (version !== null && MODERN.has(version))) {
      return plainStatus(
        405,
        'Method Not Allowed: this endpoint takes POST only for this protocol revision',
        {
          allow: 'POST',
        },
      );
    }
    const sessionId = request.headers.get(HEADER_SESSION_ID);
    if (sessionId === null) {
      return errorResponse(
        400,
        ErrorCode.InvalidRequest,
        'Bad Request: expected an Mcp-Session-Id header, received none',
      );
    }
    const transport = registry.get(sessionId);
    if (transport === undefined || transport.isClosed) return unknownSession(sessionId);
    return transport;
  }

  function handleGet(request: Request): Response {
    const accept = request.headers.get('accept');
    const transport = sessionFor(request);
    if (transport instanceof Response) return transport;
    if (accept !== null && !accept.includes('text/event-stream') && !accept.includes('*/*')) {
      return errorResponse(
        406,
        ErrorCode.InvalidRequest,
        `Not Acceptable: expected Accept to list text/event-stream, received ${JSON.stringify(accept)}`,
      );
    }
    const headers = { ...SSE_HEADERS, [HEADER_SESSION_ID]: transport.sessionId! };
    const lastEventId = request.headers.get(HEADER_LAST_EVENT_ID);
    if (lastEventId !== null && options.eventStore !== undefined) {
      const parsedId = parseEventId(lastEventId);
      const resumed = parsedId?.streamId.startsWith(transport.sessionId + '/')
        ? transport.resume(parsedId.streamId, parsedId.seq, headers)
        : undefined;
      if (resumed !== undefined) return resumed;
      return errorResponse(
        400,
        ErrorCode.InvalidRequest,
        `Bad Request: expected Last-Event-ID of a resumable stream of this session, received ${JSON.stringify(lastEventId)}`,
      );
    }
    const version = request.headers.get(HEADER_PROTOCOL_VERSION) ?? undefined;
    return (
      transport.openStandalone(headers, version) ??
      errorResponse(
        409,
        ErrorCode.InvalidRequest,
        'Conflict: expected at most one GET stream per session, received a second while one is open',
      )
    );
  }

  async function handleDelete(request: Request): Promise<Response> {
    const transport = sessionFor(request);
    if (transport instanceof Response) return transport;
    await transport.close();
    return new Response(null, { status: 200 });
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
    switch (request.method) {
      case 'POST':
        return handlePost(request, authInfo);
      case 'GET':
        return handleGet(request);
      case 'DELETE':
        return handleDelete(request);
      default:
        return plainStatus(
          405,
          `Method Not Allowed: expected GET, POST or DELETE, received ${request.method}`,
          {
            allow: options.stateless ? 'POST' : 'GET, POST, DELETE',
          },
        );
    }
  }

  const handler = async (request: Request): Promise<Response> => {
    let response: Response;
    try {
      response = await route(request);
    } catch (error) {
      // Never leak internals to the peer; the message says only what failed.
      void error;
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
    return response;
  };

  return Object.defineProperties(handler, {
    close: { value: () => registry.closeAll() },
    session: { value: (id: string) => registry.get(id) },
    // A getter: Object.assign would copy the count once instead of reading it live.
    sessionCount: { get: () => registry.size },
  }) as StreamableHttpHandler;
}

export type { ConnectInfo, StreamableHttpHandler, StreamableHttpHandlerOptions } from './handler-options.js';
