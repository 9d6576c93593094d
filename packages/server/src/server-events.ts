/**
 * Resource updates across processes. With a bus in the `store` option, `notifyResourceUpdated` publishes
 * the update and every process (this one too) tells its own connections: the 2026-07-28
 * subscriptions/listen streams it holds, and the legacy sessions it serves that subscribed to the URI.
 * A legacy session may be served by several processes at once (each holds a copy), so each copy first
 * claims the (update, session) pair in the store: one wins and sends, into the session's GET stream.
 */
import type { McpServerStore, ServerBusSubscription } from './server-store.js';

export const SERVER_EVENTS_CHANNEL = 'mcp/server/events';
/** How long a claim lives: longer than any delivery of one update takes. */
const CLAIM_TTL_MS = 60_000;

interface ResourceUpdated {
  t: 'resource-updated';
  /** Random per update. */
  id: string;
  uri: string;
}

/** Claims the right to send one update to one session; undefined without a shared store (always send). */
export type UpdateClaim = ((sessionId: string) => Promise<boolean>) | undefined;

export class ServerEvents {
  private subscription: Promise<ServerBusSubscription | undefined> | undefined;

  constructor(
    private readonly store: McpServerStore | undefined,
    /** Tells this process's connections. */
    private readonly deliver: (uri: string, claim: UpdateClaim) => void,
  ) {}

  /**
   * Listens for updates from other processes, from the first connection on. Undefined when there is
   * nothing to wait for (no bus, or listening already): connect() is on the stateless hot path.
   */
  listen(): Promise<unknown> | undefined {
    const bus = this.store?.bus;
    if (bus === undefined || this.subscription !== undefined) return undefined;
    this.subscription = Promise.resolve(
      bus.subscribe(SERVER_EVENTS_CHANNEL, (text) => this.received(text)),
    ).catch(() => {
      // The bus is away: try again at the next connection; meanwhile updates stay local.
      this.subscription = undefined;
      return undefined;
    });
    return this.subscription;
  }

  resourceUpdated(uri: string): void {
    const bus = this.store?.bus;
    if (bus === undefined) {
      this.deliver(uri, undefined);
      return;
    }
    const event: ResourceUpdated = { t: 'resource-updated', id: crypto.randomUUID(), uri };
    Promise.resolve(bus.publish(SERVER_EVENTS_CHANNEL, JSON.stringify(event))).catch(() => {
      // Other processes cannot be told: at least this one's connections hear it.
      this.deliver(uri, undefined);
    });
  }

  async close(): Promise<void> {
    const subscription = await this.subscription;
    this.subscription = undefined;
    await subscription?.unsubscribe();
  }

  private received(text: string): void {
    let event: ResourceUpdated;
    try {
      event = JSON.parse(text) as ResourceUpdated;
    } catch {
      return;
    }
    if (event?.t !== 'resource-updated' || typeof event.uri !== 'string' || typeof event.id !== 'string')
      return;
    const store = this.store!;
    const claim: UpdateClaim =
      store.claim === undefined
        ? undefined
        : async (sessionId) => {
            try {
              return await store.claim!(`resource-updated/${event.id}/${sessionId}`, CLAIM_TTL_MS);
            } catch {
              return false;
            }
          };
    this.deliver(event.uri, claim);
  }
}
