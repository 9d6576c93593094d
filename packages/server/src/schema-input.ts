/**
 * How a tool or prompt declares its arguments (and a tool its structured output): a schema of any Standard
 * Schema library (zod 3.25+/4, valibot, arktype, ...), a shape of such schemas (`{ text: z.string() }`), or
 * a plain JSON Schema object (passed to clients unchanged, and checked with core's small JSON Schema
 * validator). Library schemas are shown to clients as JSON Schema draft 2020-12 (2025-11-25 and later) or
 * draft-07 (older revisions), computed once per dialect.
 */
import {
  ConfigError,
  type JsonObject,
  type Revision,
  revisionAtLeast,
  validateJsonSchema,
} from '@mcpwire/core/runtime';
import { withoutProtoKeys } from './proto-keys.js';
import {
  type Dialect,
  jsonSchemaOf,
  needsZodConverter,
  zodConverterLoaded,
  zodConverterPending,
} from './schema-json.js';
import {
  type OutputOf,
  type StandardIssue,
  type StandardResult,
  type StandardSchemaProps,
  type StandardSchemaV1,
  standardProps,
} from './standard-schema.js';
import { zodFields, zodShapeMembers, zodTopType } from './zod-structure.js';

/** Fields by name, each a schema of any Standard Schema library: `{ name: z.string(), n: z.number().optional() }`. */
export type SchemaShape = { readonly [key: string]: StandardSchemaV1 };

/** A plain JSON Schema of an object: `{ type: 'object', properties: ... }`. */
export interface JsonSchemaObject {
  type: 'object';
  [key: string]: unknown;
}

/** A schema whose values are objects, as tool arguments and structured results are. */
export type ObjectSchema = StandardSchemaV1<unknown, { [key: string]: unknown }>;

/** What `inputSchema` and `outputSchema` accept. */
export type ArgumentsSchema = ObjectSchema | SchemaShape | JsonSchemaObject;

type Flat<T> = { [K in keyof T]: T[K] };
type ShapeOutput<S extends SchemaShape> = Flat<
  { [K in keyof S as undefined extends OutputOf<S[K]> ? never : K]: OutputOf<S[K]> } & {
    [K in keyof S as undefined extends OutputOf<S[K]> ? K : never]?: OutputOf<S[K]>;
  }
>;

/** The value a schema produces: the handler's arguments, or a tool's `structuredContent`. */
export type ArgsOf<S> = S extends StandardSchemaV1
  ? OutputOf<S>
  : S extends SchemaShape
    ? ShapeOutput<S>
    : { [key: string]: unknown };

/** One field that failed validation, for error messages that name the field. */
export interface FieldIssue {
  field: string;
  message: string;
}

export type ValidationOutcome = { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] };

interface ShapeMember {
  readonly name: string;
  readonly schema: StandardSchemaV1;
  readonly props: StandardSchemaProps;
}

const ROOT_ISSUE: FieldIssue[] = [{ field: '(root)', message: 'expected an object' }];

/** A normalized argument or output schema. */
export class DeclaredSchema {
  private readonly json: Partial<Record<Dialect, JsonObject>> = {};

  private constructor(
    private readonly role: string,
    private readonly io: 'input' | 'output',
    /** A library schema. */
    readonly standard: { schema: object; props: StandardSchemaProps } | undefined,
    /** A shape of library schemas. */
    private readonly members: readonly ShapeMember[] | undefined,
    /** A plain JSON Schema. */
    raw: JsonObject | undefined,
  ) {
    if (raw !== undefined) {
      this.json['draft-2020-12'] = raw;
      this.json['draft-07'] = raw;
    }
    this.usesZodConverter =
      standard !== undefined
        ? needsZodConverter(standard.schema, standard.props)
        : (members ?? []).some((member) => needsZodConverter(member.schema, member.props));
    if (this.usesZodConverter) void zodConverterPending();
  }

  /** Whether some part is a zod schema that needs zod's own converter (see schema-json.ts). */
  private readonly usesZodConverter: boolean;

  /** True while this schema's JSON Schema cannot be computed yet: zod's converter is loading. */
  private waitsForConverter(): boolean {
    return this.usesZodConverter && !zodConverterLoaded();
  }

