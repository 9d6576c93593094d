/**
 * The server side of one connection, dual-era (2026-07-28 basic/versioning §Backward Compatibility):
 * a request carrying the modern `_meta` fields is served statelessly from that `_meta`; an `initialize`
 * request selects a legacy revision for the rest of the connection (stdio process or HTTP session).
 */
import { CapabilityError, ErrorCode, LocalError, LocalErrorCode, ProtocolError } from '../errors.js';
import type { JSONRPCNotification, JSONRPCRequest, JsonObject } from '../jsonrpc/types.js';
import { withMember } from '../objects.js';
import type { AnyRequestHandler } from '../protocol/base.js';
import type { IncomingRequest } from '../protocol/context.js';
import { ProtocolEngine } from '../protocol/engine.js';
import type { NotificationOptions, RequestContext, RequestOptions, RequestScope } from '../protocol/types.js';
import { type Era, type LegacyRevision, REVISIONS, type Revision } from '../revisions.js';
import type {
  ClientNotificationMap,
  ClientRequestMap,
  ServerNotificationMap,
  ServerRequestMap,
} from '../schemas/maps.js';
import type { Implementation, InitializeResult, ServerCapabilities } from '../schemas/types.js';
import type { MessageContext, SessionSnapshot, Transport } from '../transport.js';
import {
  capabilityName,
  clientCapabilityFor,
  hasCapability,
  serverCapabilityFor,
  serverNotificationCapability,
} from './capabilities.js';
import { lifecycleEngineOptions } from './engine-options.js';
import { assertMethodAllowed, isMethodOfSomeRevision } from './method-gate.js';
import { META_SERVER_INFO, readModernScope } from './modern-meta.js';
import { servedRevisions } from './served-revisions.js';
import type { CapabilitiesOption, ServerConnectionOptions } from './server-connection-options.js';
import { readSnapshot, type SessionStateExtension } from './session-state.js';

export type { CapabilitiesOption, ServerConnectionOptions };

type LegacyPhase = 'none' | 'initializing' | 'ready';

/**
 * The server side of the MCP lifecycle on a protocol engine: the legacy `initialize` handshake and the
 * stateless 2026-07-28 `_meta` lifecycle with `server/discover`, capability checks and method gating.
 * `@mcpwire/server` is built on it.
 */
export class ServerConnection extends ProtocolEngine<
  ServerRequestMap,
  ClientRequestMap,
  ServerNotificationMap,
  ClientNotificationMap
