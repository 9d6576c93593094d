/**
 * The connections of one session that are fed from the event store (see ./stream-follower.ts): at most
 * one GET stream (with a shared store), and any number of resumed streams this process does not write.
 */
import type { EventStore, SharedEventStore } from './event-store.js';
import type { SseOutput } from './http-io.js';
import type { SseLimits } from './sse-settings.js';
import { StreamFollower } from './stream-follower.js';

export interface FollowerSettings {
  eventStore: EventStore | undefined;
  keepAliveMs: number | undefined;
  retryMs: number | undefined;
  sseLimits: SseLimits;
}

export class Followers {
  /** The GET stream's connection, when it is fed from the store. */
  getStream: StreamFollower | undefined;
  private readonly all = new Set<StreamFollower>();

  constructor(
    private readonly settings: FollowerSettings,
    /** The GET stream's connection ended, having written up to `delivered`. */
    private readonly onGetEnded: (delivered: number) => void,
  ) {}

  /** The GET stream, read from `<session>/0` after `afterSeq`, which every process appends to. */
  followGet(streamId: string, headers: Record<string, string>, afterSeq: number, prime: boolean): SseOutput {
    const follower = this.follower(streamId, this.settings.keepAliveMs);
    this.getStream = follower;
    // Already answered 200: a store failure ends the connection, and the client reconnects.
    follower.start(this.events(), afterSeq, true, prime, this.settings.retryMs).catch(ignore);
    return { kind: 'sse', status: 200, headers, connection: follower.connection };
  }

  /** A stream this process does not write: replayed and followed from the store, if it still has it. */
  async followStored(
    streamId: string,
    afterSeq: number,
    headers: Record<string, string>,
  ): Promise<SseOutput | undefined> {
    if (this.settings.eventStore?.tail === undefined) return undefined;
    const follower = this.follower(streamId, undefined);
    // Resuming after the priming event (seq 0): the writer, in another process, may not have stored a
    // message yet (a stream cut early for polling), so an unknown stream is followed as an empty one.
    const create = afterSeq === 0;
    if (!(await follower.start(this.events(), afterSeq, create, false, undefined))) return undefined;
    return { kind: 'sse', status: 200, headers, connection: follower.connection };
  }

  /** Ends the connections following `streamId`, or all of them. */
  stop(streamId?: string): void {
    for (const follower of [...this.all]) {
      if (streamId === undefined || follower.streamId === streamId) follower.stop();
    }
  }

  private events(): SharedEventStore {
    return this.settings.eventStore as SharedEventStore;
  }

  private follower(streamId: string, keepAliveMs: number | undefined): StreamFollower {
    const follower = new StreamFollower(
      streamId,
      (done) => {
        this.all.delete(done);
        if (this.getStream !== done) return;
        this.getStream = undefined;
        this.onGetEnded(done.delivered);
      },
      keepAliveMs,
      this.settings.sseLimits,
    );
    this.all.add(follower);
    return follower;
  }
}

function ignore(): void {}
