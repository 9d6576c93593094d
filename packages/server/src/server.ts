/**
 * McpServer: one server definition (tools, resources, prompts, middleware, options) that serves any number
 * of connections, of every protocol revision, at the same time. `connect(transport)` creates a
 * ServerSession holding everything that belongs to that connection (era, negotiated revision, client
 * capabilities, log level, subscriptions, tasks); the server object holds none of it, so there is no
 * "already connected" state. Registrations may change at any time; live connections are told.
 */
import {
  ConfigError,
  checkedExtensions,
  ErrorCode,
  type Implementation,
  type JsonObject,
  ProtocolError,
  REVISIONS,
  type Revision,
  TelemetrySource,
  TimeoutError,
  type Transport,
} from '@mcpwire/core/runtime';
import type { HandlerContext } from './context.js';
import { asError, type ErrorHook, type FailedRequest, printFailure } from './errors.js';
import { type Middleware, runChain } from './middleware.js';
import { RequestStateSealer } from './mrtr.js';
import { Paginator } from './pagination.js';
import {
  type PromptArgsOf,
  type PromptArgumentsSchema,
  type PromptChanges,
  type PromptConfig,
  PromptEntry,
  type PromptHandler,
  type StringArguments,
} from './prompts.js';
import { type ListKind, type RegisteredHandle, Registry } from './registry.js';
import {
  type ResourceChanges,
  type ResourceConfig,
  type ResourceReader,
  ResourceTemplateEntry,
  StaticResource,
  type TemplateChanges,
  type TemplateConfig,
  type TemplateReader,
} from './resources.js';
import type { ArgsOf, ArgumentsSchema } from './schema-input.js';
import { ServerEvents } from './server-events.js';
import { type CacheHint, type McpServerOptions, serverInfoFrom } from './server-options.js';
import { ServerSecret } from './server-secret.js';
import { ServerSession } from './session.js';
import { MemoryTaskStore, type TaskStore } from './task-store.js';
import {
  errorResult,
  type NoArguments,
  type OnlyToolResultMembers,
  type ToolChanges,
  type ToolConfig,
  ToolEntry,
  type ToolHandler,
} from './tools.js';

/**
 * An MCP server definition: tools, resources, templates and prompts, served to any number of connections of
 * every revision (2024-11-05 … 2026-07-28) at once. Register, then `connect(transport)` once per connection.
 */
export class McpServer {
  readonly serverInfo: Implementation;
  readonly options: Readonly<McpServerOptions>;
  /** @internal */ readonly tools: Registry<ToolEntry>;
  /** @internal */ readonly prompts: Registry<PromptEntry>;
  /** @internal */ readonly resources: Registry<StaticResource>;
  /** @internal */ readonly templates: Registry<ResourceTemplateEntry>;
  /** @internal */ readonly paginator: Paginator;
  /** @internal */ readonly sealer: RequestStateSealer;
  private readonly middleware: Middleware[] = [];
  private readonly liveSessions = new Set<ServerSession>();
  private readonly capabilityCache = new Map<Revision, JsonObject>();
  private revisionList: readonly Revision[] | undefined;
  private pendingChanges = new Set<ListKind>();
  /** Other processes' changes heard this tick (with a shared `store`): their lists and ids (for claims). */
  private pendingRemote = new Set<ListKind>();
  private pendingRemoteIds: string[] = [];
  private flushQueued = false;
  private readonly cacheHint: (method: string) => CacheHint;
  private readonly telemetry: TelemetrySource;
  private readonly extensions: Record<string, JsonObject>;
  private ruled: boolean | undefined = undefined;
  /** @internal Where tasks live (memory unless the `store` option brings one). */
  readonly taskStore: TaskStore;
  private readonly events: ServerEvents;
  /**
   * Receives every handler failure with the request's method and name (the `onerror` option; default: one
   * line on stderr). Replace it at any time, e.g. to send failures to your own logger.
   */
  onerror: ErrorHook;

