import { getMethodSpec, methodsOf, Rev2025_06_18, schemas } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { lazyObject } from '../src/schemas/lazy.js';

describe('per-revision schemas built on first use', () => {
  it('builds a lazy object once, on its first use, and not before', () => {
    let builds = 0;
    const namespace = lazyObject(() => {
      builds++;
      return { A: 1, B: 'two' };
    });
    expect(builds).toBe(0);
    expect(namespace.A).toBe(1);
    expect([Object.keys(namespace), { ...namespace }, 'B' in namespace, 'C' in namespace]).toEqual([
      ['A', 'B'],
      { A: 1, B: 'two' },
      true,
      false,
    ]);
    expect(builds).toBe(1);
    expect(() => {
      (namespace as { A: number }).A = 2;
    }).toThrow(TypeError);
  });

  it('serves the public namespaces like plain objects of zod schemas', () => {
    expect(Object.keys(Rev2025_06_18)).toContain('CallToolResult');
    expect(schemas['2025-06-18'].CallToolResult.safeParse({ content: [] }).success).toBe(true);
    expect({ ...Rev2025_06_18 }.Tool).toBe(Rev2025_06_18.Tool);
  });

  it('answers lookups for every revision and none for an unknown one', () => {
    for (const revision of ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'] as const) {
      expect(getMethodSpec(revision, 'tools/call')?.method).toBe('tools/call');
      expect(methodsOf(revision).length).toBeGreaterThan(5);
    }
    expect(getMethodSpec('2025-06-18', 'server/discover')).toBeUndefined();
    expect(getMethodSpec('__proto__' as never, 'tools/call')).toBeUndefined();
    expect(methodsOf('1999-01-01' as never)).toEqual([]);
  });
});
