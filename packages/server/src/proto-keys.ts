/**
 * Own `__proto__` keys in client-sent JSON. `JSON.parse` makes `{"__proto__": {...}}` an ordinary own
 * property, harmless until user code copies it with assignment (`Object.assign(target, args)`, a merge
 * loop): then it replaces the target's prototype. zod drops such keys from the objects it parses; values
 * checked against a plain JSON Schema are given to handlers the same way, without them.
 *
 * Iterative, not recursive: arguments may be nested far deeper than the call stack.
 */

const hasOwn = Object.prototype.hasOwnProperty;
const PROTO = '__proto__';

/** The value itself when no object in it has an own `__proto__` key (the usual case); else a copy without. */
export function withoutProtoKeys(value: unknown): unknown {
  return containsProtoKey(value) ? copyWithoutProtoKeys(value) : value;
}

function containsProtoKey(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) pending.push(item);
      continue;
    }
    if (hasOwn.call(value, PROTO)) return true;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) pending.push(item);
    }
  }
  return false;
}

function copyWithoutProtoKeys(root: unknown): unknown {
  const shell = (value: object): Record<string, unknown> | unknown[] => (Array.isArray(value) ? [] : {});
  if (typeof root !== 'object' || root === null) return root;
  const top = shell(root);
  // [source, its copy]: children are copied into the copy as they are reached.
  const pending: Array<[object, Record<string, unknown> | unknown[]]> = [[root, top]];
  while (pending.length > 0) {
    const [source, target] = pending.pop()!;
    for (const key of Object.keys(source)) {
      if (key === PROTO) continue;
      const item = (source as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) {
        const copy = shell(item);
        (target as Record<string, unknown>)[key] = copy;
        pending.push([item, copy]);
      } else {
        (target as Record<string, unknown>)[key] = item;
      }
    }
  }
  return top;
}