  /** A server named and versioned by `options`, with nothing registered yet. */
  constructor(options: McpServerOptions) {
    this.serverInfo = serverInfoFrom(options);
    this.options = options;
    this.onerror = options.onerror ?? printFailure;
    const changed = (kind: ListKind): void => {
      this.ruled = undefined; // a registration may have brought or removed a visibility rule
      this.listChanged(kind);
    };
    this.tools = new Registry('tool', 'tools', (kind) => {
      this.capabilityCache.clear(); // taskSupport may have appeared or gone
      changed(kind);
    });
    this.prompts = new Registry('prompt', 'prompts', changed);
    this.resources = new Registry('resource', 'resources', changed);
    this.templates = new Registry('resource template', 'resources', changed);
    this.taskStore = options.store?.tasks ?? new MemoryTaskStore();
    this.events = new ServerEvents(
      options.store,
      (uri, claim) => {
        for (const session of this.liveSessions) session.resourceUpdated(uri, claim);
      },
      (kinds, id) => this.remoteListsChanged(kinds, id),
    );
    // Drawn lazily when not configured: `new McpServer()` must work at a Worker's global scope.
    const secret = new ServerSecret(options.requestStateSecret);
    this.sealer = new RequestStateSealer(secret, options.requestStateTtlMs ?? 10 * 60_000);
    this.paginator = new Paginator(secret, options.pageSize ?? 100);
    const cache = options.cache;
    this.cacheHint = typeof cache === 'function' ? cache : () => cache ?? {};
    this.telemetry = new TelemetrySource(options.telemetry, { name: '@mcpwire/server' });
    this.extensions =
      options.extensions === undefined ? {} : checkedExtensions(options.extensions, 'McpServer extensions');
  }

  /**
   * Declares support for extension `id` with its settings (2026-07-28 basic/versioning §Extension
   * Negotiation); clients see it in `capabilities.extensions`. Declare extensions before clients connect:
   * a legacy session keeps the capabilities it was given at initialize.
   */
  extension(id: string, settings: JsonObject = {}): this {
    Object.assign(this.extensions, checkedExtensions({ [id]: settings }, 'McpServer.extension'));
    this.capabilityCache.clear();
    return this;
  }

  // ---------------------------------------------------------------- registration

  /**
   * Registers a tool. Its arguments are typed from `inputSchema` (zod, valibot, arktype or any Standard
   * Schema, a shape of such schemas, or JSON Schema), its `structuredContent` from `outputSchema`.
   */
  tool<
    Input extends ArgumentsSchema = NoArguments,
    Output extends ArgumentsSchema | undefined = undefined,
    Handler extends ToolHandler<ArgsOf<Input>, Output> = ToolHandler<ArgsOf<Input>, Output>,
  >(
    name: string,
    config: ToolConfig<Input, Output>,
    // The handler is typed by its constraint (arguments, the return convention); `Handler` is what it
    // turned out to be, so that members a result does not have are refused (OnlyToolResultMembers).
    handler: Handler & OnlyToolResultMembers<Awaited<ReturnType<Handler>>>,
  ): RegisteredHandle<ToolChanges> {
    const entry = new ToolEntry(name, config, handler as ToolEntry['handler']);
    const slot = this.tools.add(name, entry);
    return this.tools.handle<ToolChanges>(name, slot, (current, changes) => current.with(changes));
  }

  /** Registers a resource at one fixed URI. */
  resource(
    name: string,
    uri: string,
    config: ResourceConfig,
    read: ResourceReader,
  ): RegisteredHandle<ResourceChanges> {
    const entry = new StaticResource(name, uri, config, read);
    const slot = this.resources.add(uri, entry);
    return this.resources.handle<ResourceChanges>(uri, slot, (current, changes) => current.with(changes));
  }

  /** Registers a resource template (RFC 6570 levels 1–3), e.g. `file:///{+path}` or `db://rows{?limit}`. */
  resourceTemplate<Template extends string>(
    name: string,
    uriTemplate: Template,
    config: TemplateConfig<Template>,
    read: TemplateReader,
  ): RegisteredHandle<TemplateChanges> {
    // The completion keys were checked against the template's variables by the types (and are again at run time).
    const entry = new ResourceTemplateEntry(name, uriTemplate, config as unknown as TemplateConfig, read);
    const slot = this.templates.add(name, entry);
    return this.templates.handle<TemplateChanges>(name, slot, (current, changes) => current.with(changes));
  }

