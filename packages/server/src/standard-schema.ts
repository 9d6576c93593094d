/**
 * The Standard Schema interface (https://standardschema.dev, v1) that zod (3.24+ and 4), valibot, arktype
 * and others implement, and its Standard JSON Schema extension (`~standard.jsonSchema`, implemented by zod
 * 4.2+ and arktype, and by valibot through `toStandardJsonSchema` from `@valibot/to-json-schema`). Declared
 * here, as the specification intends, so that accepting any schema library needs no package.
 */

/** A validator of any Standard Schema library, producing `Output` from `Input`. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaProps<Input, Output>;
}

/** The `~standard` member of a Standard Schema: the library and its validate function. */
export interface StandardSchemaProps<Input = unknown, Output = Input> {
  readonly version: 1;
  /** The library, e.g. "zod", "valibot", "arktype". */
  readonly vendor: string;
  /** Validates a value: the parsed value, or the issues. */
  readonly validate: (
    value: unknown,
    options?: { readonly libraryOptions?: Record<string, unknown> | undefined } | undefined,
  ) => StandardResult<Output> | Promise<StandardResult<Output>>;
  /** Type-level only: what the schema accepts and produces. */
  readonly types?: { readonly input: Input; readonly output: Output } | undefined;
}

/** What a Standard Schema's validation gives: the value, or the issues. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> };

/** One problem a Standard Schema found, with where. */
export interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** Standard JSON Schema: the JSON Schema of what a schema accepts (`input`) or produces (`output`). */
export interface StandardJsonSchemaConverter {
  /** The JSON Schema of what the schema accepts. */
  readonly input: (options: StandardJsonSchemaOptions) => Record<string, unknown>;
  /** The JSON Schema of what the schema produces. */
  readonly output: (options: StandardJsonSchemaOptions) => Record<string, unknown>;
}

/** What a Standard JSON Schema converter is asked for. */
export interface StandardJsonSchemaOptions {
  /** The JSON Schema dialect wanted. */
  readonly target: 'draft-2020-12' | 'draft-07' | (string & {});
  readonly libraryOptions?: Record<string, unknown> | undefined;
}

/** What a Standard Schema produces. */
export type OutputOf<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output'];
/** What a Standard Schema accepts. */
export type InputOf<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['input'];

/** The `~standard` member of a value that implements Standard Schema, or undefined. */
export function standardProps(value: unknown): (StandardSchemaProps & { jsonSchema?: unknown }) | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  const props = (value as { '~standard'?: unknown })['~standard'];
  if (typeof props !== 'object' || props === null) return undefined;
  const candidate = props as StandardSchemaProps;
  return candidate.version === 1 && typeof candidate.validate === 'function' ? candidate : undefined;
}
