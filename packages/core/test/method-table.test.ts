// The zod-free method table (what a connection knows of each method before the schemas load) says what the
// schema tables say: the same methods in each revision, the same kinds and senders, the same quick checks.
import { getMethodSpec, methodsOf, REVISIONS } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { methodTable } from '../src/schemas/method-table.js';

describe('the method table without schemas', () => {
  it.each(REVISIONS)('matches the %s schema table', (revision) => {
    const table = methodTable(revision);
    const fromSchemas = methodsOf(revision).map((spec) => ({
      method: spec.method,
      kind: spec.kind,
      senders: spec.senders,
      quickAccept: spec.quickAccept,
    }));
    const fromTable = [...table.values()].map((entry) => ({
      method: entry.method,
      kind: entry.kind,
      senders: entry.senders,
      quickAccept: entry.quickAccept,
    }));
    const byMethod = (a: { method: string }, b: { method: string }) => a.method.localeCompare(b.method);
    expect(fromTable.sort(byMethod)).toEqual(fromSchemas.sort(byMethod));
    expect(table.get('no/such/method')).toBeUndefined();
    expect(getMethodSpec(revision, 'no/such/method')).toBeUndefined();
  });
});