  /** No declared schema: any object. */
  static readonly anyObject = new DeclaredSchema('(none)', 'input', undefined, [], undefined);

  /**
   * Normalizes a declared schema, refusing what clients could not use: anything that is not an object
   * schema (every revision requires `type: "object"` at the top of tool schemas).
   */
  static from(schema: unknown, role: string, io: 'input' | 'output'): DeclaredSchema {
    const props = standardProps(schema);
    let declared: DeclaredSchema;
    if (props !== undefined) {
      declared = new DeclaredSchema(role, io, { schema: schema as object, props }, undefined, undefined);
    } else if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
      throw new ConfigError(
        `${role}: expected a schema (zod, valibot, arktype or any Standard Schema), a shape of such schemas or a JSON Schema object, received ${schema === null ? 'null' : Array.isArray(schema) ? 'an array' : typeof schema}`,
      );
    } else if (typeof (schema as JsonObject).type === 'string') {
      declared = new DeclaredSchema(role, io, undefined, undefined, schema as JsonObject);
    } else {
      declared = new DeclaredSchema(role, io, undefined, shapeMembers(schema as JsonObject, role), undefined);
    }
    const type = declared.waitsForConverter()
      ? zodTopType(declared.standard?.schema)
      : declared.jsonSchema('2025-11-25').type;
    if (type !== 'object') {
      throw new ConfigError(
        `${role}: expected a schema of an object (tool arguments and structured results are JSON objects), received one of type ${JSON.stringify(type)}`,
      );
    }
    return declared;
  }

  /** The JSON Schema a client of `revision` sees. */
  jsonSchema(revision: Revision): JsonObject {
    const dialect: Dialect = revisionAtLeast(revision, '2025-11-25') ? 'draft-2020-12' : 'draft-07';
    let json = this.json[dialect];
    if (json === undefined) {
      json = this.members !== undefined ? this.shapeJson(dialect) : this.libraryJson(dialect);
      // A union of object schemas may leave out the top-level type that every revision requires.
      if (json.type === undefined) json.type = 'object';
      this.json[dialect] = json;
    }
    return json;
  }

  /** Checks a value; a library schema may also transform it (defaults, coercion). */
  validate(value: unknown): ValidationOutcome | Promise<ValidationOutcome> {
    if (this.standard !== undefined) {
      const result = this.standard.props.validate(value);
      return result instanceof Promise ? result.then(outcomeOf) : outcomeOf(result);
    }
    if (this.members !== undefined) return this.validateShape(value);
    // A plain JSON Schema checks without transforming: the handler gets the value as sent, except for
    // own `__proto__` keys, which are dropped as zod drops them (see proto-keys.ts).
    const clean = withoutProtoKeys(value);
    const issue = validateJsonSchema(this.json['draft-2020-12'], clean);
    if (issue === undefined) return { ok: true, value: clean };
    return { ok: false, issues: [{ field: pointerToField(issue.path), message: issue.message }] };
  }

  /** For prompts: the declared object's fields, with whether each is required and its description. */
  fields(): { name: string; required: boolean; description?: string }[] {
    if (this.waitsForConverter())
      return zodFields(this.members ?? zodShapeMembers(this.standard!.schema, this.role));
    const schema = this.jsonSchema('2025-11-25');
    const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    return Object.keys(properties).map((name) => {
      const description = properties[name]?.description;
      return typeof description === 'string'
        ? { name, required: required.has(name), description }
        : { name, required: required.has(name) };
    });
  }

  private libraryJson(dialect: Dialect): JsonObject {
    const { schema, props } = this.standard!;
    return jsonSchemaOf(schema, props, this.io, dialect, this.role);
  }

  /** `{ type: 'object', properties, required }` from the members' own JSON Schemas. */
  private shapeJson(dialect: Dialect): JsonObject {
    const properties: JsonObject = {};
    const required: string[] = [];
    let defs: JsonObject | undefined;
    for (const member of this.members!) {
      const {
        $schema: _dialect,
        $defs,
        definitions,
        ...property
      } = jsonSchemaOf(member.schema, member.props, this.io, dialect, `${this.role} field "${member.name}"`);
      properties[member.name] = property;
      if (!acceptsUndefined(member.props)) required.push(member.name);
      const memberDefs = ($defs ?? definitions) as JsonObject | undefined;
      if (memberDefs !== undefined) defs = mergeDefs(defs, memberDefs, this.role);
    }
    const json: JsonObject = { type: 'object', properties };
    if (required.length > 0) json.required = required;
    if (defs !== undefined) json[dialect === 'draft-07' ? 'definitions' : '$defs'] = defs;
    return json;
  }

  private validateShape(value: unknown): ValidationOutcome | Promise<ValidationOutcome> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, issues: ROOT_ISSUE };
    }
    const input = value as JsonObject;
    const output: JsonObject = {};
    const issues: FieldIssue[] = [];
    let pending: Promise<void>[] | undefined;
    for (const member of this.members!) {
      const result = member.props.validate(input[member.name]);
      if (result instanceof Promise) {
        pending ??= [];
        pending.push(result.then((settled) => settleMember(member.name, settled, input, output, issues)));
      } else {
        settleMember(member.name, result, input, output, issues);
      }
    }
    if (pending === undefined)
      return issues.length === 0 ? { ok: true, value: output } : { ok: false, issues };
    return Promise.all(pending).then(() =>
      issues.length === 0 ? { ok: true, value: output } : { ok: false, issues },
    );
  }
}

