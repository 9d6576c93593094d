import { describe, expect, it } from 'vitest';
import { withMember } from '../src/objects.js';

describe('withMember', () => {
  it('copies the source with the member set, wins over the source, and leaves the source alone', () => {
    const source = { a: 1, resultType: 'input_required' };
    const copy = withMember(source, 'resultType', 'complete');
    expect(copy).toEqual({ a: 1, resultType: 'complete' });
    expect(source).toEqual({ a: 1, resultType: 'input_required' });
    expect(withMember(undefined, 'progressToken', 7)).toEqual({ progressToken: 7 });
    expect(Object.keys(withMember({ b: 2 }, '_meta', {})).sort()).toEqual(['_meta', 'b']);
  });
});
