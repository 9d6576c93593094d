/**
 * The MCP client: one connection to one server, every server feature as a typed method. The era (legacy
 * initialize handshake or 2026-07-28 per-request metadata), capability checks, timeouts, progress,
 * cancellation and MRTR rounds come from the core ClientConnection; this class adds the feature methods,
 * pagination, list caches, output-schema validation, handlers and the HTTP header model.
 */
import {
  CapabilityError,
  ClientConnection,
  ConnectionClosedError,
  checkedExtensions,
  extensionSettings,
  type Implementation,
  type JsonObject,
  type LoggingLevel,
  MemoryEraCache,
  type Prompt,
  type Resource,
  type ResourceTemplate,
  type Revision,
  type Root,
  requireServerExtension,
  type SubscriptionFilter,
  TelemetrySource,
  type Tool,
  type Transport,
  TransportError,
  withExtensions,
} from '@mcpwire/core/runtime';
import { type CallToolResult, callToolChecked } from './call-tool.js';
import type { CallOptions, ClientOptions } from './client-options.js';
import type {
  CompleteParams,
  CompleteResult,
  GetPromptResult,
  ListPromptsResult,
  ListResourcesResult,
  ListResourceTemplatesResult,
  ListToolsResult,
  ReadResourceResult,
} from './client-results.js';
import { impliedCapabilities, installHandlers } from './handlers.js';
import { installNotificationHandlers } from './notification-handlers.js';
import { collect, DEFAULT_MAX_PAGES, listPages, paginate } from './pagination.js';
import { mcpRequestHeaders, type ParamHeaderSpec } from './param-headers.js';
import { ListenSubscription, type Subscription } from './subscription.js';
import { attachTelemetry } from './telemetry.js';
import { ToolCatalog, type ToolEntry } from './tool-catalog.js';

/** Per-call options: timeout (optionally reset by progress, capped by a total), abort signal, progress. */
export type { CallOptions, ClientOptions, ListKind } from './client-options.js';

const sharedEraCache = new MemoryEraCache();

/**
 * An MCP client of every revision: `connect()` settles the era (probing `server/discover`, falling back to
 * `initialize`), then typed calls for every feature, paginated iterators, and handlers for the server's
 * requests.
 */
export class Client {
  /** The protocol connection, for requests this class has no method for (`connection.rawRequest`). */
  readonly connection: ClientConnection;
  readonly clientInfo: Implementation;
  private readonly options: ClientOptions;
  private readonly catalog: ToolCatalog;
  private currentRoots: readonly Root[] | undefined;
  private readonly listeners: ListenSubscription[] = [];
  /** Legacy per-session server state, re-sent when the transport replaces an expired session. */
  private readonly subscribedUris = new Set<string>();
  private sessionLogLevel: LoggingLevel | undefined;
  /** The transport's own account of a failure (e.g. which command exited), preferred over "closed". */
  private lastTransportError: TransportError | undefined;
  private readonly telemetry: TelemetrySource;
  /** Called when the connection closes, from either side. */
  onclose?: () => void;

  /** A client that introduces itself as `clientInfo`; connect it with `connect(transport)`. */
  constructor(clientInfo: Implementation, options: ClientOptions = {}) {
    this.clientInfo = clientInfo;
    this.options = options;
    this.currentRoots = options.roots;
    const handlers = options.handlers ?? {};
    this.connection = new ClientConnection({
      clientInfo,
      capabilities: withExtensions(
        impliedCapabilities(handlers, options.roots !== undefined, options.capabilities),
        options.extensions === undefined
          ? undefined
          : checkedExtensions(options.extensions, 'Client extensions'),
      ),
      revision: options.revision,
      revisions: options.revisions,
      target: options.target,
      eraCache: options.eraCache ?? sharedEraCache,
      probeTimeoutMs: options.probeTimeoutMs,
      defaultTimeoutMs: options.defaultTimeoutMs,
      maxInputRounds: options.maxInputRounds,
    });
    this.catalog = new ToolCatalog(options.onToolRejected);
    installHandlers(this.connection, handlers, () => this.currentRoots);
    installNotificationHandlers(this.connection, options, this.catalog, this.listeners);
    this.connection.onerror = (error) => {
      if (error instanceof TransportError) this.lastTransportError = error;
      options.onError?.(error);
    };
    this.connection.onclose = () => this.onclose?.();
    this.telemetry = new TelemetrySource(options.telemetry, { name: '@mcpwire/client' });
  }

  /** Connects over `transport` and settles the era (probe, cache or pinned revision). */
  async connect(transport: Transport): Promise<void> {
    await attachTelemetry(this.telemetry, this.connection, transport, () => this.onclose?.());
    try {
      await this.connection.connect(transport);
    } catch (error) {
      // "Connection closed" says little when the transport knows why (the server exited with code 1).
      if (error instanceof ConnectionClosedError && this.lastTransportError !== undefined) {
        throw new TransportError(this.lastTransportError.message, { cause: error });
      }
      throw error;
    }
  }

  /** Closes the connection (and the transport; for stdio, the server process). */
  async close(): Promise<void> {
    for (const listener of this.listeners.splice(0)) listener.close();
    await this.connection.close();
  }

