/**
 * The POST side of the Streamable HTTP handler: the checks that need no body, the body, then a legacy
 * session's request, a new session (initialize), a stateless request or a 2026-07-28 one.
 *
 * Every promise these functions return resolves with the answer and never rejects (async paths catch
 * their own failures, or go through guardedOutput): the handler's light form hands the hot path's promise
 * to the adapter as it is, with no async layer of its own per request. They may throw synchronously.
 */
import {
  type AuthInfo,
  DEFAULT_HTTP_FALLBACK_REVISION,
  type Era,
  ErrorCode,
  isRevision,
  type JSONRPCMessage,
  type JSONRPCRequest,
  LATEST_LEGACY_REVISION,
  MODERN_REVISIONS,
} from '@mcpwire/core/runtime';
import type { BodyResult } from '../../shared-http/body.js';
import { HEADER_PROTOCOL_VERSION, HEADER_SESSION_ID } from '../../shared-http/header-names.js';
import { refuseInsufficientScope } from '../../shared-http/http-auth.js';
import { type ParsedBody, parseJsonRpcBody, parseJsonRpcValue } from '../../shared-http/json-rpc.js';
import type { Accepted } from './exchange.js';
import type { StreamableHttpHandlerOptions } from './handler-options.js';
import {
  type BodyWaiter,
  type HttpInput,
  type HttpOutput,
  type TextOutput,
  textOutput,
  webOutput,
} from './http-io.js';
import type { HttpMessageContext } from './message-context.js';
import { metaProtocolVersion, validateModernHeaders } from './modern-validation.js';
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
import { batchRefused, errorOutput, failedOutput, guardedOutput } from './responses.js';
import type { StreamableHttpServerTransport } from './server-transport.js';
import type { SessionAccess } from './session-access.js';
import type { SessionEntry } from './sessions.js';

const MODERN: ReadonlySet<string> = new Set(MODERN_REVISIONS);
const ANSWER_INVALID_MEMBERS = { answerInvalidMembers: true } as const;

/** What the POST side uses of its handler (built once per handler). */
export interface PostDeps {
  options: StreamableHttpHandlerOptions;
  supported: readonly string[];
  maxBody: number;
  access: SessionAccess;
  generateId: () => string;
  /** Runs the user's connect hook: an error answer when it failed. */
  connect(
    transport: StreamableHttpServerTransport,
    era: Era,
    version: string | undefined,
    input: HttpInput,
  ): Promise<HttpOutput | undefined>;
  context(
    input: HttpInput,
    sessionId: string | undefined,
    authInfo: AuthInfo | undefined,
  ): HttpMessageContext;
  /** A transport for one request (stateless, or 2026-07-28). */
  transport(modern: boolean): StreamableHttpServerTransport;
}

/**
 * The PendingPost whose promise is being made: the executor is one shared function rather than a closure
 * per request. Promise runs it synchronously, so no other request can interleave.
 */
let capturing: { resolve: (output: HttpOutput) => void; reject: (error: unknown) => void } | undefined;

function capturePostResolve(resolve: (output: HttpOutput) => void, reject: (error: unknown) => void): void {
  capturing!.resolve = resolve;
  capturing!.reject = reject;
  capturing = undefined;
}

function hasInitialize(messages: readonly JSONRPCMessage[]): boolean {
  for (const message of messages) if ('method' in message && message.method === 'initialize') return true;
  return false;
}

/** The handler's POST: `(input, authInfo, owner)` → the answer (see the file comment). */
export type PostHandler = (
  input: HttpInput,
  authInfo: AuthInfo | undefined,
  owner: string,
) => Promise<HttpOutput> | HttpOutput;

