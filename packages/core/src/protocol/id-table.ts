/**
 * A table of requests in flight, by request id: what the engine (incoming requests) and the stdio server
 * (requests not answered yet) look up on every message.
 *
 * Why not a Map: a Map whose size swings between 0 and the number of requests in flight, thousands of times
 * a second, rebuilds its hash table again and again (it grows, compacts its deleted entries and shrinks).
 * A replaced table is garbage that still points at the requests it held; once it has reached the old
 * generation it keeps them alive through every scavenge until the next full collection, so each request's
 * objects are promoted instead of dying young (profiled: a third of all promoted bytes came from such
 * tables, and most of the rest were the request objects they held). Here the arrays are reused for as long
 * as the number in flight fits, and a deleted slot is cleared at once (linear probing with backward-shift
 * deletion: no tombstones, so no periodic rebuild).
 */
import type { RequestId } from '../jsonrpc/types.js';

const INITIAL_CAPACITY = 16;
/** Past this, an emptied table goes back to the initial size (a burst does not pin its memory). */
const IDLE_CAPACITY_LIMIT = 1024;
/** The arrays of a table that holds nothing (shared; never written: `set` allocates first). */
const EMPTY: never[] = [];

export class RequestIdTable<V> {
  // No arrays until the first request: an idle connection (an HTTP session) keeps only this object.
  #keys: Array<RequestId | undefined> = EMPTY;
  #values: Array<V | undefined> = EMPTY;
  #mask = 0;
  #size = 0;
  /** Per table, so that ids chosen to collide on one server do not collide on another. */
  readonly #seed = (Math.random() * 0x7fffffff) | 0;

  get size(): number {
    return this.#size;
  }

  get(id: RequestId): V | undefined {
    const index = this.#find(id);
    return index < 0 ? undefined : this.#values[index];
  }

  has(id: RequestId): boolean {
    return this.#find(id) >= 0;
  }

  set(id: RequestId, value: V): void {
    if (this.#keys === EMPTY) this.#allocate(INITIAL_CAPACITY);
    const keys = this.#keys;
    const mask = this.#mask;
    let index = this.#home(id);
    for (;;) {
      const key = keys[index];
      if (key === undefined) break;
      if (key === id) {
        this.#values[index] = value;
        return;
      }
      index = (index + 1) & mask;
    }
    keys[index] = id;
    this.#values[index] = value;
    this.#size++;
    if (this.#size * 2 > keys.length) this.#rebuild(keys.length * 2);
  }

  delete(id: RequestId): boolean {
    let hole = this.#find(id);
    if (hole < 0) return false;
    const keys = this.#keys;
    const values = this.#values;
    const mask = this.#mask;
    // Backward shift: move later members of the probe run into the hole when their home allows it.
    let index = hole;
    for (;;) {
      index = (index + 1) & mask;
      const key = keys[index];
      if (key === undefined) break;
      const home = this.#home(key);
      // The member at `index` may fill `hole` unless its home lies cyclically in (hole, index].
      const fits = hole <= index ? home <= hole || home > index : home <= hole && home > index;
      if (fits) {
        keys[hole] = key;
        values[hole] = values[index];
        hole = index;
      }
    }
    keys[hole] = undefined;
    values[hole] = undefined;
    this.#size--;
    if (this.#size === 0 && keys.length > IDLE_CAPACITY_LIMIT) this.clear();
    return true;
  }

  /** A snapshot of the values (for closing: the table may change while they are handled). */
  values(): V[] {
    const out: V[] = [];
    const keys = this.#keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== undefined) out.push(this.#values[i] as V);
    return out;
  }

  clear(): void {
    this.#keys = EMPTY;
    this.#values = EMPTY;
    this.#mask = 0;
    this.#size = 0;
  }

  #find(id: RequestId): number {
    if (this.#size === 0) return -1;
    const keys = this.#keys;
    const mask = this.#mask;
    let index = this.#home(id);
    for (;;) {
      const key = keys[index];
      if (key === undefined) return -1;
      if (key === id) return index;
      index = (index + 1) & mask;
    }
  }

  #home(id: RequestId): number {
    let hash: number;
    if (typeof id === 'number' && (id | 0) === id) {
      hash = Math.imul(id ^ this.#seed, 0x45d9f3b);
    } else {
      const text = typeof id === 'number' ? `#${id}` : id;
      hash = 0x811c9dc5 ^ this.#seed;
      for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    }
    hash ^= hash >>> 15;
    return hash & this.#mask;
  }

  #allocate(capacity: number): void {
    this.#keys = new Array<RequestId | undefined>(capacity).fill(undefined);
    this.#values = new Array<V | undefined>(capacity).fill(undefined);
    this.#mask = capacity - 1;
    this.#size = 0;
  }

  #rebuild(capacity: number): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#allocate(capacity);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key !== undefined) this.set(key, values[i] as V);
    }
  }
}
