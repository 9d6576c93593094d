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
import { type AuthInfo, type Era, ErrorCode, LATEST_LEGACY_REVISION, REVISIONS } from '@mcpwire/core/runtime';
import { authenticateRequest } from '../../shared-http/http-auth.js';
import { MemorySessionStore } from '../../store/memory-session-store.js';
import { ANONYMOUS, principalKey } from '../../store/principal.js';
import type { SessionRecord } from '../../store/session-store.js';
import { SessionStreams } from './handler-get.js';
import type { StreamableHttpHandler, StreamableHttpHandlerOptions } from './handler-options.js';
import { postHandler } from './handler-post.js';
import {
  addHeaders,
  type HttpInput,
  type HttpOutput,
  LIGHT_HANDLER,
  toWebResponse,
  WebInput,
  webOutput,
} from './http-io.js';
import { HttpMessageContext } from './message-context.js';
import { keepStreamOpen } from './platform.js';
import { ConnectInfoView, RequestInfoView } from './request-views.js';
import { errorOutput, failedOutput, guardedOutput, plainOutput } from './responses.js';
import { checkDnsRebinding, corsHeaders, preflightOutput } from './security.js';
import { StreamableHttpServerTransport } from './server-transport.js';
import { SessionAccess } from './session-access.js';
import { type RemoteSession, sharedContext } from './session-remote.js';
import { LocalSessions, perClientLimit, sessionPolicy } from './sessions.js';
import { DEFAULT_KEEPALIVE_MS, sseLimits } from './sse-settings.js';

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

  const handlePost = postHandler({
    options,
    supported,
    maxBody,
    access,
    generateId,
    connect,
    context,
    transport: (modern) => newTransport(undefined, modern),
  });

  /**
   * Not an async function: without authentication a request goes straight on to its method (every async
   * layer costs a promise and microtasks per request; the returned promise is the method's own).
   */
  function route(input: HttpInput): Promise<HttpOutput> | HttpOutput {
    // Its promises never reject: see light.
    if (options.dnsRebinding !== false) {
      const refusal = checkDnsRebinding(input, options.dnsRebinding ?? {}, options.boundToLoopback === true);
      if (refusal !== undefined) return errorOutput(403, ErrorCode.InvalidRequest, refusal);
    }
    if (input.method === 'OPTIONS') return preflightOutput(input, options.cors);
    if (options.auth !== undefined || options.authenticate !== undefined) return routeAuthenticated(input);
    // The principal sessions are bound to (issue 13 item 1); the anonymous one without authentication.
    return routeMethod(input, undefined, ANONYMOUS);
  }

  /** Never rejects (see light). */
  async function routeAuthenticated(input: HttpInput): Promise<HttpOutput> {
    try {
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
    } catch (error) {
      return failedOutput(error);
    }
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
        return guardedOutput(streams.get(input, owner));
      case 'DELETE':
        return guardedOutput(streams.delete(input, owner));
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

  /**
   * Not an async function either: route may throw, but a promise it returns never rejects (each async path
   * catches its own failures, or goes through guardedOutput), so without CORS that promise is handed to the
   * adapter as it is, with no promise or microtask of this layer's own per request.
   */
  const cors = options.cors;
  const light = (input: HttpInput): Promise<HttpOutput> => {
    let output: HttpOutput;
    try {
      const routed = route(input);
      if (routed instanceof Promise) {
        return cors === undefined
          ? routed
          : routed.then((answer) => addHeaders(answer, corsHeaders(input, cors)));
      }
      output = routed;
    } catch (error) {
      output = failedOutput(error);
    }
    if (cors !== undefined) output = addHeaders(output, corsHeaders(input, cors));
    return Promise.resolve(output);
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
