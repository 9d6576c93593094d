/**
 * The JSON Schema that clients are shown for a user's schema, from any schema library: Standard JSON
 * Schema (`~standard.jsonSchema`: zod 4.2+, arktype, valibot through `toStandardJsonSchema`), or zod's own
 * converter for zod schemas that predate it (zod 4.0–4.1, and `zod/v4` under zod 3.25). Anything else
 * gets an error that says what to pass instead.
 */
import { ConfigError, type JsonObject } from '@mcpwire/core';
import { type $ZodType, toJSONSchema } from 'zod/v4/core';
import type { StandardJsonSchemaConverter, StandardSchemaProps } from './standard-schema.js';

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
    const target = dialect === 'draft-07' ? 'draft-7' : 'draft-2020-12';
    return toJSONSchema(schema as $ZodType, {
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
