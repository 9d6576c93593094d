/**
 * Turns `--arg k=v` pairs into tool arguments typed by the tool's input schema: numbers and integers
 * become numbers, booleans accept true/false/yes/no/1/0, objects and arrays are parsed as JSON, strings
 * stay as typed. `--args-json '{...}'` gives the whole object at once (and `--arg` values override it).
 */
import type { JsonObject, Tool } from '@mcpwire/core';
import { UsageError } from './args.js';
import { closestNames } from './suggest.js';

type PropertySchema = { type?: unknown; enum?: unknown[] };

const TRUE_WORDS = new Set(['true', 'yes', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', '0', 'off']);

function typesOf(schema: PropertySchema | undefined): string[] {
  if (schema === undefined) return [];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  return typeof schema.type === 'string' ? [schema.type] : [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function coerceArgument(
  tool: string,
  key: string,
  raw: string,
  schema: PropertySchema | undefined,
): unknown {
  const types = typesOf(schema);
  const where = `--arg ${key}=${raw}`;
  if (types.includes('string') || (types.length === 0 && Array.isArray(schema?.enum))) return raw;
  if (types.includes('integer') || types.includes('number')) {
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    if (Number.isFinite(value) && (types.includes('number') || Number.isInteger(value))) return value;
    if (!types.includes('boolean')) {
      const kind = types.includes('number') ? 'a number' : 'an integer';
      throw new UsageError(
        `${where}: expected ${kind} for "${key}" of tool ${tool}, received ${JSON.stringify(raw)}`,
      );
    }
  }
  if (types.includes('boolean')) {
    const word = raw.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    throw new UsageError(
      `${where}: expected true or false for "${key}" of tool ${tool}, received ${JSON.stringify(raw)}`,
    );
  }
  if (types.includes('object') || types.includes('array')) {
    const value = parseJson(raw);
    const wanted = types.includes('object') ? 'object' : 'array';
    const ok =
      wanted === 'array'
        ? Array.isArray(value)
        : typeof value === 'object' && value !== null && !Array.isArray(value);
    if (!ok)
      throw new UsageError(
        `${where}: expected JSON ${wanted === 'object' ? 'an object' : 'an array'} for "${key}" of tool ${tool}, received ${JSON.stringify(raw)}`,
      );
    return value;
  }
  if (types.includes('null') && raw === 'null') return null;
  // No usable schema: take JSON literals (numbers, booleans, objects) when the text is one, else the text.
  const value = parseJson(raw);
  return value === undefined ? raw : value;
}

export function buildToolArguments(
  tool: Tool,
  pairs: ReadonlyArray<{ key: string; value: string }>,
  argsJson: string | undefined,
): JsonObject {
  let args: JsonObject = {};
  if (argsJson !== undefined) {
    const parsed = parseJson(argsJson);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new UsageError(
        `--args-json: expected a JSON object such as '{"message":"hi"}', received ${JSON.stringify(argsJson)}`,
      );
    }
    args = parsed as JsonObject;
  }
  const schema = tool.inputSchema as {
    properties?: Record<string, PropertySchema>;
    additionalProperties?: unknown;
  };
  const properties = schema.properties ?? {};
  const known = Object.keys(properties);
  for (const { key, value } of pairs) {
    if (!(key in properties) && (schema.additionalProperties === false || known.length > 0)) {
      const close = closestNames(key, known);
      throw new UsageError(
        `--arg ${key}: tool ${tool.name} has no argument "${key}"; expected one of ${known.length === 0 ? '(none)' : known.join(', ')}${close.length > 0 ? `. Did you mean ${close.join(', ')}?` : ''}`,
      );
    }
    args[key] = coerceArgument(tool.name, key, value, properties[key]);
  }
  return args;
}

/** Names of required arguments that were not given (checked before calling, for a clearer message). */
export function missingRequired(tool: Tool, args: JsonObject): string[] {
  const required = (tool.inputSchema as { required?: unknown }).required;
  if (!Array.isArray(required)) return [];
  return required.filter((key): key is string => typeof key === 'string' && !(key in args));
}
