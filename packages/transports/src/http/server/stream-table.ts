/**
 * The SSE streams of one session that may outlive a connection: the standalone GET stream, POST streams
 * whose connection broke (kept for Last-Event-ID), and connections fed from the event store (a resume of
 * a stream this process does not write, and with a shared store the GET stream). Resumes are looked up
 * here; a resume replaces a connection the server still thinks is open.
 */
import { type RequestId, TransportError } from '@mcpwire/core/runtime';
import { formatSseRetry } from '../../shared-http/sse-encoder.js';
import type { PostExchange } from './exchange.js';
import type { SseOutput } from './http-io.js';
import { OutboundStream, SseConnection } from './sse-stream.js';
import { Followers } from './stream-followers.js';
import type { ServerTransportSettings } from './transport-settings.js';

/** What the table needs from its transport. */
export interface StreamTableOwner {
  readonly protocolVersion: string | undefined;
  lastActivity: number;
  onerror?: (error: Error) => void;
}

export class StreamTable {
  /** Created on first use (a send to the GET stream, a GET): memory per idle session. */
  private standaloneStream: OutboundStream | undefined;
  /** Created on first use: most sessions never lose a connection mid-stream (memory per idle session). */
  private resumable: Map<string, OutboundStream> | undefined;
  /** Connections fed from the event store, created on first use. */
  private followers: Followers | undefined;
  private counter = 0;

  constructor(
    private readonly settings: ServerTransportSettings,
    private readonly exchanges: ReadonlyMap<RequestId, PostExchange>,
    private readonly owner: StreamTableOwner,
  ) {}

  /** The standalone GET stream (`<session>/0`); undefined for single-request transports. */
  get standalone(): OutboundStream | undefined {
    const sessionId = this.settings.sessionId;
    if (this.standaloneStream === undefined && sessionId !== undefined) {
      const store = this.settings.eventStore;
      this.standaloneStream = new OutboundStream(
        sessionId + '/0',
        store,
        store === undefined ? this.settings.maxStandaloneBacklog : 0,
      );
    }
    return this.standaloneStream;
  }

  /** The standalone stream if it exists already (checks that must not create it). */
  get standaloneIfAny(): OutboundStream | undefined {
    return this.standaloneStream;
  }

  /** Whether a client holds the GET stream. */
  get getStreamOpen(): boolean {
    return this.standaloneStream?.connection !== undefined || this.followers?.getStream !== undefined;
  }

  /** Whether the GET stream is open and still read; one whose client is gone is released. */
  probeGetStream(): boolean {
    const follower = this.followers?.getStream;
    if (follower !== undefined) return follower.connection.probe();
    return this.standaloneStream?.connection?.probe() === true;
  }

  /** A new POST stream: `<session>/<n>` (with a shared store `<session>/<tag>.<n>`). */
  open(): OutboundStream {
    const sessionId = this.settings.sessionId;
    const store = this.settings.modern ? undefined : this.settings.eventStore;
    const tag = this.settings.remote?.streamTag;
    const id = (sessionId ?? 'r') + '/' + (tag === undefined ? '' : tag + '.') + ++this.counter;
    return new OutboundStream(id, sessionId === undefined ? undefined : store);
  }

  /** GET without Last-Event-ID: the standalone stream; undefined when one is already open. */
  openStandalone(
    headers: Record<string, string>,
    protocolVersion: string | undefined,
    afterSeq: number | undefined,
  ): SseOutput | undefined {
    const standalone = this.standalone;
    if (standalone === undefined || this.getStreamOpen) return undefined;
    this.owner.lastActivity = Date.now();
    const prime = this.settings.prime(protocolVersion ?? this.owner.protocolVersion);
    const remote = this.settings.remote;
    if (remote !== undefined) {
      remote.announceGet();
      return this.followed().followGet(standalone.id, headers, afterSeq ?? 0, prime);
    }
    const connection = new SseConnection(
      (gone) => {
        if (standalone.connection === gone) standalone.connection = undefined;
        this.owner.lastActivity = Date.now();
      },
      this.settings.keepAliveMs,
      this.settings.sseLimits,
    );
    standalone.attach(connection, prime, this.settings.retryMs);
    // Without Last-Event-ID, resend what was recorded while nobody listened.
    if (standalone.resumable) void standalone.replay(standalone.deliveredSeq);
    return { kind: 'sse', status: 200, headers, connection };
  }

