/**
 * The client side of one connection. `connect()` settles the era: a pinned revision, a cached answer for
 * the target, or a `server/discover` probe that falls back to `initialize` on anything that is not a
 * modern answer (any other error, an invalid result, a timeout). Legacy: the initialize handshake with
 * exact version checking. Modern: every request carries the per-request `_meta` fields, results carry
 * `resultType`, and input_required results are fulfilled by this side's handlers and retried.
 */
import {
  AbortedError,
  CapabilityError,
  ErrorCode,
  LocalError,
  LocalErrorCode,
  ProtocolError,
  UnsupportedRevisionError,
} from '../errors.js';
import type { JSONRPCRequest, JsonObject } from '../jsonrpc/types.js';
import { withMember } from '../objects.js';
import { ProtocolEngine } from '../protocol/engine.js';
import type { PendingRequest } from '../protocol/pending.js';
import type { NotificationOptions, RequestOptions, RequestScope } from '../protocol/types.js';
import { type Era, isLegacyRevision, REVISIONS, type Revision } from '../revisions.js';
import type {
  ClientNotificationMap,
  ClientRequestMap,
  ServerNotificationMap,
  ServerRequestMap,
} from '../schemas/maps.js';
import type { Implementation, LoggingLevel } from '../schemas/types.js';
import type { MessageContext, Transport } from '../transport.js';
import {
  assertClientDeclares,
  capabilityName,
  clientNotificationCapability,
  hasCapability,
  serverCapabilityFor,
} from './capabilities.js';
import { type ClientConnectionOptions, DEFAULT_PROBE_TIMEOUT_MS } from './client-connection-options.js';
import { checkInitializeResult, clientRevisions } from './client-revisions.js';
import { checkDiscoverResult, revisionToRetry } from './discover.js';
import { lifecycleEngineOptions } from './engine-options.js';
import type { EraCache } from './era-cache.js';
import { paramsWithInput } from './input-rounds.js';
import { assertMethodAllowed } from './method-gate.js';
import { META_SERVER_INFO, ModernMetaWriter } from './modern-meta.js';
import { isPlainTextToolResult } from './plain-tool-result.js';

export type { ClientConnectionOptions };

type Phase = 'idle' | 'handshake' | 'ready';
const HANDSHAKE_METHODS: ReadonlySet<string> = new Set(['initialize', 'server/discover', 'ping']);

/**
 * The client side of the MCP lifecycle on a protocol engine: settles the era (probing `server/discover`,
 * falling back to `initialize`), adds the 2026-07-28 `_meta` to requests, and checks the server's
 * capabilities. `@mcpwire/client` is built on it.
 */
export class ClientConnection extends ProtocolEngine<
  ClientRequestMap,
  ServerRequestMap,
  ClientNotificationMap,
  ServerNotificationMap
