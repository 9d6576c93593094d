/**
 * What registration needs to know of a zod 4.0–4.1 (or `zod/v4` under zod 3.25) schema while zod's JSON
 * Schema converter is still loading (see schema-json.ts): its top-level type, and an object's fields. Read
 * from the definition zod 4 keeps on every schema (`_zod.def`); the JSON Schema itself is computed once the
 * converter is loaded, before anything is listed.
 */
import { ConfigError } from '@mcpwire/core/runtime';
import { type StandardSchemaV1, standardProps } from './standard-schema.js';

interface ZodDefinition {
  readonly type?: unknown;
  readonly shape?: Record<string, unknown>;
}

/** zod definition types that are never objects: refused as tool and prompt argument schemas. */
const NOT_OBJECTS: ReadonlySet<unknown> = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'bigint',
  'symbol',
  'null',
  'undefined',
  'void',
  'never',
  'nan',
  'date',
  'array',
  'tuple',
  'literal',
  'enum',
  'template_literal',
  'file',
  'set',
  'map',
]);

function definitionOf(schema: unknown): ZodDefinition | undefined {
  return (schema as { _zod?: { def?: ZodDefinition } } | undefined)?._zod?.def;
}

/**
 * The top-level JSON type as far as the definition tells: a type name for what is certainly not an
 * object, else 'object' (unions, pipes and the like are checked when the JSON Schema is computed).
 */
export function zodTopType(schema: unknown): unknown {
  const type = definitionOf(schema)?.type;
  return NOT_OBJECTS.has(type) ? type : 'object';
}

interface Member {
  readonly name: string;
  readonly schema: StandardSchemaV1;
}

/** The members of a zod object schema, for prompt arguments declared with one. */
export function zodShapeMembers(schema: object, role: string): Member[] {
  const shape = definitionOf(schema)?.shape;
  if (shape === undefined) {
    throw new ConfigError(
      `${role}: expected z.object({...}) or a shape of schemas for prompt arguments with zod 4.0–4.1 (or zod/v4 under zod 3.25), received a zod ${String(definitionOf(schema)?.type)} schema`,
    );
  }
  return Object.keys(shape).map((name) => ({ name, schema: shape[name] as StandardSchemaV1 }));
}

/** Each member's name, whether it must be given (it refuses undefined) and its description. */
export function zodFields(
  members: readonly Member[],
): { name: string; required: boolean; description?: string }[] {
  return members.map((member) => {
    const props = standardProps(member.schema);
    const result = props?.validate(undefined);
    const required = result === undefined || result instanceof Promise || result.issues !== undefined;
    const description = (member.schema as { description?: unknown }).description;
    return typeof description === 'string'
      ? { name: member.name, required, description }
      : { name: member.name, required };
  });
}
