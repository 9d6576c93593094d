/**
 * A legacy session served by several processes through a shared store: its link to the others over the
 * message bus (channel `mcp/session/<id>`). What one process cannot act on goes to the others: a
 * client's answer to a server→client request (an elicitation, say) that was sent by another process, a
 * cancellation of a request running in another process. Session state changes, the end of the session, a
 * GET stream opened or a stream resumed here are announced, so the others update their engine, drop
 * their copy, or close a connection the new one replaces.
 *
 * Bus messages are JSON envelopes `{ o, t, ... }`: `o` is the sending handler's random origin id (its own
 * messages come back and are ignored), `t` the kind.
 */
import type {
  JSONRPCMessage,
  JSONRPCPayload,
  MessageContext,
  RequestId,
  SessionSnapshot,
} from '@mcpwire/core/runtime';
import type { BusSubscription } from '../../store/message-bus.js';
import type { ServerStore } from '../../store/server-store.js';

/** What a handler with a shared store passes to each of its sessions. */
export interface SharedContext {
  readonly store: ServerStore;
  /** This handler's id on the bus. */
  readonly origin: string;
  /** Reports a bus or store failure that no request can be told about. */
  readonly report: (error: unknown) => void;
}

/** The side of a session's local copy that the bus talks to (the server transport and its registry). */
export interface RemoteTarget {
  /** Delivers an answer or cancellation that arrived over the bus, if it is this process's. */
  acceptRemote(kind: 'answer' | 'cancel', message: JSONRPCMessage): void;
  /** Legacy SSE: a client message POSTed to another process, for the stream held here. */
  acceptPosted(payload: JSONRPCPayload, context: MessageContext): void;
  /** Another process changed the session state: the engine follows. */
  applyState(snapshot: SessionSnapshot | undefined, established: boolean): void;
  /** A GET stream opened elsewhere: ours (if any) ends, there is one per session. */
  dropGetStream(): void;
  /** A stream was resumed elsewhere: our connection to it (if any) ends. */
  dropStreamConnection(streamId: string): void;
  /** The session ended elsewhere (DELETE, eviction): drop the local copy. */
  ended(): void;
}

type Envelope =
  | { o: string; t: 'answer' | 'cancel'; m: JSONRPCMessage }
  | { o: string; t: 'msg'; m: JSONRPCPayload; c: PostedContext }
  | { o: string; t: 'state'; s?: SessionSnapshot; e?: true }
  | { o: string; t: 'get' | 'end' }
  | { o: string; t: 'resumed'; s: string };

/** The MessageContext of a POSTed message, as it crosses the bus (plain JSON). */
interface PostedContext {
  authInfo?: MessageContext['authInfo'];
  requestInfo?: MessageContext['requestInfo'];
}

/**
 * A handler's shared context. Its origin id is drawn on first use, not when the handler is made: a
 * Worker builds its handler at module scope, where workerd refuses to generate random values.
 */
class HandlerSharedContext implements SharedContext {
  #origin: string | undefined;
  readonly report: (error: unknown) => void;

  constructor(
    readonly store: ServerStore,
    onError: ((error: Error) => void) | undefined,
  ) {
    this.report = (error) => onError?.(error instanceof Error ? error : new Error(String(error)));
  }

  get origin(): string {
    this.#origin ??= crypto.randomUUID();
    return this.#origin;
  }
}

/** The shared context of a handler given a `store` option; undefined without one (a private store). */
export function sharedContext(
  store: ServerStore | undefined,
  onError: ((error: Error) => void) | undefined,
): SharedContext | undefined {
  return store === undefined ? undefined : new HandlerSharedContext(store, onError);
}

export function sessionChannel(sessionId: string): string {
  return `mcp/session/${sessionId}`;
}

/** Server→client request ids remembered per session (their answers may arrive at another process). */
const MAX_SENT = 1024;

export class RemoteSession {
  /** Random per process and session: stream ids `<session>/<tag>.<n>` never collide across processes. */
  readonly streamTag: string;
  /**
   * The last state write, while it runs: answers (and the 202 of a POST without requests) wait for it, so
   * a next request elsewhere sees it. Never rejects: it settles with the store's error when it failed.
   */
  stateWrite: Promise<unknown> | undefined;
  private readonly sent = new Set<RequestId>();
  private subscription: BusSubscription | undefined;
  private target: RemoteTarget | undefined;
  private stopped = false;

  constructor(
    readonly sessionId: string,
    private readonly shared: SharedContext,
  ) {
    this.streamTag = crypto.randomUUID().slice(0, 8);
  }

  /** Subscribes to the session's channel; settles once messages will be received. */
  async attach(target: RemoteTarget): Promise<void> {
    this.target = target;
    const subscription = await this.shared.store.bus.subscribe(sessionChannel(this.sessionId), (text) =>
      this.receive(text),
    );
    if (this.stopped) void Promise.resolve(subscription.unsubscribe()).catch(this.shared.report);
    else this.subscription = subscription;
  }

  detach(): void {
    this.stopped = true;
    const subscription = this.subscription;
    this.subscription = undefined;
    if (subscription !== undefined)
      void Promise.resolve(subscription.unsubscribe()).catch(this.shared.report);
  }

  /** A server→client request this process sent: its answer is handled here. */
  noteSent(id: RequestId): void {
    if (this.sent.size >= MAX_SENT) this.sent.delete(this.sent.values().next().value!);
    this.sent.add(id);
  }