> {
  /** Fires when a legacy client sent `notifications/initialized`. */
  oninitialized?: () => void;
  /** State of the layer above (McpServer) saved and restored with the session's (see session-state.ts). */
  sessionState: SessionStateExtension | undefined = undefined;

  readonly serverInfo: Implementation;
  readonly instructions: string | undefined;
  /** Newest first. */
  readonly supportedRevisions: readonly Revision[];
  private readonly legacyRevisions: readonly LegacyRevision[];
  private readonly modernRevisions: readonly Revision[];
  private readonly capabilitiesOption: CapabilitiesOption<ServerCapabilities | JsonObject>;
  private readonly discoverHints: { ttlMs: number; cacheScope: 'public' | 'private' };
  private readonly serverInfoInResults: boolean;
  private phase: LegacyPhase = 'none';
  private legacyClientCapabilities: JsonObject | undefined;
  private legacyClientInfo: JsonObject | undefined;

  /** A server lifecycle engine for one connection. */
  constructor(options: ServerConnectionOptions) {
    super(lifecycleEngineOptions(options));
    this.serverInfo = options.serverInfo;
    this.instructions = options.instructions;
    const revisions = servedRevisions(options.revisions ?? REVISIONS);
    this.supportedRevisions = revisions.all;
    this.legacyRevisions = revisions.legacy;
    this.modernRevisions = revisions.modern;
    this.capabilitiesOption = options.capabilities ?? {};
    this.discoverHints = {
      ttlMs: options.discover?.ttlMs ?? 0,
      cacheScope: options.discover?.cacheScope ?? 'public',
    };
    this.serverInfoInResults = options.serverInfoInResults ?? true;
    this.pending.unguessableIds = true;
    this.shareRequestHandlers(ServerConnection.builtinRequestHandlers);
  }

  /**
   * initialize and server/discover, one table shared by every connection (no closures per session). A
   * server that adds its own methods shares a copy of this table with them added (shareRequestHandlers).
   */
  static readonly builtinRequestHandlers: Map<string, AnyRequestHandler> = new Map<string, AnyRequestHandler>(
    [
      [
        'initialize',
        (params, rc) => servingConnection(rc).initialize(params as ClientRequestMap['initialize']['params']),
      ],
      ['server/discover', (_params, rc) => servingConnection(rc).discover()],
    ],
  );

  /** 'legacy' once initialize arrived; undefined while the connection serves modern requests statelessly. */
  get era(): Era | undefined {
    return this.phase === 'none' ? undefined : 'legacy';
  }

  /** The legacy revision negotiated by initialize, if any. */
  get negotiatedRevision(): Revision | undefined {
    return this.revision;
  }

  /** Whether the legacy handshake completed (`notifications/initialized` arrived). */
  get isInitialized(): boolean {
    return this.phase === 'ready';
  }

  /** The legacy client's capabilities (modern requests carry their own: see RequestContext). */
  get clientCapabilities(): JsonObject | undefined {
    return this.legacyClientCapabilities;
  }

  /** The legacy client's name and version (modern requests carry theirs in `_meta`). */
  get clientInfo(): JsonObject | undefined {
    return this.legacyClientInfo;
  }

  /** This server's capabilities as declared to a client of `revision`. */
  capabilitiesFor(revision: Revision): JsonObject {
    const option = this.capabilitiesOption;
    return (typeof option === 'function' ? option(revision) : option) as JsonObject;
  }

  // ---------------------------------------------------------------- session state (hydration)

  /**
   * Attaches a transport. One that carries a `sessionSnapshot` (a session opened in another process) is
   * restored from it first: the connection then serves the session as if it had seen initialize.
   */
  override async connect(transport: Transport): Promise<void> {
    const snapshot = transport.sessionSnapshot;
    if (snapshot !== undefined) this.restoreSession(snapshot);
    // Only transports of shared sessions hear of changes made elsewhere (no closure per single request).
    if (transport.sessionId !== undefined && transport.saveSessionState !== undefined) {
      transport.onsessionstate = (changed) => {
        try {
          this.restoreSession(changed);
        } catch (error) {
          this.reportError(error);
        }
      };
    }
    await super.connect(transport);
    if (snapshot !== undefined) transport.setProtocolVersion?.(snapshot.protocolVersion);
  }

  /** The state another process needs to serve this legacy session; undefined before initialize. */
  exportSession(): SessionSnapshot | undefined {
    if (this.phase === 'none') return undefined;
    const snapshot: SessionSnapshot = {
      protocolVersion: this.revision!,
      initialized: this.phase === 'ready',
    };
    if (this.legacyClientInfo !== undefined) snapshot.clientInfo = this.legacyClientInfo;
    if (this.legacyClientCapabilities !== undefined)
      snapshot.clientCapabilities = this.legacyClientCapabilities;
    const server = this.sessionState?.exportSessionState();
    if (server !== undefined) snapshot.server = server;
    return snapshot;
  }

  /** Tells the transport that the session state changed (the layer above calls it for its own state). */
  saveSession(): void {
    const transport = this.transportRef;
    if (transport?.saveSessionState === undefined) return;
    const snapshot = this.exportSession();
    if (snapshot !== undefined) transport.saveSessionState(snapshot);
  }

  private restoreSession(snapshot: SessionSnapshot): void {
    const state = readSnapshot(snapshot, this.legacyRevisions);
    this.revision = state.revision;
    this.phase = state.initialized ? 'ready' : 'initializing';
    this.legacyClientInfo = state.clientInfo;
    this.legacyClientCapabilities = state.clientCapabilities;
    this.sessionState?.restoreSessionState(snapshot.server);
  }

  // ---------------------------------------------------------------- built-in methods

  private initialize(params: ClientRequestMap['initialize']['params']): InitializeResult {
    const requested = params.protocolVersion;
    // Exact negotiation: echo a supported requested revision, else offer our latest legacy one.
    const revision =
      this.legacyRevisions.find((candidate) => candidate === requested) ?? this.legacyRevisions[0]!;
    this.revision = revision;
    this.phase = 'initializing';
    this.legacyClientCapabilities = params.capabilities as JsonObject;
    this.legacyClientInfo = params.clientInfo as unknown as JsonObject;
    this.transport?.setProtocolVersion?.(revision);
    const result: InitializeResult = {
      protocolVersion: revision,
      capabilities: this.capabilitiesFor(revision),
      serverInfo: this.serverInfo,
    };
    if (this.instructions !== undefined) result.instructions = this.instructions;
    this.saveSession();
    return result;
  }

  private discover(): JsonObject {
    const modern = this.modernRevisions[0] ?? this.supportedRevisions[0]!;
    const result: JsonObject = {
      resultType: 'complete',
      supportedVersions: [...this.supportedRevisions],
      capabilities: this.capabilitiesFor(modern),
      ttlMs: this.discoverHints.ttlMs,
      cacheScope: this.discoverHints.cacheScope,
      _meta: { [META_SERVER_INFO]: this.serverInfo },
    };
    if (this.instructions !== undefined) result.instructions = this.instructions;
    return result;
  }

  // ---------------------------------------------------------------- lifecycle hooks

  protected override admitRequest(
    request: JSONRPCRequest,
    _context: MessageContext | undefined,
  ): RequestScope {
    const method = request.method;
    if (method === 'initialize') return this.admitInitialize(request);
    if (this.phase !== 'none') return this.admitLegacy(method);
    if (this.methodSpecs !== undefined && this.legacyOnly(method)) {
      // initialize-era methods (ping, logging/setLevel, resources/subscribe…) on a server without a
      // legacy revision: unknown methods, whatever the request's _meta says (2026-07-28 versioning).
      throw new ProtocolError(
        ErrorCode.MethodNotFound,
        `Method not found: ${method} is not part of protocol revision ${this.modernRevisions.join(', ')}`,
      );
    }
    const meta = request.params?._meta as JsonObject | undefined;
    const scope = readModernScope(method, meta, this.modernRevisions, this.supportedRevisions);
    const revision = scope.revision!;
    assertMethodAllowed(this.methodSpecs, revision, method, 'client');
    this.assertServed(method, revision);
    return scope;
  }

  /** 2026-07-28 drops ping: a modern-only server answers it -32601 like any method it lacks. */
  protected override answersPing(): boolean {
    return this.legacyRevisions.length > 0 || this.phase !== 'none';
  }

  /** True when `method` exists in some revision but in none of the modern revisions served. */
  private legacyOnly(method: string): boolean {
    const specs = this.methodSpecs!;
    for (const revision of this.modernRevisions) if (specs(revision, method) !== undefined) return false;
    return this.legacyRevisions.length === 0 && isMethodOfSomeRevision(specs, method);
  }

  private admitInitialize(request: JSONRPCRequest): RequestScope {
    if (this.phase !== 'none') {
      throw new ProtocolError(
        ErrorCode.InvalidRequest,
        'Invalid Request: expected one initialize per connection, received a second one',
      );
    }
    const newest = this.legacyRevisions[0];
    if (newest === undefined) {
      // Legacy clients cannot fall forward: name the versions we serve (basic/versioning).
      throw new ProtocolError(
        ErrorCode.MethodNotFound,
        `Method not found: initialize is not used by this server; expected a request with _meta protocol version ${this.modernRevisions.join(', ')}`,
        { supported: [...this.supportedRevisions], requested: request.params?.protocolVersion },
      );
    }
    const requested = request.params?.protocolVersion;
    const revision = this.legacyRevisions.find((candidate) => candidate === requested) ?? newest;
    return { revision, era: 'legacy' };
  }

  private admitLegacy(method: string): RequestScope {
    const revision = this.revision!;
    if (this.phase === 'initializing') {
      throw new ProtocolError(
        ErrorCode.InvalidRequest,
        `Invalid Request: expected notifications/initialized before ${method}, received ${method} first (only ping may precede it)`,
      );
    }
    assertMethodAllowed(this.methodSpecs, revision, method, 'client');
    this.assertServed(method, revision);
    return {
      revision,
      era: 'legacy',
      clientCapabilities: this.legacyClientCapabilities,
      clientInfo: this.legacyClientInfo,
    };
  }

  /** Requests for a capability this server did not declare get -32601. */
  private assertServed(method: string, revision: Revision): void {
    const path = serverCapabilityFor(method, revision);
    if (path !== undefined && !hasCapability(this.capabilitiesFor(revision), path)) {
      throw new ProtocolError(
        ErrorCode.MethodNotFound,
        `Method not found: ${method} needs the server capability "${capabilityName(path)}", which this server does not declare`,
      );
    }
  }

  protected override admitNotification(
    notification: JSONRPCNotification,
    _context: MessageContext | undefined,
  ): boolean {
    if (notification.method === 'notifications/initialized' && this.phase === 'initializing') {
      this.phase = 'ready';
      this.saveSession();
      try {
        this.oninitialized?.();
      } catch (error) {
        this.reportError(error);
      }
    }
    return true;
  }

  protected override finishResult(result: JsonObject, context: RequestContext): JsonObject {
    if (context.era !== 'modern') return result;
    const meta = result._meta as JsonObject | undefined;
    const needsInfo = this.serverInfoInResults && meta?.[META_SERVER_INFO] === undefined;
    if (result.resultType !== undefined && !needsInfo) return result;
    const finished = withMember(result, 'resultType', result.resultType ?? 'complete');
    if (needsInfo) finished._meta = withMember(meta, META_SERVER_INFO, this.serverInfo);
    return finished;
  }

  protected override prepareRequest(
    method: string,
    params: JsonObject | undefined,
    _options: RequestOptions | undefined,
  ): JsonObject | undefined {
    if (this.phase === 'none') {
      throw new LocalError(
        LocalErrorCode.InvalidState,
        `Cannot send ${method}: server-to-client requests need a legacy (initialize) session; 2026-07-28 servers ask for input with input_required results instead`,
      );
    }
    if (this.phase === 'initializing' && method !== 'ping') {
      throw new LocalError(
        LocalErrorCode.InvalidState,
        `Cannot send ${method}: expected notifications/initialized from the client first (only ping may precede it)`,
      );
    }
    const revision = this.revision!;
    if (
      this.methodSpecs !== undefined &&
      this.methodSpecs(revision, method) === undefined &&
      this.methodSpecs('2025-11-25', method) !== undefined
    ) {
      throw new CapabilityError(
        `Cannot send ${method}: expected a method of revision ${revision}, but the client negotiated a revision without it`,
      );
    }
    const path = clientCapabilityFor(method, params);
    if (path !== undefined && !hasCapability(this.legacyClientCapabilities, path)) {
      throw new CapabilityError(
        `Cannot send ${method}: expected the client to declare the "${capabilityName(path)}" capability, but it did not`,
      );
    }
    return params;
  }

  protected override prepareNotification(
    method: string,
    params: JsonObject | undefined,
    _options: NotificationOptions | undefined,
  ): JsonObject | undefined {
    const path = serverNotificationCapability(method);
    if (path !== undefined) {
      const revision = this.revision ?? this.modernRevisions[0] ?? this.supportedRevisions[0]!;
      if (!hasCapability(this.capabilitiesFor(revision), path)) {
        throw new CapabilityError(
          `Cannot send ${method}: expected this server to declare the "${capabilityName(path)}" capability, but it does not`,
        );
      }
    }
    return params;
  }
}

/** The connection a request arrived on (a shared handler is bound to none). */
function servingConnection(rc: RequestContext): ServerConnection {
  return (rc as IncomingRequest).owner as ServerConnection;
}
