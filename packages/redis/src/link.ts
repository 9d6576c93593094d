/**
 * The connections every Redis store of one process shares: one for commands (pipelined by node-redis) and
 * one for pub/sub, whatever the number of channels (a subscribed connection can run no other command).
 *
 * Fail fast, never queue: while Redis is unreachable every operation rejects at once with a
 * StoreUnavailableError naming the cause (the HTTP handlers answer 503 with it), and node-redis keeps
 * reconnecting in the background; subscriptions are restored when it is back.
 */
import { createHash } from 'node:crypto';
import { ConfigError, StoreUnavailableError } from '@mcpwire/core';
import { createClient, ErrorReply } from 'redis';

/** The part of a node-redis v5 client the stores use; any `createClient()` result fits. */
export interface RedisClientLike {
  readonly isReady: boolean;
  readonly isOpen: boolean;
  /** Opens the connection. */
  connect(): Promise<unknown>;
  /** Sends one Redis command. */
  sendCommand(args: readonly string[]): Promise<unknown>;
  /** A second connection with the same settings (for pub/sub). */
  duplicate(overrides?: { disableOfflineQueue?: boolean; RESP?: 2 }): RedisSubscriberLike;
  /** Closes the connection once pending commands are answered. */
  close(): Promise<unknown>;
  /** Closes the connection at once. */
  destroy(): void;
  /** Listens for connection errors. */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Called once when the connection is ready. */
  once(event: 'ready', listener: () => void): unknown;
  /** Stops listening for readiness. */
  off(event: 'ready', listener: () => void): unknown;
}

/** The pub/sub half of a node-redis client. */
export interface RedisSubscriberLike {
  readonly isReady: boolean;
  readonly isOpen: boolean;
  /** Opens the connection. */
  connect(): Promise<unknown>;
  /** Subscribes a listener to a channel. */
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>;
  /** Unsubscribes from a channel. */
  unsubscribe(channel: string): Promise<unknown>;
  /** Closes the connection once pending commands are answered. */
  close(): Promise<unknown>;
  /** Closes the connection at once. */
  destroy(): void;
  /** Listens for connection errors. */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Listens for readiness (after each reconnection too). */
  on(event: 'ready', listener: () => void): unknown;
  /** Called once when the connection is ready. */
  once(event: 'ready', listener: () => void): unknown;
  /** Stops listening for readiness. */
  off(event: 'ready', listener: () => void): unknown;
}

/** How the stores reach Redis: a URL, or a node-redis client of your own. */
export interface RedisConnectOptions {
  /** `redis://[[user]:password@]host[:port][/db]` (or `rediss://`). Ignored when `client` is given. */
  url?: string;
  /**
   * A node-redis client of your own for commands (it should be created with `disableOfflineQueue: true`
   * so that commands fail at once while Redis is down). It is not closed by `close()`; a duplicate of it
   * carries the subscriptions and is.
   */
  client?: RedisClientLike;
  /** Prefix of every key and channel, so several applications can share one Redis. Default `mcpwire:`. */
  prefix?: string;
}

/** A Lua script run by SHA (EVALSHA), loaded on first use and again after Redis lost its script cache. */
export class LuaScript {
  readonly sha: string;
  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }
}

type Listener = (message: string) => void;

/** How long operations issued before the first connection wait for it. */
const FIRST_CONNECT_WAIT_MS = 2000;

/** How long node-redis waits between reconnection attempts: 50 ms growing to 1 s. */
function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** retries, 1000);
}

export class RedisLink {
  readonly prefix: string;
  private readonly client: RedisClientLike;
  private readonly ownsClient: boolean;
  private subscriber: RedisSubscriberLike | undefined;
  private readonly channels = new Map<string, Set<Listener>>();
  private readonly reconnectListeners = new Set<() => void>();
  private lastError: Error | undefined;
  private firstConnect: Promise<void> | undefined;
  private subscriberFirstConnect: Promise<boolean> | undefined;
  private closed = false;

  constructor(options: RedisConnectOptions) {
    this.prefix = options.prefix ?? 'mcpwire:';
    if (options.client !== undefined) {
      this.client = options.client;
      this.ownsClient = false;
    } else {
      if (typeof options.url !== 'string' || options.url === '') {
        throw new ConfigError(
          `Redis store: expected options.url (redis://host:port) or options.client, received ${JSON.stringify(options.url)}`,
        );
      }
      this.client = createClient({
        url: options.url,
        disableOfflineQueue: true,
        socket: { reconnectStrategy: reconnectDelay, connectTimeout: 2000 },
      });
      this.ownsClient = true;
    }
    this.client.on('error', (error) => {
      // node-redis reports every failed reconnection here; remember it to name the cause, never throw.
      this.lastError = error;
    });
    // Connect now, in the background, so that a first request need not wait for a TCP handshake. While
    // Redis is away node-redis keeps trying; operations issued before the first connection wait for it a
    // little (FIRST_CONNECT_WAIT_MS), later ones fail at once.
    if (!this.client.isOpen) {
      this.client.connect().catch(() => undefined);
      this.firstConnect = whenReady(this.client, FIRST_CONNECT_WAIT_MS).then(() => {
        this.firstConnect = undefined;
      });
    }
  }

