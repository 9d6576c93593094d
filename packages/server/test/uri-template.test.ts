import { UriTemplate } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';

describe('UriTemplate (RFC 6570 levels 1-3)', () => {
  it('expands simple, reserved, path and query expressions', () => {
    expect(new UriTemplate('test://template/{id}/data').expand({ id: 'a b' })).toBe(
      'test://template/a%20b/data',
    );
    expect(new UriTemplate('file:///{+path}').expand({ path: 'docs/a b.md' })).toBe('file:///docs/a%20b.md');
    expect(new UriTemplate('repo://x{/owner,name}').expand({ owner: 'me', name: 'r' })).toBe('repo://x/me/r');
    expect(new UriTemplate('db://rows{?limit,offset}').expand({ limit: '10', offset: '5' })).toBe(
      'db://rows?limit=10&offset=5',
    );
    expect(new UriTemplate('db://rows{?limit,offset}').expand({ limit: '10' })).toBe('db://rows?limit=10');
    expect(new UriTemplate('x://{a,b}').expand({ a: '1', b: '2' })).toBe('x://1,2');
    expect(new UriTemplate('x://h{#frag}').expand({ frag: 'a/b' })).toBe('x://h#a/b');
    expect(new UriTemplate('x://h{.ext}').expand({ ext: 'json' })).toBe('x://h.json');
    expect(new UriTemplate('x://h{;p}').expand({ p: 'v' })).toBe('x://h;p=v');
  });

  it('matches URIs back to variables, decoding percent-escapes', () => {
    expect(new UriTemplate('test://template/{id}/data').match('test://template/12%2F3/data')).toEqual({
      id: '12/3',
    });
    expect(new UriTemplate('test://template/{id}/data').match('test://template/1/2/data')).toBeUndefined();
    expect(new UriTemplate('file:///{+path}').match('file:///docs/a%20b.md')).toEqual({
      path: 'docs/a b.md',
    });
    expect(new UriTemplate('repo://x{/owner,name}').match('repo://x/me/r')).toEqual({
      owner: 'me',
      name: 'r',
    });
    expect(new UriTemplate('db://rows{?limit,offset}').match('db://rows?offset=5&limit=10')).toEqual({
      limit: '10',
      offset: '5',
    });
    expect(new UriTemplate('db://rows{?limit,offset}').match('db://rows')).toEqual({});
    expect(new UriTemplate('x://{a,b}').match('x://1,2')).toEqual({ a: '1', b: '2' });
    expect(new UriTemplate('x://{a}').match('x://%E0%A4%A')).toBeUndefined();
    expect(new UriTemplate('x://a.b/{id}').match('x://aXb/1')).toBeUndefined();
  });

  it('round-trips expansion and matching', () => {
    const template = new UriTemplate('api://{kind}/items{/id}{?q,page}');
    const values = { kind: 'books', id: 'x y', q: 'a&b=c', page: '2' };
    expect(template.match(template.expand(values))).toEqual(values);
    expect(template.variableNames).toEqual(['kind', 'id', 'q', 'page']);
  });

  it('refuses malformed templates with a clear message', () => {
    expect(() => new UriTemplate('x://{a')).toThrow(/balanced braces/);
    expect(() => new UriTemplate('x://{a*}')).toThrow(/levels 1–3/);
  });
});