  /**
   * Registers a prompt. Arguments: a shape of schemas that accept strings (typed, validated) or a plain
   * list of `{ name, required }`.
   */
  prompt<Args extends PromptArgumentsSchema = NoArguments>(
    name: string,
    config: PromptConfig<Args> & { arguments?: StringArguments<Args> },
    handler: PromptHandler<PromptArgsOf<Args>>,
  ): RegisteredHandle<PromptChanges> {
    const entry = new PromptEntry(
      name,
      config as PromptConfig,
      handler as PromptHandler<Record<string, string>>,
    );
    const slot = this.prompts.add(name, entry);
    return this.prompts.handle<PromptChanges>(name, slot, (current, changes) => current.with(changes));
  }

  /** Adds a middleware around every request handler, outermost first. */
  use(middleware: Middleware): this {
    if (typeof middleware !== 'function') {
      throw new ConfigError(
        `McpServer.use: expected a function (ctx, next) => result, received ${typeof middleware}`,
      );
    }
    this.middleware.push(middleware);
    return this;
  }

  // ---------------------------------------------------------------- connections

  /** Serves one connection. Call it once per transport; any number of connections may be live. */
  async connect(transport: Transport): Promise<ServerSession> {
    if (this.telemetry.mustWait) await this.telemetry.load();
    const listening = this.events.listen();
    if (listening !== undefined) await listening;
    const session = new ServerSession(this, transport);
    this.liveSessions.add(session);
    const telemetry = this.telemetry.attach(session.connection);
    const startedAt = telemetry === undefined ? 0 : performance.now();
    session.connection.onclose = () => {
      this.liveSessions.delete(session);
      session.dispose();
      // Only a legacy connection is a session; a 2026-07-28 one serves independent requests.
      if (telemetry !== undefined && session.era === 'legacy') {
        telemetry.sessionEnded('server', transport, startedAt, session.connection.negotiatedRevision);
      }
    };
    await session.start();
    return session;
  }

  /**
   * Re-evaluates visibility rules for every live client and sends list_changed to those whose visible
   * tools, prompts or resources changed. Call it when something a rule depends on changed (a role was
   * granted or revoked); a legacy session whose auth token changes is re-checked without it.
   */
  refreshVisibility(): void {
    if (!this.hasVisibilityRules) return;
    for (const session of this.liveSessions) session.recheckVisibility();
  }

  /** @internal Whether any rule exists (the server's or an item's): without one, visibility costs nothing. */
  get hasVisibilityRules(): boolean {
    this.ruled ??=
      this.options.visibility !== undefined ||
      this.tools.list().some((tool) => tool.config.visible !== undefined) ||
      this.prompts.list().some((prompt) => prompt.config.visible !== undefined) ||
      this.resources.list().some((resource) => resource.config.visible !== undefined) ||
      this.templates.list().some((template) => template.config.visible !== undefined);
    return this.ruled;
  }

  /** The connections being served right now. */
  get sessions(): ReadonlySet<ServerSession> {
    return this.liveSessions;
  }

  /** Closes every connection (modern subscription streams end gracefully first). */
  async close(): Promise<void> {
    await Promise.all([...this.liveSessions].map((session) => session.close()));
    await this.events.close();
  }

  /**
   * Tells subscribers that a resource changed (legacy resources/subscribe and 2026-07-28
   * subscriptions/listen); with a shared `store`, those of every process, each once.
   */
  notifyResourceUpdated(uri: string): void {
    this.events.resourceUpdated(uri);
  }

  // ---------------------------------------------------------------- internals used by sessions

