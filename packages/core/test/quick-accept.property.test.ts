import { getMethodSpec, LEGACY_REVISIONS } from '@mcpwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

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
    const spec = getMethodSpec(revision, 'tools/call')!;
    expect(spec.quickAccept).toBeDefined();
    fc.assert(
      fc.property(toolCallLike, (params) => {
        if (spec.quickAccept!(params)) expect(spec.params.safeParse(params).success).toBe(true);
      }),
      { numRuns: 500 },
    );
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
