/**
 * The context every handler and middleware receives: who is asking (auth info, client capabilities and
 * info, revision), the abort signal, progress and logging for this request, and calls to the client
 * (sampling, elicitation, roots). In the legacy era client calls are server→client requests related to
 * this request; in 2026-07-28 they go through multi round-trip requests (see mrtr.ts for the re-run model).
 */
import {
  type AuthInfo,
  type CreateMessageRequestParams,
  type CreateMessageResult,
  type ElicitRequestFormParams,
  type ElicitRequestURLParams,
  type ElicitResult,
  type Era,
  extensionSettings,
  type Implementation,
  type JsonObject,
  type ListRootsResult,
  LocalError,
  LocalErrorCode,
  type LoggingLevel,
  loggingLevelAtLeast,
  type RequestContext,
  type RequestId,
  type Revision,
  requireClientCapability,
  requireClientExtension,
  validateJsonSchema,
} from '@mcpwire/core/runtime';
import type { LogEntry } from './logging.js';
import type { InputRequestEntry, InputRounds } from './mrtr.js';
import type { Caller } from './visibility.js';

// Part of this package's API since before it moved to core.
export { isLoggingLevel } from '@mcpwire/core/runtime';

/** Methods whose handlers may ask the client for input in 2026-07-28 (mrtr §Supported Requests). */
const MRTR_METHODS: ReadonlySet<string> = new Set(['tools/call', 'prompts/get', 'resources/read']);

/** What the per-connection session exposes to a context. */
export interface SessionView {
  /** Legacy: the level set by logging/setLevel (undefined: everything is sent). */
  readonly legacyLogLevel: LoggingLevel | undefined;
  /** Every `ctx.log()` call: to the server's logger hook, or stderr (see logging.ts). */
  recordLog(entry: LogEntry, modern: boolean): void;
  /** A failure answered without an error response (a tool's `isError` result), for the server's onerror. */
  reportFailure(error: unknown, ctx: HandlerContext): void;
}

/** Sampling params as a handler writes them (`_meta` optional, tools allowed with 2025-11-25 clients). */
export type SampleParams = Omit<CreateMessageRequestParams, '_meta'> & { _meta?: JsonObject };
/** Elicitation: form mode (default) or URL mode. */
export type ElicitParams =
  | (Omit<ElicitRequestFormParams, '_meta'> & { _meta?: JsonObject })
  | (Omit<ElicitRequestURLParams, '_meta'> & { _meta?: JsonObject });

export class HandlerContext implements Caller {
  /** The request's method, e.g. "tools/call". */
  readonly method: string;
  /** The request's params as received. */
  readonly params: JsonObject;
  /** Tool or prompt name, resource URI, or undefined: what the request is about (for middleware). */
  readonly target: string | undefined;
  /** Set by the server for modern requests that may ask for input. */
  rounds: InputRounds | undefined;
  private controller: AbortController | undefined;
  private external: AbortSignal | undefined;

  /** Created by the server for each request it hands to a handler. */
  constructor(
    /** The engine's request context (ids, signal, scope, transport context). */
    readonly request: RequestContext,
    private readonly session: SessionView,
    method: string,
    params: JsonObject | undefined,
    target: string | undefined,
  ) {
    this.method = method;
    this.params = params ?? {};
    this.target = target;
  }

  /** The id of the request being handled. */
  get requestId(): RequestId {
    return this.request.requestId;
  }

  /** Aborted when the client cancels, the connection closes, or the handler's time limit passes. */
  get signal(): AbortSignal {
    return this.controller?.signal ?? this.external ?? this.request.signal;
  }

  /** @internal Tasks: the handler outlives its request, so it follows the task's signal instead. */
  useSignal(signal: AbortSignal): void {
    this.external = signal;
  }

  /** The verified auth info of the caller, when the transport authenticates. */
  get authInfo(): AuthInfo | undefined {
    return this.request.authInfo;
  }

  /** The caller's era: `legacy` (a session) or `modern` (2026-07-28). */
  get era(): Era {
    return this.request.era ?? 'legacy';
  }

  /** The revision of the request (legacy: the session's). */
  get revision(): Revision | undefined {
    return this.request.revision;
  }

  /** The capabilities the client declared. */
  get clientCapabilities(): JsonObject {
    return this.request.clientCapabilities ?? {};
  }

  /** The client's name and version, when it said. */
  get clientInfo(): Implementation | undefined {
    return this.request.clientInfo as Implementation | undefined;
  }

  /** The session id (legacy HTTP sessions), if any. */
  get sessionId(): string | undefined {
    return this.request.sessionId;
  }

  /** The settings the client declared for extension `id` (initialize, or this request's `_meta`), if any. */
  clientExtension(id: string): JsonObject | undefined {
    return extensionSettings(this.request.clientCapabilities, id);
  }

  /** Whether the client declared extension `id`: a handler falls back to core behaviour when it did not. */
  supportsExtension(id: string): boolean {
    return this.clientExtension(id) !== undefined;
  }

  /**
   * The client's settings for extension `id`; refuses the request when it did not declare it (-32021 in
   * 2026-07-28, -32602 before), for extensions whose fallback is to reject.
   */
  requireExtension(id: string): JsonObject {
    return requireClientExtension(this.request, id);
  }

  /**
   * Modern era: handler state that survives input rounds (carried, signed, in requestState). Set it before
   * a client call to skip work already done in an earlier round.
   */
  get state(): unknown {
    return this.rounds?.state;
  }