  /**
   * A client message that another process must handle: an answer to a request this process did not
   * send, a cancellation of a request not running here (`running`: this process's requests in flight).
   * Such a message is published for the others and true returned; anything else is for us.
   */
  routedElsewhere(message: JSONRPCMessage, running: ReadonlyMap<RequestId, unknown>): boolean {
    if (!('method' in message)) {
      const id = message.id;
      if (id === undefined || id === null || this.sent.delete(id)) return false;
      this.forward('answer', message);
      return true;
    }
    if (message.method !== 'notifications/cancelled' || 'id' in message) return false;
    const id = cancelledId(message);
    if (id === undefined || running.has(id)) return false;
    this.forward('cancel', message);
    return true;
  }

  /** Whether a message another process forwarded is for this one (and, for an answer, forgets the id). */
  isOurs(
    kind: 'answer' | 'cancel',
    message: JSONRPCMessage,
    running: ReadonlyMap<RequestId, unknown>,
  ): boolean {
    if (kind === 'cancel') {
      const id = cancelledId(message);
      return id !== undefined && running.has(id);
    }
    const id = (message as { id?: RequestId | null }).id;
    return id !== undefined && id !== null && this.sent.delete(id);
  }

  private forward(kind: 'answer' | 'cancel', message: JSONRPCMessage): void {
    this.publish({ o: this.shared.origin, t: kind, m: message });
  }

  /** Persists the engine's session state and tells the other processes serving the session. */
  saveState(snapshot: SessionSnapshot): void {
    const written = this.shared.store.sessions.update(this.sessionId, {
      snapshot,
      protocolVersion: snapshot.protocolVersion,
    });
    this.publish({ o: this.shared.origin, t: 'state', s: snapshot });
    if (typeof written === 'boolean') return;
    const write = written.then(
      () => undefined,
      (error: unknown) => {
        this.shared.report(error);
        return error;
      },
    );
    this.stateWrite = write;
    void write.then(() => {
      if (this.stateWrite === write) this.stateWrite = undefined;
    });
  }

  /** The GET stream's connection here ended having written up to `seq`: a GET elsewhere starts after it. */
  saveGetPosition(seq: number): void {
    try {
      const written = this.shared.store.sessions.update(this.sessionId, { getStreamSeq: seq });
      if (typeof written !== 'boolean') written.catch(this.shared.report);
    } catch (error) {
      this.shared.report(error);
    }
  }

  announceEstablished(): void {
    this.publish({ o: this.shared.origin, t: 'state', e: true });
  }

  announceGet(): void {
    this.publish({ o: this.shared.origin, t: 'get' });
  }

  announceResumed(streamId: string): void {
    this.publish({ o: this.shared.origin, t: 'resumed', s: streamId });
  }

  private publish(envelope: Envelope): void {
    void publishTo(this.shared, this.sessionId, envelope);
  }

  private receive(text: string): void {
    const target = this.target;
    if (target === undefined || this.stopped) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      return; // Not ours: some other user of the bus.
    }
    if (envelope.o === this.shared.origin) return;
    switch (envelope.t) {
      case 'answer':
      case 'cancel':
        target.acceptRemote(envelope.t, envelope.m);
        return;
      case 'msg': {
        const context: MessageContext = { sessionId: this.sessionId };
        if (envelope.c.authInfo !== undefined) context.authInfo = envelope.c.authInfo;
        if (envelope.c.requestInfo !== undefined) context.requestInfo = envelope.c.requestInfo;
        target.acceptPosted(envelope.m, context);
        return;
      }
      case 'state':
        target.applyState(envelope.s, envelope.e === true);
        return;
      case 'get':
        target.dropGetStream();
        return;
      case 'resumed':
        target.dropStreamConnection(envelope.s);
        return;
      case 'end':
        target.ended();
        return;
    }
  }
}

/**
 * Tells every process serving the session that it ended (DELETE or eviction). Settles once the bus took
 * the message (never rejects: a failure is reported, and the others then learn of the end when they next
 * touch the deleted record). A DELETE awaits it before its 200: Redis writes a PUBLISH to every
 * subscriber's connection before answering it, so the client's next request, through any process, finds
 * the session gone (without it, 1 run in 2 of the conformance runner's H11 through three processes got a
 * 200 from a process whose copy had not heard yet).
 */
export function announceEnd(shared: SharedContext, sessionId: string): Promise<void> {
  return publishTo(shared, sessionId, { o: shared.origin, t: 'end' });
}

/**
 * Legacy SSE: a message POSTed here for a session whose stream another process holds. Its context goes
 * along (the verified AuthInfo and the request's headers, which may carry the bearer token: the bus is
 * as private as the store).
 */
export function forwardPosted(
  shared: SharedContext,
  sessionId: string,
  payload: JSONRPCPayload,
  context: MessageContext,
): Promise<void> {
  const c: PostedContext = {};
  if (context.authInfo !== undefined) c.authInfo = context.authInfo;
  if (context.requestInfo !== undefined) c.requestInfo = context.requestInfo;
  const envelope: Envelope = { o: shared.origin, t: 'msg', m: payload, c };
  // Awaited before the 202: the client's next POST, maybe through another process, is published after
  // this one, so the process holding the stream gets them in the order sent (initialize, initialized, ...).
  return Promise.resolve(shared.store.bus.publish(sessionChannel(sessionId), JSON.stringify(envelope)));
}

function publishTo(shared: SharedContext, sessionId: string, envelope: Envelope): Promise<void> {
  try {
    const published = shared.store.bus.publish(sessionChannel(sessionId), JSON.stringify(envelope));
    if (published instanceof Promise) return published.catch(shared.report);
  } catch (error) {
    shared.report(error);
  }
  return RESOLVED;
}

const RESOLVED: Promise<void> = Promise.resolve();

/** The request id a `notifications/cancelled` names, if it names one. */
function cancelledId(message: JSONRPCMessage): RequestId | undefined {
  const id = (message as { params?: { requestId?: unknown } }).params?.requestId;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}
