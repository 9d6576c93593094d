/**
 * Publish/subscribe of strings on named channels: what crosses processes when several serve one MCP
 * endpoint (a client's answer to a server→client request, a cancellation, session state changes and
 * deletions, resumed streams). The memory bus below connects the handlers of one process; a Redis bus
 * (pub/sub) connects processes. Runtime-neutral: no Node imports.
 */

/** Receives each message published on a channel it subscribed to. */
export type BusListener = (message: string) => void;

/** A subscription to a bus channel. */
export interface BusSubscription {
  /** Stops delivery to this subscription's listener (idempotent). */
  unsubscribe(): void | Promise<void>;
}

/**
 * Delivery contract (what the handlers rely on):
 * - `publish(channel, message)` delivers `message` once to every subscription of `channel` that is live
 *   when it arrives, in every process sharing the bus, the publishing process included.
 * - Messages from one process on one channel arrive in the order published. No ordering across channels
 *   or publishers.
 * - At most once: a message published while nobody subscribes (or lost with a connection) is dropped; no
 *   history is kept. A subscription receives only messages published after `subscribe` settled.
 * - Listeners are called asynchronously or synchronously (the memory bus calls them synchronously inside
 *   `publish`); a listener that throws does not stop delivery to the others.
 * Channel names and messages are arbitrary strings (the handlers use printable ASCII channel names and
 * JSON messages); a backend may add its own prefix to channel names.
 */
export interface MessageBus {
  /** Delivers a message to every live subscription of the channel. */
  publish(channel: string, message: string): void | Promise<void>;
  /** Subscribes a listener to a channel. */
  subscribe(channel: string, listener: BusListener): BusSubscription | Promise<BusSubscription>;
  /** Releases connections and listeners the bus holds. Optional. */
  close?(): void | Promise<void>;
}

/** The in-process bus: a map of channel → listeners. */
export class MemoryMessageBus implements MessageBus {
  private readonly channels = new Map<string, Set<BusListener>>();

  /** Channels with at least one subscription (for tests and monitoring). */
  get channelCount(): number {
    return this.channels.size;
  }

  /** Delivers a message to every subscription of the channel, synchronously. */
  publish(channel: string, message: string): void {
    const listeners = this.channels.get(channel);
    if (listeners === undefined) return;
    // A copy: a listener may unsubscribe (itself or others) while we iterate.
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch {
        // One broken listener must not keep the message from the others.
      }
    }
  }

  /** Subscribes a listener to a channel. */
  subscribe(channel: string, listener: BusListener): BusSubscription {
    let listeners = this.channels.get(channel);
    if (listeners === undefined) {
      listeners = new Set();
      this.channels.set(channel, listeners);
    }
    // A wrapper per subscription, so one listener may subscribe twice and unsubscribe each separately.
    const own: BusListener = (message) => listener(message);
    listeners.add(own);
    return new MemorySubscription(this.channels, channel, own);
  }

  close(): void {
    this.channels.clear();
  }
}

class MemorySubscription implements BusSubscription {
  constructor(
    private readonly channels: Map<string, Set<BusListener>>,
    private readonly channel: string,
    private readonly listener: BusListener,
  ) {}

  unsubscribe(): void {
    const listeners = this.channels.get(this.channel);
    if (listeners === undefined || !listeners.delete(this.listener)) return;
    if (listeners.size === 0) this.channels.delete(this.channel);
  }
}