> {
  readonly clientInfo: Implementation;
  readonly capabilities: JsonObject;
  /** Newest first. */
  readonly supportedRevisions: readonly Revision[];
  private readonly pinned: Revision | undefined;
  private readonly target: string | undefined;
  private readonly eraCache: EraCache | undefined;
  private readonly probeTimeoutMs: number;
  private readonly maxInputRounds: number;
  private phase: Phase = 'idle';
  private currentEra: Era | undefined;
  private peerCapabilities: JsonObject | undefined;
  private peerInfo: JsonObject | undefined;
  private peerInstructions: string | undefined;
  private readonly meta: ModernMetaWriter;

  /** A client lifecycle engine; `connect(transport)` settles the era. */
  constructor(options: ClientConnectionOptions) {
    super(lifecycleEngineOptions(options));
    this.clientInfo = options.clientInfo;
    this.capabilities = (options.capabilities ?? {}) as JsonObject;
    this.supportedRevisions = clientRevisions(options.revisions ?? REVISIONS, options.revision);
    this.pinned = options.revision;
    this.target = options.target;
    this.eraCache = options.eraCache;
    this.probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    this.meta = new ModernMetaWriter(
      this.capabilities,
      this.clientInfo as unknown as JsonObject,
      options.logLevel,
    );
    this.maxInputRounds = options.maxInputRounds ?? 8;
  }

  /** 2026-07-28: the log level sent in every request's `_meta` (legacy: use logging/setLevel). */
  get logLevel(): LoggingLevel | undefined {
    return this.meta.logLevel;
  }

  /** Sets the log level sent with every 2026-07-28 request. */
  set logLevel(level: LoggingLevel | undefined) {
    this.meta.logLevel = level;
  }

  /** The era settled by `connect()`: `legacy` or `modern`. */
  get era(): Era | undefined {
    return this.currentEra;
  }

  /** The revision settled by `connect()`. */
  get negotiatedRevision(): Revision | undefined {
    return this.revision;
  }

  /** Learned from initialize (legacy) or server/discover (modern); undefined when a modern revision was pinned. */
  get serverCapabilities(): JsonObject | undefined {
    return this.peerCapabilities;
  }

  /** The server's name and version, once connected. */
  get serverInfo(): JsonObject | undefined {
    return this.peerInfo;
  }

  /** The server's instructions for the model, if it gave any. */
  get instructions(): string | undefined {
    return this.peerInstructions;
  }

  /** Connects and settles the era. Rejects (and closes) when no revision both sides speak exists. */
  override async connect(transport: Transport): Promise<void> {
    await super.connect(transport);
    this.phase = 'handshake';
    try {
      await this.establish();
    } catch (error) {
      await this.close();
      throw error;
    }
    this.phase = 'ready';
  }

  private async establish(): Promise<void> {
    if (this.pinned !== undefined) {
      if (isLegacyRevision(this.pinned)) await this.initialize(this.pinned);
      else this.becomeModern(this.pinned, undefined);
      return;
    }
    const cached = this.target === undefined ? undefined : await this.eraCache?.get(this.target);
    if (cached !== undefined && this.supportedRevisions.includes(cached.revision)) {
      if (cached.era === 'modern') {
        this.becomeModern(cached.revision, undefined);
        return;
      }
      try {
        await this.initialize(this.newestLegacy()!);
        return;
      } catch (error) {
        // The cached assumption failed: forget it and probe afresh.
        if (error instanceof UnsupportedRevisionError || this.isClosed) throw error;
        await this.eraCache?.delete(this.target!);
      }
    }
    await this.probe();
  }

  /** The stdio-style probe (2026-07-28 basic/transports/stdio §Backward Compatibility). */
  private async probe(): Promise<void> {
    const modern = this.supportedRevisions.filter((revision) => !isLegacyRevision(revision));
    const legacy = this.newestLegacy();
    if (modern.length === 0) {
      await this.initialize(legacy!);
      return;
    }
    let chosen: Revision | undefined = modern[0]!;
    for (let attempt = 0; attempt < 2 && chosen !== undefined; attempt++) {
      let result: JsonObject;
      try {
        result = await this.discoverWith(chosen);
      } catch (error) {
        if (this.isClosed) throw error;
        // A recognised modern error (unsupported version): retry with a version the server lists.
        // Anything else identifies a legacy server.
        chosen = revisionToRetry(error, modern);
        if (chosen === undefined) break;
        continue;
      }
      const listed = Array.isArray(result.supportedVersions) ? result.supportedVersions : [];
      const common = modern.find((revision) => listed.includes(revision));
      if (common === undefined) break;
      this.becomeModern(common, result);
      return;
    }
    if (legacy === undefined) {
      throw new UnsupportedRevisionError(
        'no modern revision in common and no legacy revision allowed',
        this.supportedRevisions,
      );
    }
    await this.initialize(legacy);
  }

  private async discoverWith(revision: Revision): Promise<JsonObject> {
    const params = this.meta.apply(undefined, revision);
    const result = await super.rawRequest('server/discover', params, { timeoutMs: this.probeTimeoutMs });
    return checkDiscoverResult(this.methodSpecs, revision, result);
  }

  private becomeModern(revision: Revision, discovered: JsonObject | undefined): void {
    this.currentEra = 'modern';
    this.revision = revision;
    this.transport?.setProtocolVersion?.(revision);
    if (discovered !== undefined) {
      this.peerCapabilities = discovered.capabilities as JsonObject | undefined;
      this.peerInfo = (discovered._meta as JsonObject | undefined)?.[META_SERVER_INFO] as
        | JsonObject
        | undefined;
      this.peerInstructions =
        typeof discovered.instructions === 'string' ? discovered.instructions : undefined;
    }
    this.remember('modern', revision);
  }

  private async initialize(requested: Revision): Promise<void> {
    const result = await this.request('initialize', {
      protocolVersion: requested,
      capabilities: this.capabilities,
      clientInfo: this.clientInfo,
    });
    const chosen = checkInitializeResult(this.methodSpecs, this.supportedRevisions, result);
    this.currentEra = 'legacy';
    this.revision = chosen;
    this.peerCapabilities = result.capabilities as JsonObject;
    this.peerInfo = result.serverInfo as unknown as JsonObject;
    this.peerInstructions = result.instructions;
    this.transport?.setProtocolVersion?.(chosen);
    await this.notification('notifications/initialized');
    this.remember('legacy', chosen);
  }

  private remember(era: Era, revision: Revision): void {
    if (this.target === undefined || this.eraCache === undefined) return;
    Promise.resolve(this.eraCache.set(this.target, { era, revision })).then(undefined, this.reportError);
  }

  private newestLegacy(): Revision | undefined {
    return this.supportedRevisions.find(isLegacyRevision);
  }

  // ---------------------------------------------------------------- requests

  /**
   * Modern era: an input_required result is answered by this side's request handlers and the call is sent
   * again with the answers, until a final result; the caller's promise settles once, at the end.
   */
  protected override deliverResult(pending: PendingRequest, result: JsonObject): void {
    if (this.currentEra === 'modern' && result.resultType === 'input_required') {
      pending.endRound(result);
      void this.sendWithInput(pending, result);
      return;
    }
    pending.resolve(result);
  }

  private async sendWithInput(pending: PendingRequest, result: JsonObject): Promise<void> {
    try {
      const retry = await paramsWithInput(
        this,
        this.requestHandlers,
        this.capabilities,
        this.maxInputRounds,
        pending,
        result,
        this.telemetry === undefined
          ? undefined
          : { telemetry: this.telemetry, transport: this.transport, revision: this.revision },
      );
      const { fulfil, fail } = pending;
      this.startRequest(pending.method, retry, pending.options, fulfil, fail, pending.round + 1);
    } catch (error) {
      pending.fail(
        error instanceof Error ? error : new LocalError(LocalErrorCode.InvalidMessage, String(error)),
      );
    }
  }

  protected override prepareRequest(
    method: string,
    params: JsonObject | undefined,
    _options: RequestOptions | undefined,
  ): JsonObject | undefined {
    if (this.phase !== 'ready' && !HANDSHAKE_METHODS.has(method)) {
      throw new LocalError(
        LocalErrorCode.InvalidState,
        `Cannot send ${method}: expected the connection to finish its handshake (await connect()) first`,
      );
    }
    const revision = this.revision;
    if (revision !== undefined && this.peerCapabilities !== undefined) {
      const path = serverCapabilityFor(method, revision);
      if (path !== undefined && !hasCapability(this.peerCapabilities, path)) {
        throw new CapabilityError(
          `Cannot send ${method}: expected the server to declare the "${capabilityName(path)}" capability, but it did not`,
        );
      }
    }
    if (this.currentEra !== 'modern') return params; // the probe carries its own _meta
    return this.meta.apply(params, revision!);
  }

  protected override prepareNotification(
    method: string,
    params: JsonObject | undefined,
    _options: NotificationOptions | undefined,
  ): JsonObject | undefined {
    const path = clientNotificationCapability(method);
    if (path !== undefined && !hasCapability(this.capabilities, path)) {
      throw new CapabilityError(
        `Cannot send ${method}: expected this client to declare the "${capabilityName(path)}" capability, but it does not`,
      );
    }
    return params;
  }

  protected override acceptResult(method: string, result: JsonObject): JsonObject {
    if (this.currentEra !== 'modern') {
      if (method === 'tools/call' && isPlainTextToolResult(result, false)) return result;
      return super.acceptResult(method, result);
    }
    const type = result.resultType;
    if (type === 'input_required') return result; // answered by deliverResult
    if (type === 'complete' && method === 'tools/call' && isPlainTextToolResult(result, true)) return result;
    if (type !== undefined && type !== 'complete') {
      throw new LocalError(
        LocalErrorCode.InvalidMessage,
        `Invalid result for ${method}: expected resultType "complete" or "input_required", received ${JSON.stringify(type)}`,
      );
    }
    // A result without resultType (a legacy-era peer) counts as complete, and only the final result's
    // schema applies (the union with input_required costs twice as much for nothing).
    const spec = this.specFor(this.revision!, method);
    return this.checkResult(
      method,
      type === undefined ? withMember(result, 'resultType', 'complete') : result,
      spec?.completeResult ?? spec?.result,
    );
  }

  /**
   * 2026-07-28: a server cancels only `subscriptions/listen` requests (basic/patterns/cancellation), i.e.
   * one of ours: the pending call ends with AbortedError. Legacy: it names a request the server sent us.
   */
  protected override onPeerCancelled(params: JsonObject | undefined): void {
    const id = params?.requestId;
    if (this.currentEra !== 'modern' || (typeof id !== 'string' && typeof id !== 'number')) {
      super.onPeerCancelled(params);
      return;
    }
    const pending = this.pending.take(id);
    if (pending === undefined) return;
    this.release(pending);
    const reason = typeof params?.reason === 'string' ? params.reason : undefined;
    pending.reject(
      new AbortedError(
        `Request ${id} (${pending.method}) was ended by the server${reason === undefined ? '' : `: ${reason}`}`,
        reason,
      ),
    );
  }

  protected override admitRequest(
    request: JSONRPCRequest,
    _context: MessageContext | undefined,
  ): RequestScope {
    const method = request.method;
    if (this.currentEra !== 'legacy' || this.revision === undefined) {
      throw new ProtocolError(
        ErrorCode.MethodNotFound,
        `Method not found: expected no requests from a ${this.currentEra ?? 'not yet initialized'} server, received ${method}`,
      );
    }
    if (this.phase !== 'ready') {
      throw new ProtocolError(
        ErrorCode.InvalidRequest,
        `Invalid Request: expected the handshake to finish before ${method}, received it during the handshake`,
      );
    }
    assertMethodAllowed(this.methodSpecs, this.revision, method, 'server');
    assertClientDeclares(this.capabilities, method, request.params);
    return { revision: this.revision, era: 'legacy' };
  }
}
