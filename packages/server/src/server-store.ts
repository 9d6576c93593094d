/**
 * What McpServer needs to act as one server across several processes (the `store` option), e.g.
 * `redisStore(...)` from @mcpwire/redis, which also carries the HTTP handlers' session records. Every
 * member is optional: without a store McpServer keeps tasks in memory and tells only its own connections.
 * Runtime-neutral: no Node imports.
 */
import type { TaskStore } from './task-store.js';

/** A subscription to a bus channel. */
export interface ServerBusSubscription {
  /** Stops delivery to this subscription. */
  unsubscribe(): void | Promise<void>;
}

/** Publish/subscribe of strings on named channels (the MessageBus of @mcpwire/transports fits). */
export interface ServerBus {
  /** Publishes a message on a channel. */
  publish(channel: string, message: string): void | Promise<void>;
  /** Subscribes a listener to a channel. */
  subscribe(
    channel: string,
    listener: (message: string) => void,
  ): ServerBusSubscription | Promise<ServerBusSubscription>;
}

/** State an McpServer shares with its other processes: tasks, a bus, and claims (the `store` option). */
export interface McpServerStore {
  /** 2025-11-25 tasks. Default: a memory store per McpServer. */
  readonly tasks?: TaskStore;
  /**
   * Cross-process events: `notifyResourceUpdated` called in any process, and a change to the tool, prompt
   * or resource lists once the server serves, reach the legacy sessions and 2026-07-28
   * subscriptions/listen streams served by every process.
   */
  readonly bus?: ServerBus;
  /**
   * True for exactly one caller of `key` among all processes (within `ttlMs`). With `bus`, a resource
   * update or list change reaches each legacy session once although every process serving it hears it.
   */
  claim?(key: string, ttlMs: number): boolean | Promise<boolean>;
}
