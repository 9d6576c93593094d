/**
 * How a tool or prompt declares its arguments: a zod object, a raw zod shape (`{ text: z.string() }`), or a
 * plain JSON Schema object (passed through unchanged to clients, and checked with core's small JSON Schema
 * validator, which reports the first failing field). zod schemas are emitted as JSON Schema draft 2020-12 (2025-11-25 and later) or
 * draft-07 (older revisions, which predate the 2020-12 default), computed once per dialect and cached.
 */
import { type JsonObject, type Revision, revisionAtLeast, validateJsonSchema } from '@mcpwire/core';
import { z } from 'zod';
import { withoutProtoKeys } from './proto-keys.js';

/** A raw zod shape: `{ name: z.string(), count: z.number().optional() }`. */
export type ZodShape = Record<string, z.ZodType>;

/** A JSON Schema object for a tool's input: `{ type: 'object', properties: ... }`. */
export interface JsonSchemaObject {
  type: 'object';
  [key: string]: unknown;
}

export type ArgumentsSchema = z.ZodType | ZodShape | JsonSchemaObject;

/** The handler's argument type for a schema: inferred from zod, a plain record for JSON Schema. */
export type ArgsOf<S> = S extends z.ZodType
  ? z.output<S>
  : S extends ZodShape
    ? { [K in keyof S]: z.output<S[K]> }
    : Record<string, unknown>;

export function isZodSchema(value: unknown): value is z.ZodType {
  return value instanceof z.ZodType;
}

function isZodShape(value: object): value is ZodShape {
  const values = Object.values(value);
  return values.length > 0 && values.every(isZodSchema);
}

/** One field that failed validation, for error messages that name the field. */
export interface FieldIssue {
  field: string;
  message: string;
}

export type ValidationOutcome = { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] };

/** A normalized argument or output schema. */
export class DeclaredSchema {
  private readonly zod: z.ZodType | undefined;
  private readonly raw: JsonObject | undefined;
  private modern: JsonObject | undefined;
  private draft7: JsonObject | undefined;

  private constructor(zod: z.ZodType | undefined, raw: JsonObject | undefined) {
    this.zod = zod;
    this.raw = raw;
  }

  static from(schema: ArgumentsSchema | undefined, role: string): DeclaredSchema {
    if (schema === undefined) return new DeclaredSchema(z.object({}).loose(), undefined);
    if (isZodSchema(schema)) return new DeclaredSchema(schema, undefined);
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
      throw new TypeError(
        `${role}: expected a zod schema, a zod shape or a JSON Schema object, received ${typeof schema}`,
      );
    }
    if ('type' in schema && typeof (schema as JsonObject).type === 'string') {
      return new DeclaredSchema(undefined, schema as JsonObject);
    }
    if (Object.keys(schema).length === 0) return new DeclaredSchema(z.object({}), undefined);
    if (isZodShape(schema)) return new DeclaredSchema(z.object(schema), undefined);
    throw new TypeError(
      `${role}: expected a zod schema, a zod shape (every value a zod type) or a JSON Schema with "type", received an object with keys ${Object.keys(schema).join(', ')}`,
    );
  }

  /** The JSON Schema a client of `revision` sees. */
  jsonSchema(revision: Revision, io: 'input' | 'output'): JsonObject {
    if (this.raw !== undefined) return this.raw;
    if (revisionAtLeast(revision, '2025-11-25')) {
      this.modern ??= emit(this.zod!, 'draft-2020-12', io);
      return this.modern;
    }
    this.draft7 ??= emit(this.zod!, 'draft-7', io);
    return this.draft7;
  }

  validate(value: unknown): ValidationOutcome {
    if (this.zod === undefined) {
      // A plain JSON Schema checks without transforming: the handler gets the value as sent, except for
      // own `__proto__` keys, which are dropped as zod drops them (see proto-keys.ts).
      const clean = withoutProtoKeys(value);
      const issue = validateJsonSchema(this.raw, clean);
      if (issue === undefined) return { ok: true, value: clean };
      return { ok: false, issues: [{ field: pointerToField(issue.path), message: issue.message }] };
    }
    const outcome = this.zod.safeParse(value);
    if (outcome.success) return { ok: true, value: outcome.data };
    return {
      ok: false,
      issues: outcome.error.issues.map((issue) => ({
        field: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }

  /** For prompts: the declared object's fields, with whether each is required and its description. */
  fields(): { name: string; required: boolean; description?: string }[] {
    const schema = this.zod !== undefined ? this.jsonSchema('2025-11-25', 'input') : this.raw!;
    const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    return Object.keys(properties).map((name) => {
      const description = properties[name]?.description;
      return typeof description === 'string'
        ? { name, required: required.has(name), description }
        : { name, required: required.has(name) };
    });
  }
}

function emit(schema: z.ZodType, target: 'draft-2020-12' | 'draft-7', io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { target, io, unrepresentable: 'any' }) as JsonObject;
  // Every revision requires an object schema at the top of a tool's inputSchema/outputSchema.
  if (json.type === undefined) json.type = 'object';
  return json;
}

/** "/address/city" (the validator's JSON Pointer) → "address.city", the form zod issues are named in. */
function pointerToField(pointer: string): string {
  return pointer === '' ? '(root)' : pointer.slice(1).replaceAll('/', '.');
}

/** "field `a`: Required; field `b.c`: Expected number, received string" */
export function describeFieldIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `field \`${issue.field}\`: ${issue.message}`).join('; ');
}
