import { validateJsonSchema } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';

describe('validateJsonSchema', () => {
  const schema = {
    type: 'object',
    properties: {
      id: { type: 'integer', minimum: 1 },
      name: { type: 'string', minLength: 2, pattern: '^[a-z]+$' },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
      kind: { enum: ['a', 'b'] },
      nested: { $ref: '#/$defs/point' },
      either: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      strict: { type: 'object', properties: { x: { type: 'number' } }, additionalProperties: false },
    },
    required: ['id'],
    $defs: { point: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] } },
  };

  it('accepts conforming values', () => {
    expect(
      validateJsonSchema(schema, {
        id: 3,
        name: 'ab',
        tags: ['x'],
        kind: 'a',
        nested: { x: 1.5 },
        either: null,
        strict: { x: 1 },
      }),
    ).toBeUndefined();
  });

  it.each([
    [{}, '', /required property "id"/],
    [{ id: 1.5 }, '/id', /expected integer, received number/],
    [{ id: 0 }, '/id', /expected a number >= 1, received 0/],
    [{ id: 1, name: 'a' }, '/name', /at least 2 characters/],
    [{ id: 1, name: 'AB' }, '/name', /matching \/\^\[a-z\]\+\$\//],
    [{ id: 1, tags: ['a', 2] }, '/tags/1', /expected string, received integer/],
    [{ id: 1, tags: ['a', 'b', 'c'] }, '/tags', /at most 2 items/],
    [{ id: 1, kind: 'c' }, '/kind', /one of \["a","b"\]/],
    [{ id: 1, nested: {} }, '/nested', /required property "x"/],
    [{ id: 1, either: 3 }, '/either', /anyOf/],
    [{ id: 1, strict: { y: 1 } }, '/strict', /no additional properties, received "y"/],
  ])('reports %j at %s', (value, path, message) => {
    const issue = validateJsonSchema(schema, value);
    expect(issue?.path).toBe(path);
    expect(issue?.message).toMatch(message);
  });

  it('handles boolean schemas, oneOf, not, const and recursive $ref without looping', () => {
    expect(validateJsonSchema(true, 1)).toBeUndefined();
    expect(validateJsonSchema(false, 1)?.message).toMatch(/false schema/);
    expect(validateJsonSchema({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 1)?.message).toMatch(
      /exactly one/,
    );
    expect(validateJsonSchema({ not: { type: 'string' } }, 'x')?.message).toMatch(/not/);
    expect(validateJsonSchema({ const: { a: [1] } }, { a: [1] })).toBeUndefined();
    const tree = { type: 'object', properties: { child: { $ref: '#' }, v: { type: 'number' } } };
    expect(validateJsonSchema(tree, { child: { child: { v: 'x' } } })?.path).toBe('/child/child/v');
  });
});
