import type { RequestId } from '@mcpwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestIdTable } from '../src/protocol/id-table.js';

// Few distinct ids, so that sets, deletes and lookups hit the same ids (and their probe runs) often.
const id: fc.Arbitrary<RequestId> = fc.oneof(
  fc.integer({ min: -3, max: 40 }),
  fc.constantFrom('1', '7', '0042', 'a', 'b', '', 'x'.repeat(40)),
  fc.constantFrom(2 ** 53 - 1, 1.5, -0),
);
const operation = fc.oneof(
  fc.record({ op: fc.constant('set' as const), id, value: fc.integer() }),
  fc.record({ op: fc.constant('delete' as const), id }),
  fc.record({ op: fc.constant('get' as const), id }),
);

describe('RequestIdTable', () => {
  it('behaves like a Map for any sequence of sets, deletes and lookups', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 200, maxLength: 1500 }), (operations) => {
        const table = new RequestIdTable<number>();
        const model = new Map<RequestId, number>();
        for (const step of operations) {
          if (step.op === 'set') {
            table.set(step.id, step.value);
            model.set(step.id, step.value);
          } else if (step.op === 'delete') {
            expect(table.delete(step.id)).toBe(model.delete(step.id));
          }
          expect(table.get(step.id)).toBe(model.get(step.id));
          expect(table.has(step.id)).toBe(model.has(step.id));
          expect(table.size).toBe(model.size);
        }
        expect(table.values().sort()).toEqual([...model.values()].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('keeps "7" and 7 apart, grows past thousands in flight and empties back', () => {
    const table = new RequestIdTable<string>();
    table.set(7, 'number');
    table.set('7', 'string');
    expect([table.get(7), table.get('7'), table.size]).toEqual(['number', 'string', 2]);
    for (let n = 0; n < 5000; n++) table.set(`req-${n}`, `v${n}`);
    expect(table.size).toBe(5002);
    expect(table.get('req-4321')).toBe('v4321');
    for (let n = 0; n < 5000; n++) expect(table.delete(`req-${n}`)).toBe(true);
    expect(table.delete(7) && table.delete('7')).toBe(true);
    expect([table.size, table.values(), table.get(7)]).toEqual([0, [], undefined]);
    table.set(1, 'again');
    expect(table.get(1)).toBe('again');
  });
});
