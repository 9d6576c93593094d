/**
 * `createStreamableHttpHandler`: the Streamable HTTP server as a web-standard `(Request) => Response`
 * function. It runs unchanged on Node, Bun, Deno and Workers: no Node imports here. The logic itself runs
 * on the small HttpInput/HttpOutput interface (http-io.ts); the Node adapter (../node) reaches it directly
 * through LIGHT_HANDLER and so builds no Request or Response per call.
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
  MODERN_REVISIONS,
  REVISIONS,
  StoreUnavailableError,
} from '@mcpwire/core/runtime';
import { HEADER_PROTOCOL_VERSION, HEADER_SESSION_ID } from '../../shared-http/header-names.js';
import { authenticateRequest, refuseInsufficientScope } from '../../shared-http/http-auth.js';
import { type ParsedBody, parseJsonRpcBody, parseJsonRpcValue } from '../../shared-http/json-rpc.js';
import { MemorySessionStore } from '../../store/memory-session-store.js';
import { ANONYMOUS, principalKey } from '../../store/principal.js';
import type { SessionRecord } from '../../store/session-store.js';
import type { Accepted } from './exchange.js';
import { SessionStreams } from './handler-get.js';
import type { StreamableHttpHandler, StreamableHttpHandlerOptions } from './handler-options.js';
import {
  addHeaders,
  type HttpInput,
  type HttpOutput,
  LIGHT_HANDLER,
  textOutput,
  toWebResponse,
  WebInput,
  webOutput,
} from './http-io.js';
import { HttpMessageContext } from './message-context.js';
import { metaProtocolVersion, validateModernHeaders } from './modern-validation.js';
import { keepStreamOpen } from './platform.js';
import { post } from './post-dispatch.js';
import {
  initializeInBatch,
  initializeOnSession,
  modernBatch,
  modernResponse,
  notAcceptable,
  payloadTooLarge,
  sessionIdMissing,
  unknownMethod,
  unsupportedMediaType,
  unsupportedVersionHeader,
} from './post-refusals.js';
import { ConnectInfoView, RequestInfoView } from './request-views.js';
import { batchRefused, errorOutput, plainOutput, storeUnavailable } from './responses.js';
import { checkDnsRebinding, corsHeaders, preflightOutput } from './security.js';
import { StreamableHttpServerTransport } from './server-transport.js';
import { SessionAccess } from './session-access.js';
import { type RemoteSession, sharedContext } from './session-remote.js';
import { LocalSessions, perClientLimit, sessionPolicy } from './sessions.js';
import { DEFAULT_KEEPALIVE_MS, sseLimits } from './sse-settings.js';

const MODERN: ReadonlySet<string> = new Set(MODERN_REVISIONS);
const ANSWER_INVALID_MEMBERS = { answerInvalidMembers: true } as const;

/**
 * The Streamable HTTP handler: a web-standard `(Request) => Promise<Response>` that serves every revision at
 * one endpoint (2025 sessions and stateless 2026-07-28 requests), calling `connect` with a transport per
 * session.
 */