/** Records one shape member's outcome: its value (left out when absent and undefined) or its issues. */
function settleMember(
  name: string,
  result: StandardResult<unknown>,
  input: JsonObject,
  output: JsonObject,
  issues: FieldIssue[],
): void {
  if (result.issues !== undefined) {
    for (const issue of result.issues) issues.push(fieldIssue(issue, name));
  } else if (result.value !== undefined || name in input) {
    output[name] = result.value;
  }
}

function shapeMembers(shape: JsonObject, role: string): ShapeMember[] {
  return Object.keys(shape).map((name) => {
    const schema = shape[name];
    const props = standardProps(schema);
    if (props === undefined) {
      const keys = Object.keys(shape);
      throw new ConfigError(
        `${role}: expected a schema (zod, valibot, arktype or any Standard Schema), a shape whose every value is such a schema, or a JSON Schema object with "type"; received an object with keys ${keys.join(', ')} whose "${name}" is ${describe(schema)}`,
      );
    }
    return { name, schema: schema as StandardSchemaV1, props };
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'a plain object' : `a ${typeof value}`;
}

/** Whether a member may be left out: it accepts `undefined` (checked once, at registration). */
function acceptsUndefined(props: StandardSchemaProps): boolean {
  const result = props.validate(undefined);
  return !(result instanceof Promise) && result.issues === undefined;
}

function mergeDefs(into: JsonObject | undefined, defs: JsonObject, role: string): JsonObject {
  const merged = into ?? {};
  for (const [name, def] of Object.entries(defs)) {
    if (name in merged && JSON.stringify(merged[name]) !== JSON.stringify(def)) {
      throw new ConfigError(
        `${role}: expected the fields' JSON Schema definitions to have distinct names, received two different definitions named "${name}"`,
      );
    }
    merged[name] = def;
  }
  return merged;
}

function outcomeOf(result: StandardResult<unknown>): ValidationOutcome {
  if (result.issues === undefined) return { ok: true, value: result.value };
  return { ok: false, issues: result.issues.map((issue) => fieldIssue(issue, undefined)) };
}

function fieldIssue(issue: StandardIssue, prefix: string | undefined): FieldIssue {
  const segments = (issue.path ?? []).map((segment) =>
    String(typeof segment === 'object' && segment !== null ? segment.key : segment),
  );
  if (prefix !== undefined) segments.unshift(prefix);
  return { field: segments.length === 0 ? '(root)' : segments.join('.'), message: issue.message };
}

/** "/address/city" (the validator's JSON Pointer) → "address.city", the form library issues are named in. */
function pointerToField(pointer: string): string {
  return pointer === '' ? '(root)' : pointer.slice(1).replaceAll('/', '.');
}

/** "field `a`: Required; field `b.c`: Expected number, received string" */
export function describeFieldIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `field \`${issue.field}\`: ${issue.message}`).join('; ');
}
