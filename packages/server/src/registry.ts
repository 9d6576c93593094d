/**
 * An ordered registry of named entries (tools, prompts, resources, templates) with enable/disable, update
 * and remove, that tells the server when its listing changed so list_changed can go to live connections.
 * The enabled entries are kept as an array snapshot, rebuilt only on change, so listing costs nothing.
 */
import { ConfigError } from '@mcpwire/core/runtime';

/** A list clients can be told changed. */
export type ListKind = 'tools' | 'prompts' | 'resources';

/** What `server.tool(...)`, `server.prompt(...)` and `server.resource(...)` return. */
export interface RegisteredHandle<C> {
  readonly name: string;
  readonly enabled: boolean;
  /** Replaces parts of the definition (and the handler, when given); clients are told the list changed. */
  update(changes: Partial<C>): void;
  /** Lists and serves it again. */
  enable(): void;
  /** Hides it from lists and refuses it as unknown, until enabled. */
  disable(): void;
  /** Removes it for good. */
  remove(): void;
}

interface Slot<E> {
  entry: E;
  enabled: boolean;
}

export class Registry<E> {
  private readonly slots = new Map<string, Slot<E>>();
  private snapshot: E[] | undefined;

  constructor(
    private readonly what: string,
    private readonly kind: ListKind,
    private readonly changed: (kind: ListKind) => void,
  ) {}

  get size(): number {
    return this.slots.size;
  }

  add(name: string, entry: E): Slot<E> {
    if (this.slots.has(name)) {
      throw new ConfigError(
        `Cannot register ${this.what} "${name}": expected a new name, received one already registered (use the handle's update() to change it)`,
      );
    }
    const slot = { entry, enabled: true };
    this.slots.set(name, slot);
    this.touch();
    return slot;
  }

  /** The enabled entry with this name. */
  get(name: string): E | undefined {
    const slot = this.slots.get(name);
    return slot?.enabled ? slot.entry : undefined;
  }

  /** Enabled entries in registration order (a shared array: do not mutate). */
  list(): readonly E[] {
    if (this.snapshot === undefined) {
      this.snapshot = [];
      for (const slot of this.slots.values()) if (slot.enabled) this.snapshot.push(slot.entry);
    }
    return this.snapshot;
  }

  handle<C>(name: string, slot: Slot<E>, apply: (entry: E, changes: Partial<C>) => E): RegisteredHandle<C> {
    const registry = this;
    const live = (): boolean => registry.slots.get(name) === slot;
    return {
      name,
      get enabled() {
        return live() && slot.enabled;
      },
      update(changes) {
        if (!live()) registry.gone(name, 'update');
        slot.entry = apply(slot.entry, changes);
        registry.touch();
      },
      enable() {
        if (!live()) registry.gone(name, 'enable');
        if (slot.enabled) return;
        slot.enabled = true;
        registry.touch();
      },
      disable() {
        if (!live()) registry.gone(name, 'disable');
        if (!slot.enabled) return;
        slot.enabled = false;
        registry.touch();
      },
      remove() {
        if (!live()) return;
        registry.slots.delete(name);
        registry.touch();
      },
    };
  }

  private gone(name: string, action: string): never {
    throw new ConfigError(
      `Cannot ${action} ${this.what} "${name}": expected a registered one, but it was removed`,
    );
  }

  private touch(): void {
    this.snapshot = undefined;
    this.changed(this.kind);
  }
}