export function createStreamableHttpHandler(options: StreamableHttpHandlerOptions): StreamableHttpHandler {
  const supported = options.supportedVersions ?? REVISIONS;
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const policy = sessionPolicy(
    options.sessionIdleTimeoutMs ?? 30 * 60_000,
    options.unestablishedSessionTimeoutMs ?? 10_000,
    options.maxSessions ?? 10_000,
    perClientLimit(options.maxSessions ?? 10_000, options.maxSessionsPerClient),
  );
  const events = options.store?.events ?? options.eventStore;
  const shared = sharedContext(options.store, options.onError);
  const sessions = new LocalSessions<StreamableHttpServerTransport>(
    policy,
    options.store?.sessions ?? new MemorySessionStore(),
    shared,
    'streamable-http',
  );
  const retentionMs = options.streamRetentionMs ?? 5 * 60_000;
  const generateId = options.generateSessionId ?? (() => crypto.randomUUID());
  const priming = options.priming ?? 'auto';
  const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEPALIVE_MS;
  const limits = sseLimits(options.maxStreamBufferBytes, options.streamStallTimeoutMs);
  const prime = (version: string | undefined): boolean =>
    events !== undefined &&
    (priming === 'always' ||
      (priming === 'auto' && version !== undefined && version >= LATEST_LEGACY_REVISION));

  function newTransport(
    sessionId: string | undefined,
    modern: boolean,
    remote?: RemoteSession,
    record?: SessionRecord,
  ): StreamableHttpServerTransport {
    return new StreamableHttpServerTransport({
      sessionId,
      eventStore: events,
      responseMode: options.responseMode ?? 'auto',
      prime,
      retryMs: options.retryMs,
      keepAliveMs: keepAliveMs > 0 ? keepAliveMs : undefined,
      ephemeral: sessionId === undefined,
      modern,
      maxResumableStreams: 100,
      maxStandaloneBacklog: 1000,
      sseLimits: limits,
      retentionMs,
      snapshot: record?.snapshot,
      remote,
      onClosed:
        sessionId === undefined ? undefined : (t) => sessions.forget(t as StreamableHttpServerTransport),
    });
  }

  const access = new SessionAccess(
    sessions,
    {
      make: (id, remote, record) => newTransport(id, false, remote, record),
      connect: (transport, version, input) => connect(transport, 'legacy', version, input),
    },
    options.clientKey,
  );
  const streams = new SessionStreams(options, access, events);
  const exposeHeaders = options.exposeHeaders !== false;

  function context(
    input: HttpInput,
    sessionId: string | undefined,
    authInfo: AuthInfo | undefined,
  ): HttpMessageContext {
    return new HttpMessageContext(
      sessionId,
      authInfo,
      exposeHeaders ? new RequestInfoView(input) : undefined,
    );
  }

  async function connect(
    transport: StreamableHttpServerTransport,
    era: Era,
    version: string | undefined,
    input: HttpInput,
  ): Promise<HttpOutput | undefined> {
    // The Request is built only if the connect hook reads it (the Node adapter has none to hand).
    const info = new ConnectInfoView(era, transport.sessionId, version, input);
    try {
      await options.connect(transport, info);
    } catch {
      await transport.close();
      return errorOutput(
        500,
        ErrorCode.InternalError,
        'Internal error: the server could not attach to the transport',
      );
    }
    if (transport.onmessage === undefined) {
      await transport.close();
      return errorOutput(
        500,
        ErrorCode.InternalError,
        'Internal error: connect() did not attach a message handler',
      );
    }
    return undefined;
  }

  async function handlePost(
    input: HttpInput,
    authInfo: AuthInfo | undefined,
    owner: string,
  ): Promise<HttpOutput> {
    const accept = input.headers.get('accept');
    const acceptsSse = accept === null || accept.includes('text/event-stream') || accept.includes('*/*');
    // Only SSE accepted (Accept: text/event-stream): the answer is SSE even when JSON would do.
    const acceptsJson = accept === null || accept.includes('application/json') || accept.includes('*/*');
    if (!acceptsSse && !acceptsJson) return notAcceptable(accept);
    const accepts: Accepted = !acceptsJson ? 'sse' : acceptsSse ? 'both' : 'json';
    const contentType = input.headers.get('content-type');
    if (contentType === null || !contentType.toLowerCase().includes('application/json')) {
      return unsupportedMediaType(contentType);
    }
    const read = input.readBody(maxBody);
    const body = read instanceof Promise ? await read : read;
    if (!body.ok) {
      if (!body.tooLarge) return errorOutput(500, ErrorCode.InternalError, body.message);
      return payloadTooLarge(maxBody, body.received);
    }
    const parsed =
      body.value === undefined
        ? parseJsonRpcBody(body.text, ANSWER_INVALID_MEMBERS)
        : parseJsonRpcValue(body.value, ANSWER_INVALID_MEMBERS);
    if (!parsed.ok) return errorOutput(400, parsed.code, parsed.message);
    // Only a notification MCP cannot use, dropped: accepted, and never answered.
    if (parsed.messages.length === 0 && parsed.invalid.length === 0) return textOutput(202, null, {});
    const refused = refuseInsufficientScope(options.auth, authInfo, parsed.messages);
    if (refused !== undefined) return webOutput(refused);

    const headerVersion = input.headers.get(HEADER_PROTOCOL_VERSION);
    const first = parsed.messages[0];
    const firstRequest =
      !parsed.isBatch && first !== undefined && 'method' in first && 'id' in first
        ? (first as JSONRPCRequest)
        : undefined;
    const metaVersion = firstRequest === undefined ? undefined : metaProtocolVersion(firstRequest);
    const sessionHeader = input.headers.get(HEADER_SESSION_ID);
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
      return handleModern(input, parsed, firstRequest, authInfo, accepts);
    }
    if (headerVersion !== null && (!isRevision(headerVersion) || !supported.includes(headerVersion))) {
      return unsupportedVersionHeader(supported, headerVersion);
    }
    if (parsed.isBatch && isInitialize) return initializeInBatch();

    if (options.stateless) {
      const version = headerVersion ?? DEFAULT_HTTP_FALLBACK_REVISION;
      if (parsed.isBatch && version !== '2025-03-26') return batchRefused(version);
      const transport = newTransport(undefined, false);
      const failed = await connect(transport, 'legacy', headerVersion ?? undefined, input);
      if (failed) return failed;
      return post(transport, input, parsed, context(input, undefined, authInfo), {}, accepts, version);
    }

    if (sessionHeader === null) {
      if (!isInitialize) return sessionIdMissing();
      const sessionId = generateId();
      const opened = await access.open(input, owner, authInfo, sessionId);
      if (!('transport' in opened)) return opened;
      const headers = { [HEADER_SESSION_ID]: sessionId };
      const ctx = context(input, sessionId, authInfo);
      return post(opened.transport, input, parsed, ctx, headers, accepts, undefined);
    }

    const lookup = access.find(sessionHeader, owner, input);
    const found = lookup instanceof Promise ? await lookup : lookup;
    if (!('transport' in found)) return found;
    const transport = found.transport;
    if (isInitialize) return initializeOnSession();
    const version = headerVersion ?? transport.protocolVersion ?? DEFAULT_HTTP_FALLBACK_REVISION;
    if (parsed.isBatch && version !== '2025-03-26') return batchRefused(version);
    const headers = { [HEADER_SESSION_ID]: sessionHeader };
    const ctx = context(input, sessionHeader, authInfo);
    const answer = post(transport, input, parsed, ctx, headers, accepts, headerVersion ?? undefined);
    // Awaited here rather than returned: an async function returning a promise adopts it through an extra
    // job and promise per request.
    return answer instanceof Promise ? await answer : answer;
  }

  async function handleModern(
    input: HttpInput,
    parsed: ParsedBody,
    message: JSONRPCRequest | undefined,
    authInfo: AuthInfo | undefined,
    accepts: Accepted,
  ): Promise<HttpOutput> {
    if (parsed.isBatch) return modernBatch();
    const only = parsed.messages[0]!;
    if (message === undefined && !('method' in only)) return modernResponse();
    if (message !== undefined) {
      const failure = validateModernHeaders(input.headers, message, supported, options.paramHeaders);
      if (failure !== undefined)
        return errorOutput(failure.status, failure.code, failure.message, message.id, {}, failure.data);
      if (options.isKnownMethod !== undefined && !options.isKnownMethod(message.method)) {
        return unknownMethod(message.id, message.method);
      }
    }
    const version = input.headers.get(HEADER_PROTOCOL_VERSION) ?? undefined;
    const transport = newTransport(undefined, true);
    const failed = await connect(transport, 'modern', version, input);
    if (failed) return failed;
    return post(transport, input, parsed, context(input, undefined, authInfo), {}, accepts, version);
  }

  /**
   * Not an async function: without authentication a request goes straight on to its method (every async
   * layer costs a promise and microtasks per request; the returned promise is the method's own).
   */
  function route(input: HttpInput): Promise<HttpOutput> | HttpOutput {
    if (options.dnsRebinding !== false) {
      const refusal = checkDnsRebinding(input, options.dnsRebinding ?? {}, options.boundToLoopback === true);
      if (refusal !== undefined) return errorOutput(403, ErrorCode.InvalidRequest, refusal);
    }
    if (input.method === 'OPTIONS') return preflightOutput(input, options.cors);
    if (options.auth !== undefined || options.authenticate !== undefined) return routeAuthenticated(input);
    // The principal sessions are bound to (issue 13 item 1); the anonymous one without authentication.
    return routeMethod(input, undefined, ANONYMOUS);
  }

  async function routeAuthenticated(input: HttpInput): Promise<HttpOutput> {
    // Only here is a Request needed on Node: the auth hooks' public types take one.
    const request = input.request();
    const verdict =
      options.auth !== undefined
        ? await authenticateRequest(options.auth, request)
        : await options.authenticate!(request);
    if (verdict instanceof Response) return webOutput(verdict);
    const key = principalKey(verdict);
    const owner = typeof key === 'string' ? key : await key;
    return routeMethod(input, verdict, owner);
  }

  function routeMethod(
    input: HttpInput,
    authInfo: AuthInfo | undefined,
    owner: string,
  ): Promise<HttpOutput> | HttpOutput {
    switch (input.method) {
      case 'POST':
        return handlePost(input, authInfo, owner);
      case 'GET':
        return streams.get(input, owner);
      case 'DELETE':
        return streams.delete(input, owner);
      default:
        return plainOutput(
          405,
          `Method Not Allowed: expected GET, POST or DELETE, received ${input.method}`,
          {
            allow: options.stateless ? 'POST' : 'GET, POST, DELETE',
          },
        );
    }
  }

  const light = async (input: HttpInput): Promise<HttpOutput> => {
    let output: HttpOutput;
    try {
      const routed = route(input);
      output = routed instanceof Promise ? await routed : routed;
    } catch (error) {
      // Never leak internals to the peer; the message says only what failed. A shared store that cannot be
      // reached is not the request's fault: 503, naming the cause, so the client may retry.
      output =
        error instanceof StoreUnavailableError
          ? storeUnavailable(error)
          : errorOutput(500, ErrorCode.InternalError, 'Internal error: the request could not be handled');
    }
    if (options.cors !== undefined) output = addHeaders(output, corsHeaders(input, options.cors));
    return output;
  };

  const handler = async (request: Request, platform?: unknown): Promise<Response> => {
    const output = await light(new WebInput(request));
    if (output.kind === 'sse') {
      // A streamed answer also ends when the runtime reports the client gone on the request's signal,
      // and must not be cut by the runtime's idle timeout (Bun).
      output.connection.goneOn(request.signal);
      keepStreamOpen(platform, request);
    }
    try {
      return toWebResponse(output);
    } catch {
      // A header value the Fetch API refuses (e.g. a session id with invalid characters).
      return toWebResponse(
        errorOutput(500, ErrorCode.InternalError, 'Internal error: the request could not be handled'),
      );
    }
  };

  return Object.defineProperties(handler, {
    [LIGHT_HANDLER]: { value: light },
    close: { value: () => sessions.closeAll() },
    session: { value: (id: string) => sessions.get(id)?.transport },
    // A getter: Object.assign would copy the count once instead of reading it live.
    sessionCount: { get: () => sessions.size },
  }) as StreamableHttpHandler;
}

export type { ConnectInfo, StreamableHttpHandler, StreamableHttpHandlerOptions } from './handler-options.js';
