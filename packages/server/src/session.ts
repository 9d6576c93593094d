/**
 * One connection of an McpServer: the dual-era ServerConnection from core plus everything that belongs to
 * this connection only: the legacy log level, legacy resource subscriptions, modern subscriptions/listen
 * streams and (2025-11-25) tasks. Handlers are bound once per connection, not per message.
 */
import {
  type Era,
  ErrorCode,
  isLoggingLevel,
  type JsonObject,
  type LoggingLevel,
  META_SUBSCRIPTION_ID,
  ProtocolError,
  type RequestContext,
  type RequestId,
  ServerConnection,
  type SessionStateExtension,
  type Transport,
} from '@mcpwire/core/runtime';
import { HandlerContext, type SessionView } from './context.js';
import { failedRequest } from './errors.js';
import { deliverLog, type LogEntry } from './logging.js';
import { callTool } from './methods.js';
import type { ListKind } from './registry.js';
import type { McpServer } from './server.js';
import type { UpdateClaim } from './server-events.js';
import { handlerError, type SessionWork, sessionRequestHandlers } from './session-handlers.js';
import { SessionTasks } from './tasks.js';
import { VisibilityWatch, visibleTool } from './visibility.js';

interface Listen {
  id: RequestId;
  tools: boolean;
  prompts: boolean;
  resources: boolean;
  uris: ReadonlySet<string>;
  end: () => void;
  /** What this stream's client was shown, when visibility rules exist. */
  visibility?: VisibilityWatch;
}

const LIST_CHANGED: Record<ListKind, string> = {
  tools: 'notifications/tools/list_changed',
  prompts: 'notifications/prompts/list_changed',
  resources: 'notifications/resources/list_changed',
};

export class ServerSession implements SessionView, SessionStateExtension {
  readonly connection: ServerConnection;
  legacyLogLevel: LoggingLevel | undefined = undefined;
  // Made on first use: most sessions never subscribe or listen.
  private subscriptions: Set<string> | undefined = undefined;
  private listens: Map<RequestId, Listen> | undefined = undefined;
  private taskStore: SessionTasks | undefined;
  private visibility: VisibilityWatch | undefined;

  /** Created by `server.connect(transport)`. */
  constructor(
    /** @internal */
    readonly server: McpServer,
    private readonly transport: Transport,
  ) {
    const options = server.options;
    const discoverHint = server.cacheFields('server/discover');
    this.connection = new ServerConnection({
      serverInfo: server.serverInfo,
      capabilities: (revision) => server.capabilitiesFor(revision),
      revisions: server.revisions,
      discover: discoverHint,
      ...(options.instructions === undefined ? {} : { instructions: options.instructions }),
      ...(options.clientRequestTimeoutMs === undefined
        ? {}
        : { defaultTimeoutMs: options.clientRequestTimeoutMs }),
    });
    const c = this.connection;
    c.sessionState = this;
    c.onhandlererror = handlerError;
    c.shareRequestHandlers(sessionRequestHandlers());
  }

  /** The era once settled: 'legacy' after initialize, undefined while serving modern requests statelessly. */
  get era(): Era | undefined {
    return this.connection.era;
  }

  /** @internal */
  async start(): Promise<void> {
    await this.connection.connect(this.transport);
  }

