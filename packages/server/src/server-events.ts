/**
 * Resource updates and list changes across processes. With a bus in the `store` option,
 * `notifyResourceUpdated` publishes the update and every process (this one too) tells its own
 * connections: the 2026-07-28 subscriptions/listen streams it holds, and the legacy sessions it serves
 * that subscribed to the URI. A change to the server's tool, prompt or resource lists (made once it
 * serves) is published too, with this server's origin id: the other processes tell their connections,
 * the changing one already told its own and ignores its publication. A legacy session may be served by
 * several processes at once (each holds a copy), so each copy first claims the (event, session) pair in
 * the store: one wins and sends, into the session's GET stream.
 */
import type { ListKind } from './registry.js';
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

interface ListsChanged {
  t: 'list-changed';
  /** The publishing server's origin id: it ignores its own publications. */
  o: string;
  /** Random per change. */
  id: string;
  k: ListKind[];
}

const LIST_KINDS: ReadonlySet<unknown> = new Set<ListKind>(['tools', 'prompts', 'resources']);

/** Claims the right to send one update to one session; undefined without a shared store (always send). */
export type UpdateClaim = ((sessionId: string) => Promise<boolean>) | undefined;

/** Tells this process's connections that lists changed (another process's change). */
export type ListsDelivery = (kinds: readonly ListKind[], id: string) => void;

export class ServerEvents {
  private subscription: Promise<ServerBusSubscription | undefined> | undefined;
  /**
   * Drawn on first use, not in the constructor: `new McpServer()` must work at a Worker's global scope,
   * where workerd refuses random values.
   */
  #origin: string | undefined;
  /** Set at the first connection: registrations before it are the server's setup, not changes. */
  private serving = false;

  constructor(
    private readonly store: McpServerStore | undefined,
    /** Tells this process's connections. */
    private readonly deliver: (uri: string, claim: UpdateClaim) => void,
    private readonly deliverLists: ListsDelivery,
  ) {}

  private get origin(): string {
    this.#origin ??= crypto.randomUUID();
    return this.#origin;
  }

  /**
   * Listens for updates from other processes, from the first connection on. Undefined when there is
   * nothing to wait for (no bus, or listening already): connect() is on the stateless hot path.
   */
  listen(): Promise<unknown> | undefined {
    const bus = this.store?.bus;
    if (bus === undefined || this.subscription !== undefined) return undefined;
    this.serving = true;
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

  /**
   * Publishes a change of this server's lists for the other processes; returns the change's id (for
   * claims), or undefined when nothing is published (no bus, or not serving yet).
   */
  listsChanged(kinds: Iterable<ListKind>): string | undefined {
    const bus = this.store?.bus;
    if (bus === undefined || !this.serving) return undefined;
    const event: ListsChanged = { t: 'list-changed', o: this.origin, id: crypto.randomUUID(), k: [...kinds] };
    // A failed publish only costs the other processes' clients this notice; ours were told locally.
    Promise.resolve(bus.publish(SERVER_EVENTS_CHANNEL, JSON.stringify(event))).catch(() => undefined);
    return event.id;
  }

  /** Whether list changes are published (so they matter even when this process has no connection). */
  get publishesLists(): boolean {
    return this.serving && this.store?.bus !== undefined;
  }

  /**
   * The claim of a batch of list changes (`ids`: the changes told together): a session's copy sends when
   * it wins any of them. Undefined without claims in the store, or without ids (nothing shared).
   */
  listsClaim(ids: readonly string[]): UpdateClaim {
    const store = this.store;
    if (store?.claim === undefined || ids.length === 0) return undefined;
    return async (sessionId) => {
      // A claim that fails (store away) counts as won: a second list_changed costs the client a re-list,
      // a missing one leaves it with a stale list.
      const won = await Promise.all(ids.map((id) => this.claimed(`list-changed/${id}/${sessionId}`, true)));
      return won.includes(true);
    };
  }

  private async claimed(key: string, onFailure = false): Promise<boolean> {
    try {
      return await this.store!.claim!(key, CLAIM_TTL_MS);
    } catch {
      return onFailure;
    }
  }

  async close(): Promise<void> {
    const subscription = await this.subscription;
    this.subscription = undefined;
    await subscription?.unsubscribe();
  }

  private received(text: string): void {
    let event: ResourceUpdated | ListsChanged;
    try {
      event = JSON.parse(text) as ResourceUpdated | ListsChanged;
    } catch {
      return;
    }
    if (typeof event?.id !== 'string') return;
    if (event.t === 'list-changed') {
      if (event.o === this.#origin || !Array.isArray(event.k)) return;
      const kinds = event.k.filter((kind) => LIST_KINDS.has(kind));
      if (kinds.length > 0) this.deliverLists(kinds, event.id);
      return;
    }
    if (event.t !== 'resource-updated' || typeof event.uri !== 'string') return;
    const id = event.id;
    const claim: UpdateClaim =
      this.store!.claim === undefined
        ? undefined
        : (sessionId) => this.claimed(`resource-updated/${id}/${sessionId}`);
    this.deliver(event.uri, claim);
  }
}
