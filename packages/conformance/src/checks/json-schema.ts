/**
 * The small part of JSON Schema the runner needs: making arguments for a tool from its inputSchema, and
 * checking structuredContent against an outputSchema (type, properties, required, items, enum, const).
 * Keywords it does not understand are ignored, so it can only under-report, never invent a violation.
 */
import { isObject } from '../runner/context.js';

type Schema = Record<string, unknown>;

function typesOf(schema: Schema): string[] {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

/** A plausible value for a schema: default, const, first enum entry, or a minimal value of its type. */
export function sampleValue(schema: unknown, depth = 0): unknown {
  if (!isObject(schema) || depth > 6) return null;
  if ('default' in schema) return schema['default'];
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  const type = typesOf(schema)[0];
  switch (type) {
    case 'string':
      return 'test';
    case 'integer':
    case 'number':
      return typeof schema['minimum'] === 'number' ? schema['minimum'] : 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'null':
      return null;
    default:
      return sampleObject(schema, depth);
  }
}

/** Arguments with every required property filled in. */
export function sampleObject(schema: Schema, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  for (const name of required) {
    if (typeof name === 'string') out[name] = sampleValue(properties[name], depth + 1);
  }
  return out;
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return true;
  }
}

/** Violations of `schema` by `value`, as `path: expected …, received …` lines (at most 10). */
export function schemaViolations(schema: unknown, value: unknown, path = '$', out: string[] = []): string[] {
  if (!isObject(schema) || out.length >= 10) return out;
  const types = typesOf(schema);
  if (types.length > 0 && !types.some((t) => typeMatches(t, value))) {
    out.push(
      `${path}: expected ${types.join(' | ')}, received ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}`,
    );
    return out;
  }
  if (
    Array.isArray(schema['enum']) &&
    !schema['enum'].some((e) => JSON.stringify(e) === JSON.stringify(value))
  ) {
    out.push(`${path}: expected one of ${JSON.stringify(schema['enum'])}, received ${JSON.stringify(value)}`);
  }
  if ('const' in schema && JSON.stringify(schema['const']) !== JSON.stringify(value)) {
    out.push(`${path}: expected ${JSON.stringify(schema['const'])}, received ${JSON.stringify(value)}`);
  }
  if (isObject(value)) {
    const properties = isObject(schema['properties']) ? schema['properties'] : {};
    for (const name of Array.isArray(schema['required']) ? schema['required'] : []) {
      if (typeof name === 'string' && !(name in value))
        out.push(`${path}.${name}: expected a required property, received none`);
    }
    for (const [name, sub] of Object.entries(properties)) {
      if (name in value) schemaViolations(sub, value[name], `${path}.${name}`, out);
    }
  }
  if (Array.isArray(value) && isObject(schema['items'])) {
    for (let i = 0; i < value.length; i++) schemaViolations(schema['items'], value[i], `${path}[${i}]`, out);
  }
  return out;
}
