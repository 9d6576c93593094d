/**
 * Every fixture in spec-fixtures/<revision>/ is validated twice, by ajv against the official JSON schema of its
 * revision and by @mcpwire/core, and both verdicts must equal the fixture's `valid`. The method list of each
 * revision is read from the official schema, and coverage is asserted against it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getMethodSpec, methodsOf, REVISIONS, type Revision, validateMessage } from '@mcpwire/core';
import Ajv07 from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

type Kind = 'request' | 'notification' | 'result' | 'error';
interface Fixture {
  name: string;
  revision: Revision;
  kind: Kind;
  method: string;
  valid: boolean;
  message: unknown;
  why?: string;
  spec: string;
}
type JsonSchema = Record<string, unknown>;
type Validate = ((data: unknown) => boolean) & { errors?: unknown };
interface AjvLike {
  addSchema(schema: JsonSchema, key: string): unknown;
  compile(schema: JsonSchema): Validate;
}

const fixturesDir = fileURLToPath(new URL('../spec-fixtures/', import.meta.url));

function loadFixtures(revision: Revision): Fixture[] {
  const dir = `${fixturesDir}${revision}/`;
  const out: Fixture[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const content: Fixture | Fixture[] = JSON.parse(readFileSync(dir + file, 'utf8'));
    out.push(...(Array.isArray(content) ? content : [content]));
  }
  return out;
}

/** ajv's packages are CJS: their default export may arrive wrapped, depending on the loader. */
function unwrap<T>(mod: T | { default: T }): T {
  return typeof mod === 'object' && mod !== null && 'default' in mod
    ? (mod as { default: T }).default
    : (mod as T);
}

interface Official {
  methods: Map<string, { kind: 'request' | 'notification'; def: string }>;
  validator(kind: Kind, method: string): Validate;
  message: Validate;
}

function loadOfficial(revision: Revision): Official {
  const doc = JSON.parse(readFileSync(`${fixturesDir}schemas/${revision}/schema.json`, 'utf8')) as JsonSchema;
  const draft2020 = revision >= '2025-11-25';
  const defsKey = draft2020 ? '$defs' : 'definitions';
  const defs = doc[defsKey] as Record<string, JsonSchema>;
  const AjvClass = draft2020 ? unwrap(Ajv2020) : unwrap(Ajv07);
  const ajv = new (AjvClass as unknown as new (o: object) => AjvLike)({ strict: false, allErrors: false });
  unwrap(addFormats)(ajv as never);
  ajv.addSchema(doc, 'mcp');
  const ref = (name: string) => ({ $ref: `mcp#/${defsKey}/${name}` });

  const methods: Official['methods'] = new Map();
  for (const [union, kind] of [
    ['ClientRequest', 'request'],
    ['ServerRequest', 'request'],
    ['ClientNotification', 'notification'],
    ['ServerNotification', 'notification'],
  ] as const) {
    const def = defs[union];
    if (def === undefined) continue;
    const names = Array.isArray(def['anyOf'])
      ? (def['anyOf'] as { $ref: string }[]).map((a) => a.$ref.split('/').pop() as string)
      : [union];
    for (const name of names) {
      const props = (defs[name] as JsonSchema)['properties'] as Record<string, { const: string }>;
      const method = (props['method'] as { const: string }).const;
      methods.set(method, { kind, def: name });
    }
  }

  const resultSchema = (method: string): JsonSchema => {
    const entry = methods.get(method);
    if (entry === undefined || entry.kind !== 'request') throw new Error(`${revision}: no request ${method}`);
    const base = entry.def.replace(/Request$/, '');
    // 2026-07-28 names the response of some methods, e.g. CallToolResultResponse (result may be input_required).
    if (defs[`${base}ResultResponse`])
      return { $ref: `mcp#/${defsKey}/${base}ResultResponse/properties/result` };
    const own = defs[`${base}Result`] ? ref(`${base}Result`) : ref('Result');
    // 2025-11-25: a task-augmented request is answered with CreateTaskResult (basic/utilities/tasks).
    if (
      revision === '2025-11-25' &&
      ['tools/call', 'sampling/createMessage', 'elicitation/create'].includes(method)
    ) {
      return { anyOf: [own, ref('CreateTaskResult')] };
    }
    return own;
  };

  const cache = new Map<string, Validate>();
  const validator = (kind: Kind, method: string): Validate => {
    const key = `${kind} ${method}`;
    let v = cache.get(key);
    if (v) return v;
    let schema: JsonSchema;
    if (kind === 'request' || kind === 'notification') {
      const entry = methods.get(method);
      if (entry === undefined) throw new Error(`${revision}: no ${kind} ${method}`);
      schema = {
        allOf: [ref(kind === 'request' ? 'JSONRPCRequest' : 'JSONRPCNotification'), ref(entry.def)],
      };
    } else if (kind === 'result') {
      // JSON-RPC 2.0 (and MCP basic/index): a response MUST NOT carry both result and error.
      schema = {
        allOf: [ref(draft2020 ? 'JSONRPCResultResponse' : 'JSONRPCResponse')],
        properties: { result: resultSchema(method) },
        not: { required: ['error'] },
      };
    } else {
      schema = {
        allOf: [ref(draft2020 ? 'JSONRPCErrorResponse' : 'JSONRPCError')],
        not: { required: ['result'] },
      };
    }
    v = ajv.compile(schema);
    cache.set(key, v);
    return v;
  };
  return { methods, validator, message: ajv.compile(ref('JSONRPCMessage')) };
}

