/**
 * Who may use which legacy session (issue 13 item 1): every session is bound to the principal that
 * created it, and POST, GET, DELETE and Last-Event-ID resumes from any other principal get the same 404
 * as an unknown id (so ids are not confirmed to exist). Opening a session enforces the limits (cap and
 * per-client); finding one rebuilds it from a shared store when this process does not hold it yet.
 */
import { type AuthInfo, ErrorCode } from '@mcpwire/core/runtime';
import type { SessionRecord } from '../../store/session-store.js';
import type { HttpInput, HttpOutput, TextOutput } from './http-io.js';
import { errorOutput, unknownSession } from './responses.js';
import type { StreamableHttpServerTransport } from './server-transport.js';
import type { RemoteSession } from './session-remote.js';
import type { LocalSessions, SessionEntry } from './sessions.js';

/** How the handler builds and connects transports (its options live there). */
export interface TransportFactory {
  make(
    sessionId: string,
    remote: RemoteSession | undefined,
    record?: SessionRecord,
  ): StreamableHttpServerTransport;
  /** Runs the user's connect hook; an error output when it failed (the transport is then closed). */
  connect(
    transport: StreamableHttpServerTransport,
    version: string | undefined,
    input: HttpInput,
  ): Promise<HttpOutput | undefined>;
}

type Entry = SessionEntry<StreamableHttpServerTransport>;

export class SessionAccess {
  constructor(
    readonly sessions: LocalSessions<StreamableHttpServerTransport>,
    private readonly factory: TransportFactory,
    private readonly clientKeyOption: ((request: Request) => string | undefined) | undefined,
  ) {}

  /** initialize without a session id: a new session owned by `owner`, or the refusal to send. */
  async open(
    input: HttpInput,
    owner: string,
    authInfo: AuthInfo | undefined,
    id: string,
  ): Promise<Entry | HttpOutput> {
    const policy = this.sessions.policy;
    const opened = await this.sessions.open(
      id,
      owner,
      this.clientKey(input, owner, authInfo),
      Date.now(),
      (remote) => this.factory.make(id, remote),
    );
    if (opened === 'max-sessions') {
      return errorOutput(
        503,
        ErrorCode.InternalError,
        `Service Unavailable: expected fewer than ${policy.maxSessions} live sessions or an idle one to end, received one more while all are in use`,
      );
    }
    if (opened === 'max-sessions-per-client') {
      return errorOutput(
        429,
        ErrorCode.InvalidRequest,
        `Too Many Requests: expected at most ${policy.maxSessionsPerClient} live sessions per client, received one more while all of this client's are in use`,
      );
    }
    const failed = await this.factory.connect(
      opened.transport,
      input.headers.get('mcp-protocol-version') ?? undefined,
      input,
    );
    return failed ?? opened;
  }

  /**
   * The live session `id` if `owner` may use it: from this process (synchronously: the hot path), or
   * rebuilt from a shared store. Otherwise the 404 of an unknown session, whichever the reason. Marks the
   * session as seen.
   */
  find(id: string, owner: string, input: HttpInput): Entry | TextOutput | Promise<Entry | TextOutput> {
    const entry = this.sessions.get(id);
    if (entry?.connecting !== undefined) {
      return entry.connecting.then((connected) => this.admit(id, owner, connected));
    }
    if (entry !== undefined && !entry.established && this.sessions.shared !== undefined) {
      // This copy has seen only initialize: the client's notifications/initialized may have reached
      // another process, whose bus message can arrive after this request. Catch up from the record (only
      // until established, so the hot path reads nothing). No record: it ended elsewhere (a DELETE whose
      // bus message has not arrived yet) or expired, so this copy ends too.
      return Promise.resolve(this.sessions.record(id)).then((record) => {
        if (record === undefined) {
          void entry.transport.close();
          return unknownSession(id);
        }
        if (record.owner === owner) entry.applyState(record.snapshot, false);
        return this.admit(id, owner, entry);
      });
    }
    if (entry !== undefined || this.sessions.shared === undefined) return this.admit(id, owner, entry);
    return this.sessions
      .hydrate(
        id,
        owner,
        (remote, record) => this.factory.make(id, remote, record),
        async (transport, record) =>
          (await this.factory.connect(transport, record.protocolVersion, input)) === undefined,
      )
      .then((hydrated) => this.admit(id, owner, hydrated));
  }

  private admit(id: string, owner: string, entry: Entry | undefined): Entry | TextOutput {
    if (entry === undefined || entry.owner !== owner || entry.transport.isClosed) return unknownSession(id);
    if (!this.sessions.seen(entry, Date.now())) return unknownSession(id);
    return entry;
  }

  /** DELETE: the owner ends the session everywhere; anyone else gets the 404 of an unknown session. */
  async end(id: string, owner: string): Promise<TextOutput | undefined> {
    const local = this.sessions.get(id);
    if (local !== undefined) {
      if (local.owner !== owner) return unknownSession(id);
    } else {
      const record = this.sessions.shared === undefined ? undefined : await this.sessions.record(id);
      if (record === undefined || record.kind !== 'streamable-http' || record.owner !== owner) {
        return unknownSession(id);
      }
    }
    await this.sessions.end(id);
    return undefined;
  }

  /** Where a GET stream opened here starts, when another process may have served the last one. */
  async getStreamStart(entry: Entry): Promise<number | undefined> {
    if (this.sessions.shared === undefined) return undefined;
    const record = await this.sessions.record(entry.transport.sessionId!);
    return record?.getStreamSeq ?? 0;
  }

  /** The key per-client limits count under: the principal, else the hook's key, else the remote address. */
  private clientKey(input: HttpInput, owner: string, authInfo: AuthInfo | undefined): string {
    if (authInfo !== undefined) return owner;
    if (this.clientKeyOption !== undefined) return this.clientKeyOption(input.request()) ?? '';
    return input.remoteAddress ?? '';
  }
}
