/**
 * A small JSON Schema validator for tool schemas (draft 2020-12 and draft-07 keywords that tools use): the
 * client checks structuredContent against a tool's outputSchema, the server checks the arguments and the
 * structuredContent of tools declared with a plain JSON Schema.
 *
 * Why not ajv: it is ~120 kB minified, compiles validators with `new Function` (refused under a strict CSP
 * and in some edge runtimes) and this package must stay runtime-neutral and light. Tool schemas are
 * simple in practice (objects of primitives, arrays, enums, unions), so a compiled tree of checks covers
 * them. Unknown keywords are ignored, as JSON Schema requires; `$ref` resolves local `#/...` pointers.
 *
 * Each schema is compiled once (cached per schema object), so regular expressions are built once, not per
 * validation.
 */

type Json = unknown;
type JsonSchemaObject = Record<string, unknown>;

/** The first problem found: where in the instance, and what was expected and received. */
export interface SchemaIssue {
  path: string;
  message: string;
}

type Check = (value: Json, path: string) => SchemaIssue | undefined;

const compiled = new WeakMap<object, Check>();

/** Validates `value` against `schema`; returns undefined when it conforms. */
export function validateJsonSchema(schema: unknown, value: unknown): SchemaIssue | undefined {
  if (typeof schema !== 'object' || schema === null) return compileSchema(schema, schema)(value, '');
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compileSchema(schema, schema);
    compiled.set(schema, check);
  }
  return check(value, '');
}

function describe(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : JSON.stringify(value);
  return typeof value;
}

function typeMatches(type: string, value: Json): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  const left = a as Record<string, Json>;
  const right = b as Record<string, Json>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => deepEqual(left[key], right[key]));
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as JsonSchemaObject)[key] : undefined;
  }
  return node;
}

function all(checks: Check[]): Check {
  if (checks.length === 0) return () => undefined;
  if (checks.length === 1) return checks[0]!;
  return (value, path) => {
    for (const check of checks) {
      const issue = check(value, path);
      if (issue !== undefined) return issue;
    }
    return undefined;
  };
}

function compileSchema(schema: unknown, root: unknown, depth = 0): Check {
  if (schema === true || schema === undefined) return () => undefined;
  if (schema === false)
    return (_v, path) => ({ path, message: 'expected nothing (false schema), received a value' });
  if (typeof schema !== 'object' || schema === null || depth > 64) return () => undefined;
  const s = schema as JsonSchemaObject;
  const checks: Check[] = [];

  if (typeof s.$ref === 'string') {
    const ref = s.$ref;
    let target: Check | undefined;
    // Resolved lazily so recursive schemas compile.
    checks.push((value, path) => {
      target ??= compileSchema(resolvePointer(root, ref), root, depth + 1);
      return target(value, path);
    });
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    const expected = types.join(' or ');
    checks.push((value, path) =>
      types.some((type) => typeMatches(type, value))
        ? undefined
        : { path, message: `expected ${expected}, received ${describe(value)}` },
    );
  }
  if (Array.isArray(s.enum)) {
    const options = s.enum as Json[];
    checks.push((value, path) =>
      options.some((option) => deepEqual(option, value))
        ? undefined
        : { path, message: `expected one of ${JSON.stringify(options)}, received ${describe(value)}` },
    );
  }
  if ('const' in s) {
    const constant = s.const;
    checks.push((value, path) =>
      deepEqual(constant, value)
        ? undefined
        : { path, message: `expected ${JSON.stringify(constant)}, received ${describe(value)}` },
    );
  }
  addNumberChecks(s, checks);
  addStringChecks(s, checks);
  addArrayChecks(s, checks, root, depth);
  addObjectChecks(s, checks, root, depth);
  addCompositionChecks(s, checks, root, depth);
  return all(checks);
}

function addNumberChecks(s: JsonSchemaObject, checks: Check[]): void {
  const bound = (key: string, fails: (value: number, limit: number) => boolean, words: string): void => {
    const limit = s[key];
    if (typeof limit !== 'number') return;
    checks.push((value, path) =>
      typeof value === 'number' && fails(value, limit)
        ? { path, message: `expected a number ${words} ${limit}, received ${value}` }
        : undefined,
    );
  };
  bound('minimum', (v, l) => v < l, '>=');
  bound('maximum', (v, l) => v > l, '<=');
  bound('exclusiveMinimum', (v, l) => v <= l, '>');
  bound('exclusiveMaximum', (v, l) => v >= l, '<');
  bound('multipleOf', (v, l) => l > 0 && Math.abs(v / l - Math.round(v / l)) > 1e-9, 'that is a multiple of');
}