  /** GET with Last-Event-ID: replays the one stream that id belongs to and resumes it. */
  resume(
    streamId: string,
    afterSeq: number,
    headers: Record<string, string>,
  ): SseOutput | undefined | Promise<SseOutput | undefined> {
    this.owner.lastActivity = Date.now();
    const remote = this.settings.remote;
    if (remote !== undefined && streamId === this.settings.sessionId + '/0') {
      this.followers?.getStream?.stop();
      remote.announceGet();
      return this.followed().followGet(streamId, headers, afterSeq, false);
    }
    remote?.announceResumed(streamId);
    const stream = this.local(streamId);
    if (stream === undefined || !stream.resumable) {
      // Not written here (any more): the store may still have it (retention, or another process).
      return this.settings.modern ? undefined : this.followed().followStored(streamId, afterSeq, headers);
    }
    // A reconnect replaces a connection the server may not yet know is dead.
    stream.connection?.close();
    const connection = new SseConnection(
      (gone) => {
        if (stream.connection === gone) stream.connection = undefined;
      },
      stream === this.standaloneStream ? this.settings.keepAliveMs : undefined,
      this.settings.sseLimits,
    );
    stream.attach(connection, false, undefined);
    const finish = (): void => {
      if (!stream.completed || stream.connection !== connection) return;
      this.completed(stream);
    };
    const replayed = stream.replay(afterSeq);
    if (replayed instanceof Promise) {
      void replayed.then(finish, (error: unknown) => {
        this.owner.onerror?.(
          new TransportError('Replay failed: the event store rejected the read', { cause: error }),
        );
        connection.close();
      });
    } else {
      finish();
    }
    return { kind: 'sse', status: 200, headers, connection };
  }

  /** Keeps a stream whose connection broke, for a resume here (at most maxResumableStreams). */
  keep(stream: OutboundStream): void {
    this.resumable ??= new Map();
    const resumable = this.resumable;
    if (resumable.has(stream.id)) return;
    if (resumable.size >= this.settings.maxResumableStreams) {
      const oldest = resumable.values().next().value;
      if (oldest !== undefined) {
        resumable.delete(oldest.id);
        oldest.dispose();
      }
    }
    resumable.set(stream.id, stream);
  }

  /** A stream completed: its events stay in the store for the retention window (if it keeps them). */
  completed(stream: OutboundStream): void {
    this.resumable?.delete(stream.id);
    stream.retire(this.settings.retentionMs);
  }

  /** A completed stream whose client was not there: kept for a resume, by the store or here. */
  completedUnseen(stream: OutboundStream): void {
    if (this.settings.eventStore?.tail !== undefined) this.completed(stream);
    else this.keep(stream);
  }

  /** Server-side close of the GET stream's connection (the client reconnects after `retryMs`). */
  closeGetStream(retryMs: number): boolean {
    const follower = this.followers?.getStream;
    if (follower !== undefined) {
      follower.connection.write(formatSseRetry(retryMs));
      follower.stop();
      return true;
    }
    const standalone = this.standaloneStream;
    if (standalone?.connection === undefined) return false;
    standalone.disconnect(retryMs);
    return true;
  }

  /** Another process opened the GET stream: ours ends (one per session). */
  dropGetStream(): void {
    this.followers?.getStream?.stop();
  }

  /** Another process resumed a stream: our connection to it ends, the stream goes on. */
  dropConnection(streamId: string): void {
    const stream = this.local(streamId);
    if (stream !== undefined && stream !== this.standaloneStream) stream.disconnect(undefined);
    this.followers?.stop(streamId);
  }

  /** The transport closes. With a shared store the GET stream's events stay: the session lives on. */
  closeAll(): void {
    if (this.resumable !== undefined) for (const stream of this.resumable.values()) stream.dispose();
    this.resumable = undefined;
    if (this.settings.remote === undefined) this.standaloneStream?.dispose();
    this.followers?.stop();
  }

  /**
   * The stream a resume names, if this process writes it: the standalone stream, one whose connection
   * broke, or one still being answered (its client may have lost a connection we think is open).
   */
  private local(streamId: string): OutboundStream | undefined {
    if (this.settings.sessionId !== undefined && streamId === this.settings.sessionId + '/0') {
      return this.standalone;
    }
    const kept = this.resumable?.get(streamId);
    if (kept !== undefined) return kept;
    for (const exchange of this.exchanges.values())
      if (exchange.stream?.id === streamId) return exchange.stream;
    return undefined;
  }

  private followed(): Followers {
    this.followers ??= new Followers(this.settings, (delivered) => {
      this.owner.lastActivity = Date.now();
      this.settings.remote?.saveGetPosition(delivered);
    });
    return this.followers;
  }
}