  /** Sets the state carried to the next input round (modern era, inside a request that can have rounds). */
  set state(value: unknown) {
    if (this.rounds === undefined) {
      throw new LocalError(
        LocalErrorCode.InvalidState,
        `ctx.state is kept across input rounds of 2026-07-28 tools/call, prompts/get and resources/read; this is ${this.era} ${this.method}`,
      );
    }
    this.rounds.state = value;
  }

  /** Reports progress (sent only when the client asked for it with a progress token). */
  progress(progress: number, total?: number, message?: string): Promise<void> {
    return this.request.sendProgress(progress, total, message);
  }

  /** Whether a message at `level` would be sent for this request. */
  wouldLog(level: LoggingLevel): boolean {
    const threshold = this.era === 'modern' ? this.request.logLevel : this.session.legacyLogLevel;
    // 2026-07-28: no log messages for a request that did not ask for them (logging §Per-request log level).
    if (threshold === undefined) return this.era !== 'modern';
    return loggingLevelAtLeast(level, threshold);
  }

  /**
   * Logs: `notifications/message` related to this request if the client's level lets it through, and the
   * server's `logger` hook (or, for a 2026-07-28 stdio client that did not ask, stderr) either way.
   */
  log(level: LoggingLevel, data: unknown, logger?: string): Promise<void> {
    const sentToClient = this.wouldLog(level);
    const entry: LogEntry = { level, data, method: this.method, requestId: this.requestId, sentToClient };
    if (logger !== undefined) entry.logger = logger;
    if (this.target !== undefined) entry.target = this.target;
    if (this.sessionId !== undefined) entry.sessionId = this.sessionId;
    this.session.recordLog(entry, this.era === 'modern');
    if (!sentToClient) return Promise.resolve();
    const params: JsonObject = { level, data: data as JsonObject };
    if (logger !== undefined) params.logger = logger;
    return this.request.sendNotification('notifications/message', params as never);
  }

  /** Asks the client's LLM for a completion (sampling/createMessage). */
  sample(params: SampleParams): Promise<CreateMessageResult> {
    return this.clientCall({
      method: 'sampling/createMessage',
      params: params as JsonObject,
    }) as Promise<CreateMessageResult>;
  }

  /** Asks the user for input: a form (`requestedSchema`) or, with `mode: 'url'`, a URL to visit. */
  elicit(params: ElicitParams): Promise<ElicitResult> {
    const answer = this.clientCall({
      method: 'elicitation/create',
      params: params as JsonObject,
    }) as Promise<ElicitResult>;
    const schema = params.mode === 'url' ? undefined : params.requestedSchema;
    // elicitation §Security: servers SHOULD validate received data against the requested schema.
    return schema === undefined ? answer : answer.then((result) => checkedAnswer(schema, result));
  }

  /** Asks the client for its roots. */
  listRoots(): Promise<ListRootsResult> {
    return this.clientCall({ method: 'roots/list' }) as Promise<ListRootsResult>;
  }

  /** Starts the handler's own time limit (the server's `handlerTimeoutMs`). Returns a disposer. */
  armTimeout(ms: number, onTimeout: () => void): () => void {
    const controller = new AbortController();
    this.controller = controller;
    const upstream = this.request.signal;
    const forward = (): void => controller.abort(upstream.reason);
    if (upstream.aborted) forward();
    else upstream.addEventListener('abort', forward, { once: true });
    const timer = setTimeout(onTimeout, ms);
    return () => {
      clearTimeout(timer);
      upstream.removeEventListener('abort', forward);
    };
  }

  /** @internal Reports a failure the client gets as a tool's `isError` result (see errors.ts). */
  reportFailure(error: unknown): void {
    this.session.reportFailure(error, this);
  }

  /** Aborts the handler's signal (time limit reached). */
  abort(reason: unknown): void {
    this.controller?.abort(reason);
  }

  private clientCall(entry: InputRequestEntry): Promise<unknown> {
    const params = entry.params;
    if (this.era === 'modern') {
      try {
        requireClientCapability(this.request, capabilityPath(entry));
      } catch (error) {
        return Promise.reject(error);
      }
      if (this.rounds === undefined || !MRTR_METHODS.has(this.method)) {
        return Promise.reject(
          new LocalError(
            LocalErrorCode.InvalidState,
            `Cannot ask the client for ${entry.method} while handling ${this.method}: in 2026-07-28 only tools/call, prompts/get and resources/read may ask for input`,
          ),
        );
      }
      return this.rounds.call(entry);
    }
    return this.request.sendRequest(entry.method as 'roots/list', params as never, { signal: this.signal });
  }
}

function capabilityPath(entry: InputRequestEntry): readonly string[] {
  if (entry.method === 'roots/list') return ['roots'];
  if (entry.method === 'elicitation/create')
    return entry.params?.mode === 'url' ? ['elicitation', 'url'] : ['elicitation'];
  return entry.params?.tools !== undefined ? ['sampling', 'tools'] : ['sampling'];
}

/** An accepted form answer must match the schema the handler asked with; a mismatch rejects elicit(). */
function checkedAnswer(schema: unknown, result: ElicitResult): ElicitResult {
  if (result.action !== 'accept' || result.content === undefined) return result;
  const issue = validateJsonSchema(schema, result.content);
  if (issue === undefined) return result;
  throw new LocalError(
    LocalErrorCode.InvalidMessage,
    `The client's elicitation answer does not match requestedSchema at ${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`,
  );
}