function itemKind(item: unknown): Kind {
  const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  if ('method' in o) return 'id' in o ? 'request' : 'notification';
  return 'result' in o ? 'result' : 'error';
}

function officialVerdict(official: Official, f: Fixture): boolean {
  if (!Array.isArray(f.message)) return official.validator(f.kind, f.method).call(null, f.message);
  // A batch: the revision's JSONRPCMessage must accept the array, and every member its own method's schema.
  if (!official.message(f.message)) return false;
  return f.message.every((item: unknown) => {
    const kind = itemKind(item);
    const method =
      kind === 'request' || kind === 'notification' ? String((item as { method: unknown }).method) : f.method;
    return official.validator(kind, method)(item);
  });
}

function coreVerdict(f: Fixture) {
  if (Array.isArray(f.message)) return validateMessage(f.revision, f.message, { method: f.method });
  return validateMessage(f.revision, f.message, {
    kind: f.kind,
    ...(f.kind === 'result' ? { method: f.method } : {}),
  });
}

describe.each(REVISIONS.map((r) => [r]))('fixtures of %s', (revision) => {
  const fixtures = loadFixtures(revision);
  const official = loadOfficial(revision);

  it('are well-formed and belong to this revision', () => {
    expect(fixtures.length).toBeGreaterThan(40);
    for (const f of fixtures) {
      expect(f.revision, f.name).toBe(revision);
      expect(['request', 'notification', 'result', 'error'], f.name).toContain(f.kind);
      expect(typeof f.spec, f.name).toBe('string');
      if (!f.valid) expect(f.why, `${f.name} says why it is invalid`).toBeTruthy();
    }
  });

  it('the official JSON schema agrees with every fixture', () => {
    const disagreements = fixtures
      .filter((f) => officialVerdict(official, f) !== f.valid)
      .map((f) => `${f.name} (valid: ${f.valid})`);
    expect(disagreements).toEqual([]);
  });

  it('@mcpwire/core agrees with every fixture', () => {
    const disagreements = fixtures
      .map((f) => ({ f, verdict: coreVerdict(f) }))
      .filter(({ f, verdict }) => verdict.ok !== f.valid)
      .map(({ f, verdict }) => `${f.name} (valid: ${f.valid})${verdict.ok ? '' : `: ${verdict.error}`}`);
    expect(disagreements).toEqual([]);
  });

  it('core rejects invalid fixtures with an issue path and a message', () => {
    for (const f of fixtures.filter((x) => !x.valid)) {
      const verdict = coreVerdict(f);
      if (verdict.ok) continue; // reported by the agreement test
      expect(verdict.issues.length, f.name).toBeGreaterThan(0);
      for (const issue of verdict.issues) {
        expect(issue.path, f.name).not.toBe('');
        expect(issue.message, f.name).toMatch(/\w/);
      }
    }
  });

  it('core has exactly the methods of the official schema, with the same kinds', () => {
    const ours = new Map(methodsOf(revision).map((m) => [m.method, m.kind]));
    const theirs = new Map([...official.methods].map(([method, e]) => [method, e.kind]));
    expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(theirs));
    for (const [method, kind] of theirs) {
      const spec = getMethodSpec(revision, method);
      expect(spec?.kind, method).toBe(kind);
      expect(spec?.result === undefined, method).toBe(kind === 'notification');
    }
  });

  it('cover every method: a valid and an invalid message each, and a valid result per request', () => {
    const missing: string[] = [];
    for (const [method, { kind }] of official.methods) {
      const own = fixtures.filter((f) => f.method === method && f.kind === kind && !Array.isArray(f.message));
      if (!own.some((f) => f.valid)) missing.push(`${kind} ${method}: no valid fixture`);
      if (!own.some((f) => !f.valid)) missing.push(`${kind} ${method}: no invalid fixture`);
      if (
        kind === 'request' &&
        !fixtures.some((f) => f.method === method && f.kind === 'result' && f.valid)
      ) {
        missing.push(`${method}: no valid result fixture`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('include the JSON-RPC-level invalids', () => {
    const invalidNames = fixtures.filter((f) => !f.valid).map((f) => f.name);
    for (const needle of [
      'id null',
      'without jsonrpc',
      'jsonrpc 1.0',
      'both result and error',
      'params not an object',
    ]) {
      expect(
        invalidNames.some((n) => n.includes(needle)),
        needle,
      ).toBe(true);
    }
    const batches = fixtures.filter((f) => Array.isArray(f.message));
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.some((f) => f.valid)).toBe(revision === '2025-03-26');
  });
});
