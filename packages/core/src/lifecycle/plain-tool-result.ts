/**
 * A check of the commonest tools/call result that allocates nothing: text blocks, an optional `isError`
 * and `structuredContent` object, and (2026-07-28) `resultType` and a `_meta` that names the server.
 *
 * Why: the zod schema of a result builds a copy of every object it checks. For a small result that is
 * over 800 bytes per call (1.6 KB in 2026-07-28), the largest allocation a client makes per round trip,
 * and at high call rates it pushes requests in flight into the old generation. Every value this check
 * accepts, the revision's CallToolResult schema accepts too (test/plain-tool-result.test.ts holds the two
 * together); anything else (other content types, annotations, other `_meta` keys) goes to the schema,
 * which also says what is wrong.
 */
import type { JsonObject } from '../jsonrpc/types.js';
import { META_SERVER_INFO } from './modern-meta.js';

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ type: 'text', text }` and nothing else. */
function isBareTextBlock(block: unknown): boolean {
  if (!isPlainObject(block) || block.type !== 'text' || typeof block.text !== 'string') return false;
  let keys = 0;
  for (const _ in block) keys++;
  return keys === 2;
}

/** `{ name, version }` strings and nothing else (an Implementation in every revision). */
function isBareImplementation(value: unknown): boolean {
  if (!isPlainObject(value) || typeof value.name !== 'string' || typeof value.version !== 'string')
    return false;
  let keys = 0;
  for (const _ in value) keys++;
  return keys === 2;
}

/** A `_meta` whose only member is the 2026-07-28 server identity. */
function isServerInfoMeta(meta: unknown): boolean {
  if (!isPlainObject(meta)) return false;
  for (const key in meta) if (key !== META_SERVER_INFO) return false;
  return isBareImplementation(meta[META_SERVER_INFO]);
}

/**
 * True when `result` is a tools/call result of the plain shape above, valid in every revision (`modern`:
 * 2026-07-28, where `resultType` is required and `_meta` may name the server).
 */
export function isPlainTextToolResult(result: JsonObject, modern: boolean): boolean {
  for (const key in result) {
    switch (key) {
      case 'content':
        break;
      case 'isError':
        if (typeof result.isError !== 'boolean') return false;
        break;
      case 'structuredContent':
        if (!isPlainObject(result.structuredContent)) return false;
        break;
      case 'resultType':
        if (!modern) return false;
        break;
      case '_meta':
        if (!modern || !isServerInfoMeta(result._meta)) return false;
        break;
      default:
        return false;
    }
  }
  if (modern && typeof result.resultType !== 'string') return false;
  const content = result.content;
  if (!Array.isArray(content)) return false;
  for (let i = 0; i < content.length; i++) if (!isBareTextBlock(content[i])) return false;
  return true;
}
