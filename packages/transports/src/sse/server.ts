/**
 * Legacy HTTP+SSE server (2024-11-05, deprecated but still spoken by old clients), as a web-standard
 * handler: GET opens the event stream and announces the POST URI in an `endpoint` event; POST
 * `<messagesPath>?sessionId=...` carries client messages (202); server messages go out as
 * `event: message`. A session lives as long as its event stream.
 *
 * Sessions get the same protection as Streamable HTTP ones (issue 13 items 1 and 2): bound to the
 * principal that opened the stream (POSTs from anyone else get 404), never-established streams closed
 * after seconds, a cap that evicts the least recently used idle session first, a per-client limit. With
 * a shared `store`, a POST may reach any process: it is forwarded over the bus to the one holding the
 * stream.
 */
import { type AuthInfo, ErrorCode, type MessageContext, StoreUnavailableError } from '@mcpwire/core/runtime';
import { toWebResponse } from '../http/server/http-io.js';
import { keepStreamOpen } from '../http/server/platform.js';
import { errorResponse, plainStatus, storeUnavailable } from '../http/server/responses.js';
import {
  type CorsOptions,
  checkDnsRebinding,
  corsHeaders,
  type DnsRebindingOptions,
  preflight,
} from '../http/server/security.js';
import { forwardPosted, sharedContext } from '../http/server/session-remote.js';
import { LocalSessions, perClientLimit, sessionPolicy } from '../http/server/sessions.js';
import { DEFAULT_KEEPALIVE_MS, sseHeaders, sseLimits } from '../http/server/sse-settings.js';
import { SseConnection } from '../http/server/sse-stream.js';
import { readBodyText } from '../shared-http/body.js';
import {
  authenticateRequest,
  type HttpAuthOptions,
  refuseInsufficientScope,
} from '../shared-http/http-auth.js';
import { parseJsonRpcBody } from '../shared-http/json-rpc.js';
import { remoteAddressOf } from '../shared-http/remote-address.js';
import { formatSseEvent } from '../shared-http/sse-encoder.js';
import { MemorySessionStore } from '../store/memory-session-store.js';
import { ANONYMOUS, principalKey } from '../store/principal.js';
import type { ServerStore } from '../store/server-store.js';
import { RemoteOwners } from './remote-owners.js';
import { SseServerTransport } from './transport.js';

export { SseServerTransport };

/** Options of {@link createSseHandler}. */
export interface SseHandlerOptions {
  /** Connects a protocol engine, e.g. `(t) => server.connect(t)`; what it returns is not used. */
  connect: (transport: SseServerTransport, info: { sessionId: string; request: Request }) => unknown;
  /** Path announced in the `endpoint` event (the query `sessionId` is added). Default `/messages`. */
  messagesPath?: string;
  /**
   * Most open event streams. At the cap a new stream first evicts a session never established, else the
   * one silent longest (no POST for a while); only when all are in use does it get 503. Default 10000.
   */
  maxSessions?: number;
  /**
   * Most open streams per client: per principal with authentication, else per remote address (known on
   * the Node path; elsewhere see `clientKey`). Beyond it 429, after evicting the client's own oldest
   * unused stream. Default maxSessions / 4 (at least 100, at most maxSessions).
   */
  maxSessionsPerClient?: number;
  /** A stream on which no message is POSTed (but initialize) within this long is closed, in ms. Default 10000. */
  unestablishedSessionTimeoutMs?: number;
  /** Without authentication: the per-client key from the request (see the Streamable HTTP option). */
  clientKey?: (request: Request) => string | undefined;
  /**
   * Session records and message bus shared with other handlers or processes: a POST reaching a process
   * that does not hold the session's stream is forwarded to the one that does. Default: private memory.
   */
  store?: ServerStore;
  /** Failures no request can be told about (a shared store or bus failing in the background). */
  onError?: (error: Error) => void;
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
  /** Authenticates each request: AuthInfo for the engine, a Response (e.g. 401) to refuse it. */
  authenticate?: (
    request: Request,
  ) => Promise<AuthInfo | Response | undefined> | AuthInfo | Response | undefined;
  /** OAuth (takes precedence over `authenticate`); see shared-http/http-auth.ts. */
  auth?: HttpAuthOptions;
}

/** The legacy HTTP+SSE handler: GET opens a session's event stream, POST delivers a message. */
export interface SseHandler {
  /** GET opens a stream; POST delivers a message. Route your SSE and messages paths here. */
  (request: Request, platform?: unknown): Promise<Response>;
  /** Closes every session and its stream. */
  close(): Promise<void>;
  readonly sessionCount: number;
}

/** Records of open streams are refreshed this often, and expire a minute after their process stops. */
const RECORD_LIFETIME_MS = 60_000;

/**
 * The handler of the deprecated HTTP+SSE transport of 2024-11-05 (`GET` stream + `POST` messages), for old
 * clients; calls `connect` with a transport per session.
 */
