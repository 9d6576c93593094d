import { getMethodSpec, LEGACY_REVISIONS } from '@mcpwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** The property every quick check must hold: what it accepts, the method's schema accepts too. */
function assertQuickImpliesSchema(
  revision: (typeof LEGACY_REVISIONS)[number],
  method: string,
  params: fc.Arbitrary<unknown>,
  numRuns: number,
): void {
  const spec = getMethodSpec(revision, method)!;
  expect(spec.quickAccept).toBeDefined();
  fc.assert(
    fc.property(params, (value) => {
      if (spec.quickAccept!(value)) expect(spec.params.safeParse(value).success).toBe(true);
    }),
    { numRuns },
  );
}

import { isQuickInitialize } from '../src/schemas/quick-initialize.js';

// Params as a client may send them: mostly the common shape, often with a twist the schema refuses.
const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string()));
const toolCallLike = fc.oneof(
  fc.record(
    { name: fc.oneof(fc.string(), value), arguments: fc.oneof(fc.dictionary(fc.string(), value), value) },
    { requiredKeys: [] },
  ),
  fc.record({ name: fc.string(), _meta: fc.oneof(fc.dictionary(fc.string(), value), value) }),
  fc.record({ name: fc.string(), task: fc.oneof(fc.record({ ttl: fc.integer() }), value) }),
  fc.jsonValue().map((json) => JSON.parse(JSON.stringify(json)) as unknown),
);

describe('quick acceptance of tools/call params', () => {
  it.each(LEGACY_REVISIONS)('accepts only what the %s schema accepts', (revision) => {
    assertQuickImpliesSchema(revision, 'tools/call', toolCallLike, 500);
  });

  it('accepts the common shape and leaves everything else to the schema', () => {
    const accept = getMethodSpec('2025-06-18', 'tools/call')!.quickAccept!;
    expect(accept(JSON.parse('{"name":"echo","arguments":{"text":"hi","__proto__":{}}}'))).toBe(true);
    expect(accept({ name: 'echo' })).toBe(true);
    expect(accept({ name: 'echo', arguments: [] })).toBe(false);
    expect(accept({ name: 'echo', _meta: { progressToken: 1 } })).toBe(false);
    expect(accept(JSON.parse('{"name":"echo","__proto__":{}}'))).toBe(false);
    expect(accept({ name: 1 })).toBe(false);
    expect(accept(Object.assign(Object.create({ inherited: true }), { name: 'echo' }))).toBe(false);
    expect(getMethodSpec('2026-07-28', 'tools/call')!.quickAccept).toBeUndefined();
  });
});

// initialize params as clients send them: each member usually right, sometimes wrong, sometimes absent, so
// that the quick check often says yes and every twist is tried against every schema.
const maybe = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary, weight: 16 },
    { arbitrary: value, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 3 },
  );
const rarely = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary, weight: 1 });
const anyObject = maybe(fc.dictionary(fc.string(), value, { maxKeys: 2 }));
const initializeLike = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        protocolVersion: maybe(fc.constantFrom(...LEGACY_REVISIONS)),
        capabilities: maybe(
          fc.record({
            roots: maybe(fc.record({ listChanged: maybe(fc.boolean()) })),
            sampling: maybe(fc.record({ context: anyObject, tools: anyObject })),
            elicitation: maybe(fc.record({ form: anyObject, url: anyObject })),
            experimental: maybe(fc.dictionary(fc.string(), anyObject, { maxKeys: 2 })),
            tasks: rarely(anyObject),
            other: rarely(value),
          }),
        ),
        clientInfo: maybe(
          fc.record({
            name: maybe(fc.string()),
            version: maybe(fc.string()),
            title: maybe(fc.string()),
            description: maybe(fc.string()),
            icons: rarely(value),
          }),
        ),
        _meta: rarely(anyObject),
      })
      // As JSON.parse gives them: absent members are left out, not undefined.
      .map((params) => JSON.parse(JSON.stringify(params)) as unknown),
  },
  { weight: 1, arbitrary: fc.jsonValue().map((json) => JSON.parse(JSON.stringify(json)) as unknown) },
);

describe('quick acceptance of initialize params before the schemas load', () => {
  it.each(LEGACY_REVISIONS)('accepts only what the %s schema accepts', (revision) => {
    expect(getMethodSpec(revision, 'initialize')!.quickAccept).toBe(isQuickInitialize);
    assertQuickImpliesSchema(revision, 'initialize', initializeLike, 2000);
  });

  it('accepts what real clients send and leaves the rest to the schemas', () => {
    const plain = {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'c', version: '1' },
    };
    expect(isQuickInitialize(plain)).toBe(true);
    expect(
      isQuickInitialize({
        ...plain,
        capabilities: {
          roots: { listChanged: true },
          sampling: {},
          elicitation: { form: {} },
          experimental: { x: {} },
        },
      }),
    ).toBe(true);
    expect(isQuickInitialize({ ...plain, _meta: {} })).toBe(false);
    expect(isQuickInitialize({ ...plain, capabilities: { tasks: {} } })).toBe(false);
    expect(isQuickInitialize({ ...plain, capabilities: { roots: { listChanged: 1 } } })).toBe(false);
    expect(isQuickInitialize({ ...plain, clientInfo: { name: 'c' } })).toBe(false);
    expect(
      isQuickInitialize(
        JSON.parse(
          '{"protocolVersion":"x","capabilities":{},"clientInfo":{"name":"c","version":"1","__proto__":{}}}',
        ),
      ),
    ).toBe(false);
  });
});

// List and empty params as clients send them, with twists the schemas may refuse.
const listLike = fc.oneof(
  fc.record({ cursor: fc.oneof(fc.string(), value) }, { requiredKeys: [] }),
  fc.record({ cursor: fc.string(), _meta: fc.oneof(fc.dictionary(fc.string(), value), value) }),
  fc.jsonValue().map((json) => JSON.parse(JSON.stringify(json)) as unknown),
);
const QUICK_METHODS = [
  'ping',
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'notifications/initialized',
] as const;

describe('quick acceptance of list and empty params', () => {
  for (const method of QUICK_METHODS) {
    it.each(LEGACY_REVISIONS)(`accepts only what the %s ${method} schema accepts`, (revision) => {
      assertQuickImpliesSchema(revision, method, listLike, 300);
    });
  }

  it('accepts {} and a string cursor, and nothing else', () => {
    const list = getMethodSpec('2025-06-18', 'tools/list')!.quickAccept!;
    expect(list({})).toBe(true);
    expect(list({ cursor: 'abc' })).toBe(true);
    expect(list({ cursor: 1 })).toBe(false);
    expect(list({ cursor: 'abc', _meta: {} })).toBe(false);
    const empty = getMethodSpec('2025-06-18', 'ping')!.quickAccept!;
    expect(empty({})).toBe(true);
    expect(empty({ _meta: {} })).toBe(false);
    expect(empty([])).toBe(false);
  });
});