/** The POST side of one handler. */
export function postHandler(deps: PostDeps): PostHandler {
  const { options, supported, maxBody, access, generateId, connect, context } = deps;

  /**
   * Not an async function: the checks that need no body run at once, and a body still
   * arriving is awaited in postAfterBody, whose frame is small (an async function saves its registers at
   * each await).
   */
  function handlePost(
    input: HttpInput,
    authInfo: AuthInfo | undefined,
    owner: string,
  ): Promise<HttpOutput> | HttpOutput {
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
    if (input.readBodyInto !== undefined) {
      // No promise for the body and no async frame: the input calls the pending POST when it has arrived.
      const pending = new PendingPost(input, authInfo, owner, accepts);
      const now = input.readBodyInto(maxBody, pending);
      return now === undefined ? pending.answer : handleBody(now, input, authInfo, owner, accepts);
    }
    const read = input.readBody(maxBody);
    if (read instanceof Promise) return postAfterBody(read, input, authInfo, owner, accepts);
    return handleBody(read, input, authInfo, owner, accepts);
  }

  /** Never rejects (see the file comment). */
  async function postAfterBody(
    read: Promise<BodyResult>,
    input: HttpInput,
    authInfo: AuthInfo | undefined,
    owner: string,
    accepts: Accepted,
  ): Promise<HttpOutput> {
    try {
      const answer = handleBody(await read, input, authInfo, owner, accepts);
      // Awaited here rather than returned: an async function returning a promise adopts it through an extra
      // job and promise per request.
      return answer instanceof Promise ? await answer : answer;
    } catch (error) {
      return failedOutput(error);
    }
  }

  /** A POST whose body is still arriving (HttpInput.readBodyInto). `answer` never rejects. */
  class PendingPost implements BodyWaiter {
    readonly answer: Promise<HttpOutput>;
    /** Set by capturePostResolve, synchronously in the constructor. */
    resolve!: (output: HttpOutput) => void;
    reject!: (error: unknown) => void;

    constructor(
      private readonly input: HttpInput,
      private readonly authInfo: AuthInfo | undefined,
      private readonly owner: string,
      private readonly accepts: Accepted,
    ) {
      capturing = this;
      this.answer = new Promise(capturePostResolve);
    }

    bodyRead(body: BodyResult): void {
      let answer: Promise<HttpOutput> | HttpOutput;
      try {
        answer = handleBody(body, this.input, this.authInfo, this.owner, this.accepts);
      } catch (error) {
        answer = failedOutput(error);
      }
      // Chained with the promise's own resolvers rather than resolved with the promise, which would adopt
      // it through an extra job. A promise from handleBody never rejects; if one did, the adapter's 500.
      if (answer instanceof Promise) answer.then(this.resolve, this.reject);
      else this.resolve(answer);
    }

    bodyFailed(error: unknown): void {
      this.resolve(failedOutput(error));
    }
  }

  /** The POST once its body is read. May throw; a promise it returns never rejects. */
  function handleBody(
    body: BodyResult,
    input: HttpInput,
    authInfo: AuthInfo | undefined,
    owner: string,
    accepts: Accepted,
  ): Promise<HttpOutput> | HttpOutput {
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
    const isInitialize = hasInitialize(parsed.messages);

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
      return postStateless(input, parsed, authInfo, accepts, headerVersion, version);
    }

    if (sessionHeader === null) {
      if (!isInitialize) return sessionIdMissing();
      return openSession(input, parsed, authInfo, owner, accepts);
    }

    const lookup = access.find(sessionHeader, owner, input);
    if (lookup instanceof Promise) {
      return guardedOutput(
        lookup.then((found) =>
          postOnSession(found, sessionHeader, input, parsed, authInfo, accepts, headerVersion),
        ),
      );
    }
    return postOnSession(lookup, sessionHeader, input, parsed, authInfo, accepts, headerVersion);
  }

  /** A POST on the session `found` (or the refusal `found` is). */
  function postOnSession(
    found: SessionEntry<StreamableHttpServerTransport> | TextOutput,
    sessionId: string,
    input: HttpInput,
    parsed: ParsedBody,
    authInfo: AuthInfo | undefined,
    accepts: Accepted,
    headerVersion: string | null,
  ): Promise<HttpOutput> | HttpOutput {
    if (!('transport' in found)) return found;
    const transport = found.transport;
    if (hasInitialize(parsed.messages)) return initializeOnSession();
    const version = headerVersion ?? transport.protocolVersion ?? DEFAULT_HTTP_FALLBACK_REVISION;
    if (parsed.isBatch && version !== '2025-03-26') return batchRefused(version);
    // HEADER_SESSION_ID's value as a literal key: a computed key costs an extra step per object.
    const headers = { 'mcp-session-id': sessionId };
    const ctx = context(input, sessionId, authInfo);
    return post(transport, input, parsed, ctx, headers, accepts, headerVersion ?? undefined);
  }

  /** Stateless mode: a transport for this one POST. Never rejects (see the file comment). */
  async function postStateless(
    input: HttpInput,
    parsed: ParsedBody,
    authInfo: AuthInfo | undefined,
    accepts: Accepted,
    headerVersion: string | null,
    version: string,
  ): Promise<HttpOutput> {
    try {
      const transport = deps.transport(false);
      const failed = await connect(transport, 'legacy', headerVersion ?? undefined, input);
      if (failed) return failed;
      return post(transport, input, parsed, context(input, undefined, authInfo), {}, accepts, version);
    } catch (error) {
      return failedOutput(error);
    }
  }

  /** initialize without a session id: a new session. Never rejects (see the file comment). */
  async function openSession(
    input: HttpInput,
    parsed: ParsedBody,
    authInfo: AuthInfo | undefined,
    owner: string,
    accepts: Accepted,
  ): Promise<HttpOutput> {
    try {
      const sessionId = generateId();
      const opened = await access.open(input, owner, authInfo, sessionId);
      if (!('transport' in opened)) return opened;
      const headers = { [HEADER_SESSION_ID]: sessionId };
      const ctx = context(input, sessionId, authInfo);
      return post(opened.transport, input, parsed, ctx, headers, accepts, undefined);
    } catch (error) {
      return failedOutput(error);
    }
  }

  /** A 2026-07-28 request. Never rejects (see the file comment). */
  async function handleModern(
    input: HttpInput,
    parsed: ParsedBody,
    message: JSONRPCRequest | undefined,
    authInfo: AuthInfo | undefined,
    accepts: Accepted,
  ): Promise<HttpOutput> {
    try {
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
      const transport = deps.transport(true);
      const failed = await connect(transport, 'modern', version, input);
      if (failed) return failed;
      return post(transport, input, parsed, context(input, undefined, authInfo), {}, accepts, version);
    } catch (error) {
      return failedOutput(error);
    }
  }

  return handlePost;
}
