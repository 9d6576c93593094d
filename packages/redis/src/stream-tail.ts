/**
 * One tail of a Redis event stream: the stored events above a sequence number, then the live ones the
 * append script publishes, each once and in order, until the stream completes or is deleted.
 *
 * Live events arrive on pub/sub, which may lose messages (a reconnection of the subscriber). So the tail
 * trusts only what continues its sequence: a gap, an `end` notice or a reconnection makes it read the
 * stream itself from where it is, and everything live that arrives meanwhile waits in order.
 */
import type { JSONRPCMessage } from '@mcpwire/core';
import type { EventTail, EventTailListener } from '@mcpwire/transports/http';
import type { StreamEntry } from './event-store.js';

type Fetch = (fromSeq: number) => Promise<StreamEntry[] | undefined>;

export class StreamTail implements EventTail {
  startSeq = 0;
  private last = 0;
  private begun = false;
  private finished = false;
  /** Live texts that arrived before `begin` or during a catch-up, in arrival order. */
  private waiting: string[] | undefined = [];
  private readonly stops: Array<() => unknown> = [];

  constructor(
    private readonly listener: EventTailListener,
    private readonly fetch: Fetch,
  ) {}

  /** Registers something to undo when the tail stops or ends (its subscription). */
  onStop(stop: () => unknown): void {
    if (this.finished) void stop();
    else this.stops.push(stop);
  }

  /** Starts delivery after `startSeq` with the entries read at subscription time. */
  begin(startSeq: number, entries: readonly StreamEntry[]): void {
    this.startSeq = startSeq;
    this.last = startSeq;
    this.begun = true;
    this.consume(entries);
    this.flush();
  }

  /** A text published on the stream's channel: `<seq> <json>` or `end`. */
  live(text: string): void {
    if (this.finished) return;
    if (this.waiting !== undefined) {
      this.waiting.push(text);
      return;
    }
    if (text === 'end') {
      this.catchUp(true);
      return;
    }
    const space = text.indexOf(' ');
    const seq = Number(text.slice(0, space));
    if (seq <= this.last) return;
    if (seq !== this.last + 1) {
      this.catchUp(false);
      return;
    }
    this.deliver(seq, JSON.parse(text.slice(space + 1)) as JSONRPCMessage);
  }

  /** The subscriber reconnected: events published while it was away are read from the stream. */
  resync(): void {
    if (this.begun && !this.finished && this.waiting === undefined) this.catchUp(false);
  }

  stop(): void {
    if (this.finished) return;
    this.finished = true;
    this.waiting = undefined;
    for (const stop of this.stops.splice(0)) void stop();
  }

  /** Reads the stream from `last + 1`; `ending`: the stream ends after what is read (deleted or complete). */
  private catchUp(ending: boolean): void {
    this.waiting = [];
    this.fetch(this.last + 1).then(
      (entries) => {
        if (this.finished) return;
        if (entries === undefined) {
          this.end();
          return;
        }
        this.consume(entries);
        if (ending) this.end();
        else this.flush();
      },
      () => {
        // Redis is away: deliver what comes live; the next gap or reconnection tries again.
        if (!this.finished) this.flush();
      },
    );
  }

  private consume(entries: readonly StreamEntry[]): void {
    for (const [id, fields] of entries) {
      if (this.finished) return;
      if (fields[0] === 'e') {
        this.end();
        return;
      }
      const seq = Number(id.slice(0, id.indexOf('-')));
      if (seq > this.last) this.deliver(seq, JSON.parse(fields[1]!) as JSONRPCMessage);
    }
  }

  /** Replays the live texts that waited, then takes live texts directly again. */
  private flush(): void {
    const waiting = this.waiting ?? [];
    this.waiting = undefined;
    for (let i = 0; i < waiting.length; i++) {
      this.live(waiting[i]!);
      // live() may have started a catch-up: then what was left waits behind it.
      const again = this.waiting as string[] | undefined;
      if (again !== undefined) {
        again.push(...waiting.slice(i + 1));
        return;
      }
    }
  }

  private deliver(seq: number, message: JSONRPCMessage): void {
    this.last = seq;
    try {
      this.listener.event(seq, message);
    } catch {
      // A reader's failure is its own; the tail carries on.
    }
  }

  private end(): void {
    if (this.finished) return;
    this.stop();
    try {
      this.listener.end();
    } catch {
      // As above.
    }
  }
}