  /** Ends modern subscription streams gracefully, then closes the connection. */
  async close(): Promise<void> {
    const listens = this.listens;
    if (listens !== undefined && listens.size > 0) {
      for (const listen of listens.values()) listen.end();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await this.connection.close();
  }

  /** @internal Called when the connection closed. */
  dispose(): void {
    this.taskStore?.dispose();
    this.listens?.clear();
    this.subscriptions?.clear();
  }

  /** @internal */
  listChanged(kind: ListKind): void {
    const c = this.connection;
    if (c.isClosed) return;
    if (c.isInitialized) {
      c.rawNotification(LIST_CHANGED[kind]).catch(this.ignore);
      return;
    }
    for (const listen of this.listens?.values() ?? NO_LISTENS)
      if (listen[kind]) this.notifyListen(listen, kind);
  }

  /**
   * @internal A batch of list changes (this process's or, with a shared store, another's). `claim`: a
   * legacy session may have copies in several processes; the copy whose claim wins sends.
   */
  listsChanged(kinds: ReadonlySet<ListKind>, claim: UpdateClaim): void {
    const c = this.connection;
    const sessionId = this.transport.sessionId;
    if (claim === undefined || c.isClosed || !c.isInitialized || sessionId === undefined) {
      for (const kind of kinds) this.listChanged(kind);
      return;
    }
    claim(sessionId).then((won) => {
      if (won) for (const kind of kinds) this.listChanged(kind);
    }, this.ignore);
  }

  private notifyListen(listen: Listen, kind: ListKind): void {
    this.connection
      .rawNotification(
        LIST_CHANGED[kind],
        { _meta: { [META_SUBSCRIPTION_ID]: listen.id } },
        { relatedRequestId: listen.id },
      )
      .catch(this.ignore);
  }

  /** @internal */
  recordLog(entry: LogEntry, modern: boolean): void {
    deliverLog(this.server.options.logger, this.transport.transportKind, modern, entry);
  }

  /** @internal A handler failure answered without an error (a tool's `isError` result): report it. */
  reportFailure(error: unknown, ctx: HandlerContext): void {
    this.server.reportFailure(error, failedRequest(ctx.request, ctx.target));
  }

  /** @internal Tells this client about lists whose visible items changed for it. */
  recheckVisibility(): void {
    if (this.connection.isInitialized) {
      for (const kind of this.visibility?.recheck() ?? []) this.listChanged(kind);
      return;
    }
    for (const listen of this.listens?.values() ?? NO_LISTENS) {
      for (const kind of listen.visibility?.recheck() ?? []) this.notifyListen(listen, kind);
    }
  }

  /** A legacy session's request: a new auth token (step-up) may show or hide items. */
  private observeCaller(ctx: HandlerContext): void {
    this.visibility ??= new VisibilityWatch(this.server);
    for (const kind of this.visibility.observe(ctx)) this.listChanged(kind);
  }

  /** @internal A list was answered: remember what the client was shown (visibility rules). */
  shownList(kind: ListKind): void {
    if (this.connection.isInitialized) this.visibility?.shownList(kind);
  }

  private listenVisibility(listen: Listen, rc: RequestContext): VisibilityWatch {
    const watch = new VisibilityWatch(this.server);
    watch.observe(new HandlerContext(rc, this, rc.method, undefined, undefined));
    for (const kind of ['tools', 'prompts', 'resources'] as const) if (listen[kind]) watch.shownList(kind);
    return watch;
  }

  /**
   * @internal `claim`: with a shared store, several processes may hold this session; the one whose claim
   * wins sends (see server-events.ts).
   */
  resourceUpdated(uri: string, claim?: UpdateClaim): void {
    const c = this.connection;
    if (c.isClosed) return;
    if (c.isInitialized) {
      if (this.subscriptions?.has(uri) !== true) return;
      const sessionId = this.transport.sessionId;
      if (claim === undefined || sessionId === undefined) {
        c.rawNotification('notifications/resources/updated', { uri }).catch(this.ignore);
        return;
      }
      claim(sessionId).then((won) => {
        if (won && !c.isClosed)
          c.rawNotification('notifications/resources/updated', { uri }).catch(this.ignore);
      }, this.ignore);
      return;
    }
    for (const listen of this.listens?.values() ?? NO_LISTENS) {
      if (!listen.uris.has(uri)) continue;
      c.rawNotification(
        'notifications/resources/updated',
        { _meta: { [META_SUBSCRIPTION_ID]: listen.id }, uri },
        { relatedRequestId: listen.id },
      ).catch(this.ignore);
    }
  }

  // ---------------------------------------------------------------- handlers

  /**
   * @internal Serves one request of this session (the shared handlers' body): the engine has validated
   * params against the revision's schema already.
   */
  serve(
    p: JsonObject | undefined,
    rc: RequestContext,
    work: SessionWork,
    target: ((params: JsonObject | undefined) => string | undefined) | undefined,
    fixedLimit: number | undefined,
  ): Promise<JsonObject> {
    const server = this.server;
    const ctx = new HandlerContext(rc, this, rc.method, p, target?.(p));
    if (server.hasVisibilityRules && this.connection.isInitialized) this.observeCaller(ctx);
    const limit =
      fixedLimit ??
      (rc.method === 'tools/call' ? server.tools.get(ctx.target ?? '')?.config.timeoutMs : undefined);
    return server.run(ctx, (context) => work(this, context), limit);
  }

  /** @internal tools/call, as a task when a 2025-11-25 client asks (session-handlers.ts). */
  callTool(ctx: HandlerContext): Promise<JsonObject> {
    const server = this.server;
    const task = ctx.params.task as { ttl?: number } | undefined;
    if (ctx.revision !== '2025-11-25') return callTool(server, ctx);
    const tool = visibleTool(server, ctx, ctx.target ?? '');
    const support = tool?.taskSupport ?? 'forbidden';
    if (task === undefined) {
      if (support === 'required') {
        throw new ProtocolError(
          ErrorCode.MethodNotFound,
          `Tool ${ctx.target} must be called as a task: expected params.task, received none`,
        );
      }
      return callTool(server, ctx);
    }
    if (tool !== undefined && support === 'forbidden') {
      throw new ProtocolError(
        ErrorCode.MethodNotFound,
        `Tool ${ctx.target} does not support tasks (taskSupport "forbidden"): expected a call without params.task`,
      );
    }
    if (tool === undefined) return callTool(server, ctx); // answers "unknown tool"
    return this.tasks().start(task.ttl, (signal) => {
      ctx.useSignal(signal);
      return callTool(server, ctx);
    });
  }

  /** @internal Legacy resources/subscribe (session-handlers.ts). */
  async subscribe(ctx: HandlerContext): Promise<JsonObject> {
    this.subscriptions ??= new Set();
    this.subscriptions.add(ctx.target ?? '');
    this.connection.saveSession();
    return {};
  }

  /** @internal Legacy resources/unsubscribe (session-handlers.ts). */
  async unsubscribe(ctx: HandlerContext): Promise<JsonObject> {
    this.subscriptions?.delete(ctx.target ?? '');
    this.connection.saveSession();
    return {};
  }

  /** @internal SessionStateExtension: the log level and resource subscriptions of a legacy session. */
  exportSessionState(): JsonObject | undefined {
    const subscriptions = this.subscriptions;
    const subscribed = subscriptions !== undefined && subscriptions.size > 0;
    if (this.legacyLogLevel === undefined && !subscribed) return undefined;
    const state: JsonObject = {};
    if (this.legacyLogLevel !== undefined) state.logLevel = this.legacyLogLevel;
    if (subscribed) state.subscriptions = [...subscriptions];
    return state;
  }

  /** @internal SessionStateExtension: restores what another process saved (unknown values ignored). */
  restoreSessionState(state: JsonObject | undefined): void {
    const level = state?.logLevel;
    this.legacyLogLevel = typeof level === 'string' && isLoggingLevel(level) ? level : undefined;
    this.subscriptions?.clear();
    const uris = state?.subscriptions;
    if (!Array.isArray(uris)) return;
    this.subscriptions ??= new Set();
    const subscriptions = this.subscriptions;
    for (const uri of uris) if (typeof uri === 'string') subscriptions.add(uri);
  }

  /** @internal 2026-07-28 subscriptions/listen: acknowledge first, then deliver until cancelled or closed. */
  async listen(params: JsonObject, rc: RequestContext): Promise<JsonObject> {
    const requested = (params.notifications ?? {}) as JsonObject;
    const agreed: JsonObject = {};
    const listen: Listen = {
      id: rc.requestId,
      tools: requested.toolsListChanged === true,
      prompts: requested.promptsListChanged === true,
      resources: requested.resourcesListChanged === true,
      uris: new Set(
        Array.isArray(requested.resourceSubscriptions) ? (requested.resourceSubscriptions as string[]) : [],
      ),
      end: () => undefined,
    };
    if (listen.tools) agreed.toolsListChanged = true;
    if (listen.prompts) agreed.promptsListChanged = true;
    if (listen.resources) agreed.resourcesListChanged = true;
    if (requested.resourceSubscriptions !== undefined) agreed.resourceSubscriptions = [...listen.uris];
    if (this.server.hasVisibilityRules) listen.visibility = this.listenVisibility(listen, rc);
    await rc.sendNotification('notifications/subscriptions/acknowledged', {
      _meta: { [META_SUBSCRIPTION_ID]: rc.requestId },
      notifications: agreed,
    } as never);
    const signal = rc.signal;
    if (!signal.aborted) {
      this.listens ??= new Map();
      this.listens.set(rc.requestId, listen);
      await new Promise<void>((resolve) => {
        listen.end = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      this.listens?.delete(rc.requestId);
    }
    return { _meta: { [META_SUBSCRIPTION_ID]: rc.requestId } };
  }

  /** @internal This session's tasks, made on first use (session-handlers.ts). */
  tasks(): SessionTasks {
    if (this.taskStore === undefined) {
      const options = this.server.options.tasks;
      this.taskStore = new SessionTasks(
        this.server.taskStore,
        // The session's tasks: with a shared store, another process serving the session sees them too.
        this.transport.sessionId ?? crypto.randomUUID(),
        {
          defaultTtlMs: options?.defaultTtlMs ?? 5 * 60_000,
          maxTtlMs: options?.maxTtlMs ?? 60 * 60_000,
          pollIntervalMs: options?.pollIntervalMs ?? 1000,
        },
        this.server.paginator,
        (task) => {
          if (!this.connection.isClosed) {
            this.connection.rawNotification('notifications/tasks/status', task).catch(this.ignore);
          }
        },
      );
    }
    return this.taskStore;
  }

  private readonly ignore = ignore;
}

function ignore(): void {}

const NO_LISTENS: readonly Listen[] = [];
