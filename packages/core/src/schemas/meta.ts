/**
 * `_meta` key rules (basic/index §_meta, from 2025-06-18 on). A key is an optional prefix (dot-separated
 * labels followed by `/`) and a name. The official JSON schema cannot express this, so only zod enforces it.
 */
import type { z } from 'zod';

const LABEL = '[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const NAME = '(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)?';
// Compiled once: validation runs on every `_meta` object of every message.
const META_KEY = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*/)?${NAME}$`);

/** True when `key` is a syntactically valid `_meta` key (prefix and name rules). */
export function isValidMetaKey(key: string): boolean {
  return META_KEY.test(key);
}

/**
 * True when the key's prefix is reserved for MCP. 2025-06-18 and 2025-11-25 reserve any prefix whose labels
 * contain `modelcontextprotocol` or `mcp` followed by another label (`tools.mcp.com/`); 2026-07-28 narrows this
 * to prefixes whose second label is `modelcontextprotocol` or `mcp` (`io.modelcontextprotocol/`, `com.mcp.tools/`).
 */
export function isReservedMetaKey(key: string, revision: string = '2026-07-28'): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const labels = key.slice(0, slash).split('.');
  if (revision >= '2026-07-28') {
    const second = labels[1];
    return second === 'modelcontextprotocol' || second === 'mcp';
  }
  for (let i = 0; i < labels.length - 1; i++) {
    if (labels[i] === 'modelcontextprotocol' || labels[i] === 'mcp') return true;
  }
  return false;
}

function checkMetaKeys(value: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  for (const key in value) {
    if (!META_KEY.test(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `expected a _meta key of the form [prefix/]name (prefix labels start with a letter; name starts and ends alphanumeric), received ${JSON.stringify(key)}`,
      });
    }
  }
}

/** Adds the `_meta` key syntax rule to an object schema (revisions 2025-06-18 and later). */
export function withMetaKeyRules<T extends z.ZodType<Record<string, unknown>>>(schema: T): T {
  return schema.superRefine(checkMetaKeys) as unknown as T;
}