  /** The server's name and version, once connected. */
  get serverInfo(): Implementation | undefined {
    return this.connection.serverInfo as Implementation | undefined;
  }
  /** The server's capabilities, once connected. */
  get serverCapabilities(): JsonObject | undefined {
    return this.connection.serverCapabilities;
  }
  /** The server's instructions for the model, if it gave any. */
  get instructions(): string | undefined {
    return this.connection.instructions;
  }
  /** The revision spoken with the server, once connected. */
  get revision(): Revision | undefined {
    return this.connection.negotiatedRevision;
  }
  /** The era spoken with the server (`legacy` or `modern`), once connected. */
  get era(): 'legacy' | 'modern' | undefined {
    return this.connection.era;
  }

  /**
   * The settings the server declared for extension `id` (initialize or server/discover), or undefined when
   * it did not declare it: fall back to core behaviour then.
   */
  serverExtension(id: string): JsonObject | undefined {
    return extensionSettings(this.connection.serverCapabilities, id);
  }

  /** The server's settings for extension `id`; throws CapabilityError when the server did not declare it. */
  requireServerExtension(id: string): JsonObject {
    return requireServerExtension(this.connection.serverCapabilities, id);
  }

  // ---------------------------------------------------------------- utilities

  /** Sends a ping; resolves when the server answers. */
  async ping(options?: CallOptions): Promise<void> {
    await this.connection.request('ping', undefined, options);
  }

  /** Legacy: logging/setLevel. 2026-07-28: the level travels in every request's `_meta` from now on. */
  async setLoggingLevel(level: LoggingLevel, options?: CallOptions): Promise<void> {
    if (this.era === 'modern') {
      this.connection.logLevel = level;
      return;
    }
    await this.connection.request('logging/setLevel', { level }, options);
    this.sessionLogLevel = level;
  }