function addStringChecks(s: JsonSchemaObject, checks: Check[]): void {
  if (typeof s.minLength === 'number') {
    const min = s.minLength;
    checks.push((value, path) =>
      typeof value === 'string' && [...value].length < min
        ? { path, message: `expected a string of at least ${min} characters, received ${value.length}` }
        : undefined,
    );
  }
  if (typeof s.maxLength === 'number') {
    const max = s.maxLength;
    checks.push((value, path) =>
      typeof value === 'string' && [...value].length > max
        ? { path, message: `expected a string of at most ${max} characters, received ${value.length}` }
        : undefined,
    );
  }
  if (typeof s.pattern === 'string') {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(s.pattern, 'u');
    } catch {
      pattern = undefined; // an invalid pattern constrains nothing we can check
    }
    const source = s.pattern;
    if (pattern !== undefined) {
      const compiledPattern = pattern;
      checks.push((value, path) =>
        typeof value === 'string' && !compiledPattern.test(value)
          ? { path, message: `expected a string matching /${source}/, received ${describe(value)}` }
          : undefined,
      );
    }
  }
}

function addArrayChecks(s: JsonSchemaObject, checks: Check[], root: unknown, depth: number): void {
  const prefix = Array.isArray(s.prefixItems)
    ? (s.prefixItems as unknown[]).map((item) => compileSchema(item, root, depth + 1))
    : [];
  // draft-07 tuple form: items is an array
  const tuple = Array.isArray(s.items)
    ? (s.items as unknown[]).map((item) => compileSchema(item, root, depth + 1))
    : prefix;
  const rest = Array.isArray(s.items) ? s.additionalItems : s.items;
  const restCheck = rest === undefined ? undefined : compileSchema(rest, root, depth + 1);
  const minItems = typeof s.minItems === 'number' ? s.minItems : undefined;
  const maxItems = typeof s.maxItems === 'number' ? s.maxItems : undefined;
  if (tuple.length === 0 && restCheck === undefined && minItems === undefined && maxItems === undefined)
    return;
  checks.push((value, path) => {
    if (!Array.isArray(value)) return undefined;
    if (minItems !== undefined && value.length < minItems)
      return { path, message: `expected at least ${minItems} items, received ${value.length}` };
    if (maxItems !== undefined && value.length > maxItems)
      return { path, message: `expected at most ${maxItems} items, received ${value.length}` };
    for (let i = 0; i < value.length; i++) {
      const check = i < tuple.length ? tuple[i] : restCheck;
      const issue = check?.(value[i], `${path}/${i}`);
      if (issue !== undefined) return issue;
    }
    return undefined;
  });
}

function addObjectChecks(s: JsonSchemaObject, checks: Check[], root: unknown, depth: number): void {
  const properties =
    typeof s.properties === 'object' && s.properties !== null ? (s.properties as JsonSchemaObject) : {};
  const propertyChecks = new Map<string, Check>();
  for (const [key, sub] of Object.entries(properties))
    propertyChecks.set(key, compileSchema(sub, root, depth + 1));
  const required = Array.isArray(s.required) ? (s.required as string[]) : [];
  const additional = s.additionalProperties;
  const additionalCheck =
    additional === undefined || additional === true ? undefined : compileSchema(additional, root, depth + 1);
  if (propertyChecks.size === 0 && required.length === 0 && additionalCheck === undefined) return;
  checks.push((value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const object = value as Record<string, Json>;
    for (const key of required) {
      if (!(key in object)) return { path, message: `expected required property "${key}", received none` };
    }
    for (const key in object) {
      const check = propertyChecks.get(key);
      if (check !== undefined) {
        const issue = check(object[key], `${path}/${key}`);
        if (issue !== undefined) return issue;
      } else if (additionalCheck !== undefined) {
        if (additional === false)
          return { path, message: `expected no additional properties, received "${key}"` };
        const issue = additionalCheck(object[key], `${path}/${key}`);
        if (issue !== undefined) return issue;
      }
    }
    return undefined;
  });
}

function addCompositionChecks(s: JsonSchemaObject, checks: Check[], root: unknown, depth: number): void {
  const list = (key: string): Check[] =>
    Array.isArray(s[key]) ? (s[key] as unknown[]).map((sub) => compileSchema(sub, root, depth + 1)) : [];
  const allOf = list('allOf');
  if (allOf.length > 0) checks.push(all(allOf));
  const anyOf = list('anyOf');
  if (anyOf.length > 0) {
    checks.push((value, path) =>
      anyOf.some((check) => check(value, path) === undefined)
        ? undefined
        : {
            path,
            message: `expected a value matching at least one anyOf branch, received ${describe(value)}`,
          },
    );
  }
  const oneOf = list('oneOf');
  if (oneOf.length > 0) {
    checks.push((value, path) => {
      const matches = oneOf.filter((check) => check(value, path) === undefined).length;
      return matches === 1
        ? undefined
        : {
            path,
            message: `expected a value matching exactly one oneOf branch, received one matching ${matches}`,
          };
    });
  }
  if (s.not !== undefined) {
    const not = compileSchema(s.not, root, depth + 1);
    checks.push((value, path) =>
      not(value, path) === undefined
        ? { path, message: `expected a value not matching the "not" schema, received ${describe(value)}` }
        : undefined,
    );
  }
}
