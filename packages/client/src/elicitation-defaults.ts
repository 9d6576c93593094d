/**
 * SEP-1034 (2025-11-25 client/elicitation §Requested Schema): every primitive in a form's requestedSchema may
 * carry a `default`. A client that supports defaults fills them in, so an accepted form whose user left a
 * field untouched still returns that field with its default value.
 */
import type { JsonObject } from '@mcpwire/core/runtime';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The form's default values, keyed by property (only properties that declare a `default`). */
export function formDefaults(requestedSchema: unknown): JsonObject {
  const defaults: JsonObject = {};
  if (!isObject(requestedSchema) || !isObject(requestedSchema.properties)) return defaults;
  for (const [key, property] of Object.entries(requestedSchema.properties)) {
    if (isObject(property) && property.default !== undefined) defaults[key] = property.default;
  }
  return defaults;
}

/** `content` with every missing field that has a default filled in; fields the user set are kept. */
export function applyFormDefaults(requestedSchema: unknown, content: JsonObject | undefined): JsonObject {
  const filled: JsonObject = { ...formDefaults(requestedSchema) };
  if (content !== undefined) {
    for (const [key, value] of Object.entries(content)) if (value !== undefined) filled[key] = value;
  }
  return filled;
}