  /**
   * Re-sends what a legacy server keeps per session (the logging level, resource subscriptions) after the
   * transport opened a new session because the old one expired (HTTP 404). `connectServer` wires it to
   * the Streamable HTTP transport's `onSessionRestarted`; wire it yourself when you build the transport.
   * Failures go to `onError`: the new session works, only without that state.
   */
  async restoreSessionState(): Promise<void> {
    if (this.era !== 'legacy' || this.connection.isClosed) return;
    const pending: Promise<unknown>[] = [];
    if (this.sessionLogLevel !== undefined)
      pending.push(this.connection.request('logging/setLevel', { level: this.sessionLogLevel }));
    for (const uri of this.subscribedUris)
      pending.push(this.connection.request('resources/subscribe', { uri }));
    const outcomes = await Promise.allSettled(pending);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected')
        this.options.onError?.(
          outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason)),
        );
    }
  }

  /** Replaces the roots and tells the server (legacy `notifications/roots/list_changed`). */
  async setRoots(roots: readonly Root[]): Promise<void> {
    this.currentRoots = roots;
    if (this.era === 'legacy' && !this.connection.isClosed) {
      await this.connection.notification('notifications/roots/list_changed');
    }
  }

  // ---------------------------------------------------------------- tools

  /** One page of tools/list; in 2026-07-28 tools with invalid x-mcp-header annotations are dropped. */
  async listTools(params?: { cursor?: string }, options?: CallOptions): Promise<ListToolsResult> {
    const result = await this.connection.request('tools/list', params, options);
    return { ...result, tools: this.catalog.admit(result.tools, this.era === 'modern') };
  }

  /** Every tool, page by page: `for await (const tool of client.tools())`. */
  tools(options?: CallOptions): AsyncGenerator<Tool, void, undefined> {
    return listPages(
      this.maxPages,
      'tools/list',
      (params) => this.listTools(params, options),
      (page) => page.tools,
    );
  }

  /** Every tool, from the cache when no list_changed arrived since the last complete read. */
  async listAllTools(options?: CallOptions): Promise<Tool[]> {
    if (this.catalog.complete) return this.catalog.tools();
    const generation = this.catalog.generation;
    const next = new Map<string, ToolEntry>();
    const check = this.era === 'modern';
    const fetchPage = async (cursor: string | undefined) => {
      const params = cursor === undefined ? undefined : { cursor };
      const page = await this.connection.request('tools/list', params, options);
      return { items: this.catalog.admit(page.tools, check, next), nextCursor: page.nextCursor };
    };
    await collect(paginate('tools/list', fetchPage, this.maxPages));
    this.catalog.finishList(next, generation);
    return this.catalog.tools();
  }

  /**
   * Calls a tool. Failures of the tool come back as a result with `isError: true`; protocol failures
   * throw ProtocolError, local ones LocalError. structuredContent is checked against the outputSchema.
   */
  callTool(name: string, args?: JsonObject, options?: CallOptions): Promise<CallToolResult> {
    return callToolChecked(this, this.catalog, name, args, options);
  }

  /** @internal used by callToolChecked */
  get validatesOutput(): boolean {
    return this.options.validateToolOutput !== false;
  }

  /** The Mcp-Param-* header specs of a tool (for the Streamable HTTP transport's `paramHeaders`). */
  readonly paramHeadersFor = (toolName: string): readonly ParamHeaderSpec[] | undefined =>
    this.catalog.paramHeaders(toolName);

  /** The 2026-07-28 metadata headers of one outgoing request: Mcp-Method, Mcp-Name, Mcp-Param-*. */
  readonly headersFor = (message: {
    method: string;
    params?: JsonObject | undefined;
  }): Record<string, string> => {
    const name = message.method === 'tools/call' ? message.params?.name : undefined;
    return mcpRequestHeaders(message, typeof name === 'string' ? this.catalog.paramHeaders(name) : undefined);
  };

  // ---------------------------------------------------------------- resources

  /** One page of the server's resources. */
  listResources(params?: { cursor?: string }, options?: CallOptions): Promise<ListResourcesResult> {
    return this.connection.request('resources/list', params, options);
  }

  /** Every resource of the server, page after page. */
  resources(options?: CallOptions): AsyncGenerator<Resource, void, undefined> {
    return listPages(
      this.maxPages,
      'resources/list',
      (params) => this.listResources(params, options),
      (page) => page.resources,
    );
  }

  /** One page of the server's resource templates. */
  listResourceTemplates(
    params?: { cursor?: string },
    options?: CallOptions,
  ): Promise<ListResourceTemplatesResult> {
    return this.connection.request('resources/templates/list', params, options);
  }

  /** Every resource template of the server, page after page. */
  resourceTemplates(options?: CallOptions): AsyncGenerator<ResourceTemplate, void, undefined> {
    return listPages(
      this.maxPages,
      'resources/templates/list',
      (params) => this.listResourceTemplates(params, options),
      (page) => page.resourceTemplates,
    );
  }

  /** Reads a resource. */
  readResource(uri: string, options?: CallOptions): Promise<ReadResourceResult> {
    return this.connection.request('resources/read', { uri }, options);
  }

  /** Legacy resources/subscribe; in 2026-07-28 use `listen({ resourceSubscriptions: [uri] })`. */
  async subscribeResource(uri: string, options?: CallOptions): Promise<void> {
    this.refuseInModernEra('resources/subscribe', 'listen({ resourceSubscriptions: [uri] })');
    await this.connection.request('resources/subscribe', { uri }, options);
    this.subscribedUris.add(uri);
  }

  /** Ends a legacy resources/subscribe subscription. */
  async unsubscribeResource(uri: string, options?: CallOptions): Promise<void> {
    this.refuseInModernEra('resources/unsubscribe', 'close() on the listen() subscription');
    await this.connection.request('resources/unsubscribe', { uri }, options);
    this.subscribedUris.delete(uri);
  }

  // ---------------------------------------------------------------- prompts and completion

  /** One page of the server's prompts. */
  listPrompts(params?: { cursor?: string }, options?: CallOptions): Promise<ListPromptsResult> {
    return this.connection.request('prompts/list', params, options);
  }

  /** Every prompt of the server, page after page. */
  prompts(options?: CallOptions): AsyncGenerator<Prompt, void, undefined> {
    return listPages(
      this.maxPages,
      'prompts/list',
      (params) => this.listPrompts(params, options),
      (page) => page.prompts,
    );
  }

  /** Gets a prompt's messages, with its arguments. */
  getPrompt(name: string, args?: Record<string, string>, options?: CallOptions): Promise<GetPromptResult> {
    return this.connection.request(
      'prompts/get',
      args === undefined ? { name } : { name, arguments: args },
      options,
    );
  }

  /** Asks for completions of a prompt argument or resource template variable. */
  complete(params: CompleteParams, options?: CallOptions): Promise<CompleteResult> {
    return this.connection.request('completion/complete', params, options);
  }

  // ---------------------------------------------------------------- 2026-07-28 subscriptions

  /** Opens a `subscriptions/listen` stream; notifications arrive through the usual callbacks. */
  listen(filter: SubscriptionFilter): Subscription {
    if (this.era !== 'modern') {
      throw new CapabilityError(
        `subscriptions/listen: expected a 2026-07-28 connection, received a ${this.era ?? 'not yet connected'} one (use subscribeResource and list_changed notifications instead)`,
      );
    }
    const subscription = new ListenSubscription((signal) =>
      this.connection.request(
        'subscriptions/listen',
        { notifications: filter },
        { signal, timeoutMs: Number.POSITIVE_INFINITY },
      ),
    );
    this.listeners.push(subscription);
    const forget = (): void => {
      const index = this.listeners.indexOf(subscription);
      if (index >= 0) this.listeners.splice(index, 1);
    };
    subscription.done.then(forget, forget);
    return subscription;
  }

  // ---------------------------------------------------------------- internals

  private get maxPages(): number {
    return this.options.maxPages ?? DEFAULT_MAX_PAGES;
  }

  private refuseInModernEra(method: string, instead: string): void {
    if (this.era === 'modern') {
      throw new CapabilityError(
        `${method}: expected a legacy-era connection, received a 2026-07-28 one (use ${instead})`,
      );
    }
  }
}
