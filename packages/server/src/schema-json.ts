/**
 * The JSON Schema that clients are shown for a user's schema, from any schema library: Standard JSON
 * Schema (`~standard.jsonSchema`: zod 4.2+, arktype, valibot through `toStandardJsonSchema`), or zod's own
 * converter for zod schemas that predate it (zod 4.0–4.1, and `zod/v4` under zod 3.25). Anything else
 * gets an error that says what to pass instead.
 */
import { ConfigError, type JsonObject } from '@mcpwire/core/runtime';
import type { $ZodType } from 'zod/v4/core';
import type { StandardJsonSchemaConverter, StandardSchemaProps } from './standard-schema.js';

type ZodConverter = (schema: $ZodType, options: object) => unknown;

// zod's own converter is loaded only for the zod schemas that need it, never at import: zod is most of a
// server's start-up cost, and a server whose schemas describe themselves (or are JSON Schema) never needs it.
let zodConverter: ZodConverter | undefined;
let zodConverterLoading: Promise<void> | undefined;

/** Whether this library schema needs zod's converter: zod 4.0–4.1 and `zod/v4` under zod 3.25. */
export function needsZodConverter(
  schema: object,
  props: StandardSchemaProps & { jsonSchema?: unknown },
): boolean {
  const converter = props.jsonSchema as StandardJsonSchemaConverter | undefined;
  return typeof converter?.input !== 'function' && props.vendor === 'zod' && '_zod' in schema;
}

/** Starts loading zod's converter, once; undefined when it is loaded. */
export function zodConverterPending(): Promise<void> | undefined {
  if (zodConverter !== undefined) return undefined;
  if (zodConverterLoading === undefined) {
    zodConverterLoading = import('zod/v4/core').then((zod) => {
      zodConverter = zod.toJSONSchema as ZodConverter;
    });
    // Whoever waits for it (connect, a list request) sees a failure; nobody else may be listening.
    zodConverterLoading.catch(() => {});
  }
  return zodConverterLoading;
}

/** The converter's load when one was started and has not finished: what connect and listing wait for. */
export function zodConverterInFlight(): Promise<void> | undefined {
  return zodConverter === undefined ? zodConverterLoading : undefined;
}

/** Whether zod's converter is loaded. */
export function zodConverterLoaded(): boolean {
  return zodConverter !== undefined;
}

/** Draft 2020-12 for 2025-11-25 and later (their default dialect), draft-07 for older revisions. */
export type Dialect = 'draft-2020-12' | 'draft-07';

/** zod renders types JSON Schema cannot express (dates, bigints, ...) as `{}` instead of throwing. */
const ZOD_OPTIONS = { unrepresentable: 'any' } as const;

export function jsonSchemaOf(
  schema: object,
  props: StandardSchemaProps & { jsonSchema?: unknown },
  io: 'input' | 'output',
  dialect: Dialect,
  role: string,
): JsonObject {
  const converter = props.jsonSchema as StandardJsonSchemaConverter | undefined;
  if (typeof converter?.[io] === 'function') {
    const libraryOptions = props.vendor === 'zod' ? ZOD_OPTIONS : undefined;
    return converter[io]({ target: dialect, libraryOptions }) as JsonObject;
  }
  if (props.vendor === 'zod' && '_zod' in schema) {
    if (zodConverter === undefined) {
      throw new ConfigError(
        `${role}: zod's JSON Schema converter is still loading (schemas of zod 4.0–4.1 and of zod/v4 under zod 3.25 need it): expected \`await server.connect(transport)\` before the schema is listed`,
      );
    }
    const target = dialect === 'draft-07' ? 'draft-7' : 'draft-2020-12';
    return zodConverter(schema as $ZodType, {
      target,
      io,
      ...ZOD_OPTIONS,
    }) as JsonObject;
  }
  throw new ConfigError(`${role}: ${missingJsonSchema(props.vendor)}`);
}

function missingJsonSchema(vendor: string): string {
  const expected = 'expected a schema that can describe itself as JSON Schema (Standard JSON Schema)';
  switch (vendor) {
    case 'zod':
      return `${expected}, received a zod 3 schema, which cannot: import { z } from 'zod/v4' (zod 3.25 and later) or upgrade to zod 4, or pass a JSON Schema object`;
    case 'valibot':
      return `${expected}, received a valibot schema without it: wrap it with toStandardJsonSchema() from '@valibot/to-json-schema', or pass a JSON Schema object`;
    default:
      return `${expected}, received a ${vendor} schema without ~standard.jsonSchema: pass a JSON Schema object, or a schema from a library that provides one (zod 4, arktype, valibot with @valibot/to-json-schema)`;
  }
}