  /** @internal Capabilities declared to a client of `revision`. */
  capabilitiesFor(revision: Revision): JsonObject {
    let capabilities = this.capabilityCache.get(revision);
    if (capabilities !== undefined) return capabilities;
    capabilities = {
      tools: { listChanged: true },
      resources: { subscribe: true, listChanged: true },
      prompts: { listChanged: true },
      logging: {},
    };
    if (revision !== '2024-11-05') capabilities.completions = {};
    if (revision === '2025-11-25' && this.tools.list().some((tool) => tool.taskSupport !== 'forbidden')) {
      capabilities.tasks = { list: {}, cancel: {}, requests: { tools: { call: {} } } };
    }
    if (Object.keys(this.extensions).length > 0) capabilities.extensions = { ...this.extensions };
    this.capabilityCache.set(revision, capabilities);
    return capabilities;
  }

  /**
   * @internal The revisions served: a frozen copy taken on first use, so every connection sees the same
   * list (and core can cache its sorted form) even if the caller later changes the array it passed.
   */
  get revisions(): readonly Revision[] {
    this.revisionList ??= Object.freeze([...(this.options.revisions ?? REVISIONS)]);
    return this.revisionList;
  }

  /** @internal Caching hints for a modern list/read result. */
  cacheFields(method: string): { ttlMs: number; cacheScope: 'public' | 'private' } {
    const hint = this.cacheHint(method);
    return { ttlMs: Math.max(0, Math.floor(hint.ttlMs ?? 0)), cacheScope: hint.cacheScope ?? 'public' };
  }

  /** @internal Runs a handler through the middleware chain and the time limit. */
  run(
    ctx: HandlerContext,
    handler: (ctx: HandlerContext) => Promise<JsonObject>,
    limitMs?: number,
  ): Promise<JsonObject> {
    const limit = limitMs ?? this.options.handlerTimeoutMs;
    if (limit === undefined || limit <= 0) return runChain(this.middleware, ctx, handler);
    return new Promise<JsonObject>((resolve, reject) => {
      const dispose = ctx.armTimeout(limit, () => {
        const text = `${ctx.method}${ctx.target === undefined ? '' : ` ${ctx.target}`} timed out: expected a result within ${limit} ms, received none`;
        ctx.abort(new Error(text));
        if (ctx.method === 'tools/call') {
          ctx.reportFailure(new TimeoutError(text, limit));
          resolve(errorResult(text));
        } else reject(new ProtocolError(ErrorCode.InternalError, text));
      });
      runChain(this.middleware, ctx, handler).then(
        (result) => {
          dispose();
          resolve(result);
        },
        (error: unknown) => {
          dispose();
          reject(error);
        },
      );
    });
  }

  /** @internal Hands a failure to `onerror`; a hook that throws must not break the request. */
  reportFailure(error: unknown, request: FailedRequest): void {
    try {
      this.onerror(asError(error), request);
    } catch {
      // the failure is answered anyway; a broken hook has nowhere better to go
    }
  }

  private listChanged(kind: ListKind): void {
    // With a shared store, the other processes' clients must hear of it even if this one has none.
    if (this.liveSessions.size === 0 && !this.events.publishesLists) return;
    this.pendingChanges.add(kind);
    this.queueListFlush();
  }

  /** Another process changed its lists: told to this one's clients, with this tick's own changes. */
  private remoteListsChanged(kinds: readonly ListKind[], id: string): void {
    if (this.liveSessions.size === 0) return;
    for (const kind of kinds) this.pendingRemote.add(kind);
    this.pendingRemoteIds.push(id);
    this.queueListFlush();
  }

  private queueListFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    // Several registrations in one tick make one notification per list.
    queueMicrotask(() => {
      this.flushQueued = false;
      const kinds = this.pendingChanges;
      const ids = this.pendingRemoteIds;
      this.pendingChanges = new Set();
      this.pendingRemoteIds = [];
      // Only this process's own changes are published (heard ones were, by their process).
      const published = kinds.size === 0 ? undefined : this.events.listsChanged(kinds);
      if (published !== undefined) ids.push(published);
      if (this.pendingRemote.size > 0) {
        // Heard in the same tick as our own: one notice per list for both.
        for (const kind of this.pendingRemote) kinds.add(kind);
        this.pendingRemote = new Set();
      }
      if (this.liveSessions.size === 0) return;
      const claim = this.events.listsClaim(ids);
      for (const session of this.liveSessions) session.listsChanged(kinds, claim);
    });
  }
}