  /**
   * Resolves once the command connection is up. Operations never wait for Redis (they fail at once while
   * it is away); call this at startup to wait until it can be reached.
   */
  ready(): Promise<void> {
    if (this.client.isReady) return Promise.resolve();
    if (this.closed) return Promise.reject(this.unavailable(new Error('the store was closed')));
    return new Promise((resolve) => this.client.once('ready', resolve));
  }

  /** Runs one command; rejects with StoreUnavailableError when Redis cannot be reached. */
  send(args: readonly string[]): Promise<unknown> {
    if (!this.client.isReady) {
      if (this.firstConnect !== undefined && !this.closed)
        return this.firstConnect.then(() => this.send(args));
      const why = this.closed ? new Error('the store was closed') : undefined;
      return Promise.reject(this.unavailable(why));
    }
    return this.client.sendCommand(args).catch((error: unknown) => {
      throw this.isReplyError(error) ? error : this.unavailable(error);
    });
  }

  /** Runs a Lua script by SHA; loads it with EVAL when Redis does not know it (first use, or a restart). */
  async script(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await this.send(['EVALSHA', script.sha, ...tail]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.send(['EVAL', script.source, ...tail]);
    }
  }

  /** Publishes on a channel (named without the prefix). */
  publish(channel: string, message: string): Promise<unknown> {
    return this.send(['PUBLISH', this.prefix + channel, message]);
  }

  /**
   * Listens on a channel (named without the prefix). Every listener of a channel shares one Redis
   * subscription on the one subscriber connection. Resolves once Redis confirmed the subscription; the
   * returned function removes the listener (and the subscription with the last one).
   */
  async subscribe(channel: string, listener: Listener): Promise<() => Promise<void>> {
    let listeners = this.channels.get(channel);
    const first = listeners === undefined;
    if (listeners === undefined) {
      listeners = new Set();
      this.channels.set(channel, listeners);
    }
    listeners.add(listener);
    const remove = async (): Promise<void> => {
      const current = this.channels.get(channel);
      if (current === undefined || !current.delete(listener) || current.size > 0) return;
      this.channels.delete(channel);
      const subscriber = this.subscriber;
      if (subscriber?.isReady) await subscriber.unsubscribe(this.prefix + channel).catch(() => undefined);
    };
    if (first) {
      try {
        const subscriber = await this.subscriberConnection();
        await subscriber.subscribe(this.prefix + channel, (message) => this.dispatch(channel, message));
      } catch (error) {
        await remove();
        throw this.unavailable(error);
      }
    }
    return remove;
  }

  /**
   * Calls `listener` each time the subscriber connection is back after a loss: messages published while
   * it was away never arrive, and listeners that cannot miss any catch up from stored state. Returns the
   * function that removes the listener.
   */
  onResubscribed(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** Prefixes a key. */
  key(name: string): string {
    return this.prefix + name;
  }

  /** Closes the connections this link opened (not a client it was given). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.channels.clear();
    const closing: Promise<unknown>[] = [];
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber !== undefined) closing.push(closeClient(subscriber));
    if (this.ownsClient) closing.push(closeClient(this.client));
    await Promise.all(closing);
  }

  private dispatch(channel: string, message: string): void {
    const listeners = this.channels.get(channel);
    if (listeners === undefined) return;
    for (const listener of listeners) {
      try {
        listener(message);
      } catch {
        // One listener's failure must not stop the others, nor the subscriber connection.
      }
    }
  }

  private async subscriberConnection(): Promise<RedisSubscriberLike> {
    let subscriber = this.subscriber;
    if (subscriber === undefined) {
      subscriber = this.client.duplicate({ disableOfflineQueue: true });
      subscriber.on('error', (error) => {
        this.lastError = error;
      });
      let connections = 0;
      subscriber.on('ready', () => {
        // node-redis restores the subscriptions itself; what was published meanwhile is lost, so say so.
        if (++connections > 1) for (const listener of [...this.reconnectListeners]) listener();
      });
      this.subscriber = subscriber;
      subscriber.connect().catch(() => undefined);
    }
    if (subscriber.isReady) return subscriber;
    // Only the first connection is waited for (a little); a lost one fails at once, as commands do.
    this.subscriberFirstConnect ??= whenReady(subscriber, FIRST_CONNECT_WAIT_MS);
    if (!(await this.subscriberFirstConnect) || !subscriber.isReady) throw this.unavailable(undefined);
    return subscriber;
  }

  private isReplyError(error: unknown): boolean {
    // Redis answered (a script error, NOSCRIPT, WRONGTYPE): the store is up, the error is the caller's.
    return error instanceof ErrorReply;
  }

  private unavailable(cause: unknown): StoreUnavailableError {
    const reason = cause instanceof Error ? cause : this.lastError;
    const why = reason === undefined ? 'it is not connected' : reason.message;
    return new StoreUnavailableError(`Redis is unavailable: expected a connected Redis, but ${why}`, {
      cause: reason,
    });
  }
}

/** Resolves true once the client is ready, or false after `ms` (the timer never keeps the process alive). */
function whenReady(client: RedisClientLike | RedisSubscriberLike, ms: number): Promise<boolean> {
  if (client.isReady) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onReady = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, ms);
    timer.unref();
    client.once('ready', onReady);
  });
}

/** Closes gracefully when connected, else drops the socket and stops reconnecting. */
async function closeClient(client: RedisClientLike | RedisSubscriberLike): Promise<void> {
  if (!client.isOpen) return;
  if (client.isReady) {
    await client.close().catch(() => client.destroy());
    return;
  }
  client.destroy();
}
