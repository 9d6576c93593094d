import { eraOf, isLegacyRevision, isRevision, REVISIONS, revisionAllowsBatches } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';

describe('revisions', () => {
  it('classifies every revision into its era', () => {
    expect(REVISIONS.map(eraOf)).toEqual(['legacy', 'legacy', 'legacy', 'legacy', 'modern']);
    expect(isRevision('2025-06-18')).toBe(true);
    expect(isRevision('1900-01-01')).toBe(false);
    expect(isLegacyRevision('2026-07-28')).toBe(false);
  });
  it('allows batches only in 2025-03-26', () => {
    expect(REVISIONS.filter(revisionAllowsBatches)).toEqual(['2025-03-26']);
  });
});