export function createSseHandler(options: SseHandlerOptions): SseHandler {
  const maxSessions = options.maxSessions ?? 10_000;
  const policy = {
    ...sessionPolicy(
      RECORD_LIFETIME_MS,
      options.unestablishedSessionTimeoutMs ?? 10_000,
      maxSessions,
      perClientLimit(maxSessions, options.maxSessionsPerClient),
    ),
    streamHoldsSession: true,
  };
  const shared = sharedContext(options.store, options.onError);
  const store = options.store?.sessions ?? new MemorySessionStore();
  const sessions = new LocalSessions<SseServerTransport>(policy, store, shared, 'sse');
  const elsewhere = shared === undefined ? undefined : new RemoteOwners(store, policy.touchIntervalMs);
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const messagesPath = options.messagesPath ?? '/messages';
  const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEPALIVE_MS;
  const limits = sseLimits(options.maxStreamBufferBytes, options.streamStallTimeoutMs);

  function clientKey(request: Request, owner: string, authInfo: AuthInfo | undefined): string {
    if (authInfo !== undefined) return owner;
    if (options.clientKey !== undefined) return options.clientKey(request) ?? '';
    return remoteAddressOf(request) ?? '';
  }

  async function openStream(
    request: Request,
    authInfo: AuthInfo | undefined,
    owner: string,
  ): Promise<Response> {
    const sessionId = crypto.randomUUID();
    let connection: SseConnection | undefined;
    const opened = await sessions.open(
      sessionId,
      owner,
      clientKey(request, owner, authInfo),
      Date.now(),
      () => {
        let transport: SseServerTransport | undefined;
        connection = new SseConnection(
          () => void transport?.close(),
          keepAliveMs > 0 ? keepAliveMs : undefined,
          limits,
        );
        transport = new SseServerTransport(sessionId, connection, (closed) => sessions.forget(closed));
        return transport;
      },
    );
    if (opened === 'max-sessions') {
      return errorResponse(
        503,
        ErrorCode.InternalError,
        `Service Unavailable: expected fewer than ${maxSessions} open streams or an unused one to end, received one more while all are in use`,
      );
    }
    if (opened === 'max-sessions-per-client') {
      return errorResponse(
        429,
        ErrorCode.InvalidRequest,
        `Too Many Requests: expected at most ${policy.maxSessionsPerClient} open streams per client, received one more while all of this client's are in use`,
      );
    }
    connection!.write(formatSseEvent(`${messagesPath}?sessionId=${sessionId}`, { event: 'endpoint' }));
    try {
      await options.connect(opened.transport, { sessionId, request });
    } catch {
      await opened.transport.close();
      return errorResponse(
        500,
        ErrorCode.InternalError,
        'Internal error: the server could not attach to the transport',
      );
    }
    connection!.goneOn(request.signal);
    return new Response(connection!.body, { status: 200, headers: sseHeaders() });
  }

  async function postMessage(
    request: Request,
    authInfo: AuthInfo | undefined,
    owner: string,
  ): Promise<Response> {
    const sessionId = new URL(request.url).searchParams.get('sessionId');
    if (sessionId === null) {
      return errorResponse(
        400,
        ErrorCode.InvalidRequest,
        'Bad Request: expected a sessionId query parameter, received none',
      );
    }
    // Another principal's session answers exactly like an unknown one: ids are not confirmed to exist.
    const notFound = () =>
      errorResponse(
        404,
        ErrorCode.InvalidRequest,
        `Not Found: expected an open session, received ${JSON.stringify(sessionId)}`,
      );
    const entry = sessions.get(sessionId);
    if (entry === undefined) {
      if (elsewhere === undefined || !(await elsewhere.owns(sessionId, owner))) return notFound();
    } else if (entry.owner !== owner || entry.transport.isClosed) {
      return notFound();
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
    const payload = parsed.isBatch ? parsed.messages : parsed.messages[0]!;
    if (entry === undefined) {
      // A bus that failed rejects here: the route's catch answers 503 when the store is unreachable.
      await forwardPosted(shared!, sessionId, payload, context);
      return new Response('Accepted', { status: 202 });
    }
    const initializing = parsed.messages.some((m) => 'method' in m && m.method === 'initialize');
    if (!sessions.seen(entry, Date.now(), !initializing)) return notFound();
    entry.transport.acceptPosted(payload, context);
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
    const owner = authInfo === undefined ? ANONYMOUS : await principalKey(authInfo);
    if (request.method === 'GET') return openStream(request, authInfo, owner);
    if (request.method === 'POST') return postMessage(request, authInfo, owner);
    return plainStatus(405, `Method Not Allowed: expected GET or POST, received ${request.method}`, {
      allow: 'GET, POST',
    });
  }

  const handler = async (request: Request, platform?: unknown): Promise<Response> => {
    let response: Response;
    try {
      response = await route(request);
    } catch (error) {
      // A shared store that cannot be reached: 503 naming the cause (the client may retry), not a 500.
      response =
        error instanceof StoreUnavailableError
          ? toWebResponse(storeUnavailable(error))
          : errorResponse(500, ErrorCode.InternalError, 'Internal error: the request could not be handled');
    }
    if (options.cors !== undefined) {
      for (const [name, value] of Object.entries(corsHeaders(request, options.cors)))
        response.headers.set(name, value);
    }
    if (request.method === 'GET' && response.status === 200) keepStreamOpen(platform, request);
    return response;
  };
  return Object.defineProperties(handler, {
    close: { value: () => sessions.closeAll() },
    sessionCount: { get: () => sessions.size },
  }) as SseHandler;
}
