/**
 * Building zod schemas is most of core's import cost, and a connection uses one revision: each revision's
 * schemas are built on first use instead of at import.
 */

/** A value built on the first call and kept. */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/**
 * An object that reads like the one `build` returns (members, `in`, keys, spreading) and is built on the
 * first such use: the public per-revision namespaces (`Rev2025_11_25.CallToolResult`). Not for hot paths:
 * the engine reads the built objects directly.
 */
export function lazyObject<T extends object>(build: () => T): T {
  const target = once(build);
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // The proxy's own (empty) target stays extensible, so every member must be reported configurable.
      if (descriptor !== undefined) descriptor.configurable = true;
      return descriptor;
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
