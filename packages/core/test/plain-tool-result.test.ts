/**
 * The client's allocation-free check of plain tools/call results must never accept what a revision's
 * schema rejects: every combination of plausible and broken members is checked against the real schemas.
 */
import { getMethodSpec, type JsonObject, REVISIONS } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { isPlainTextToolResult } from '../src/lifecycle/plain-tool-result.js';

const ABSENT = Symbol('absent');
const SERVER_INFO = 'io.modelcontextprotocol/serverInfo';
const text = { type: 'text', text: 'hello' };

const choices: Record<string, unknown[]> = {
  content: [
    [text],
    [],
    [text, { type: 'text', text: '' }],
    [{ type: 'text', text: 'x', annotations: { priority: 2 } }],
    [{ type: 'text', text: 'x', extra: true }],
    [{ type: 'text', text: 7 }],
    [{ type: 'text' }],
    [{ type: 'image', data: 'AA==', mimeType: 'image/png' }],
    [{ type: 'image', text: 'x' }],
    [null],
    [[text]],
    'text',
    { 0: text },
    ABSENT,
  ],
  isError: [ABSENT, true, false, 'yes', null, 0],
  structuredContent: [ABSENT, {}, { a: 1 }, [], null, 'x', 3, JSON.parse('{"__proto__": {"a": 1}}')],
  _meta: [
    ABSENT,
    { [SERVER_INFO]: { name: 's', version: '1' } },
    { [SERVER_INFO]: { name: 's' } },
    { [SERVER_INFO]: { name: 's', version: 1 } },
    { [SERVER_INFO]: { name: 's', version: '1', title: 7 } },
    { [SERVER_INFO]: 'server' },
    { 'bad key!': 1 },
    { [SERVER_INFO]: { name: 's', version: '1' }, 'x/y': 1 },
    {},
    [],
    null,
  ],
  resultType: [ABSENT, 'complete', 'input_required', 'other', 1, null],
  extra: [ABSENT, 1],
};

/** A deterministic spread of combinations: every single-member change, plus pseudo-random mixes. */
function* candidates(): Generator<JsonObject> {
  const keys = Object.keys(choices);
  const build = (pick: (key: string, index: number) => number): JsonObject => {
    const result: JsonObject = {};
    keys.forEach((key, index) => {
      const value = choices[key]![pick(key, index)];
      if (value !== ABSENT) result[key] = value as JsonObject[string];
    });
    return result;
  };
  for (const varied of keys)
    for (let i = 0; i < choices[varied]!.length; i++)
      for (const base of [0, 1])
        yield build((key) => (key === varied ? i : key === 'content' ? 0 : base % choices[key]!.length));
  let seed = 17;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  for (let n = 0; n < 1500; n++) yield build((key) => next() % choices[key]!.length);
}

describe('plain tools/call results', () => {
  it('are accepted only when the revision schema accepts them too', () => {
    let accepted = 0;
    for (const revision of REVISIONS) {
      const spec = getMethodSpec(revision, 'tools/call')!;
      const modern = revision === '2026-07-28';
      for (const result of candidates()) {
        if (!isPlainTextToolResult(result, modern)) continue;
        accepted++;
        const schemas = modern ? [spec.result!, spec.completeResult!] : [spec.result!];
        for (const schema of schemas) {
          const outcome = schema.safeParse(result);
          expect(outcome.success, `${revision}: ${JSON.stringify(result)}`).toBe(true);
        }
      }
    }
    expect(accepted).toBeGreaterThan(50);
  });

  it('covers what servers send for a text answer in each era', () => {
    expect(isPlainTextToolResult({ content: [text] }, false)).toBe(true);
    expect(isPlainTextToolResult({ content: [text], isError: true }, false)).toBe(true);
    expect(isPlainTextToolResult({ content: [text], structuredContent: { n: 1 } }, false)).toBe(true);
    const modern = {
      resultType: 'complete',
      content: [text],
      _meta: { [SERVER_INFO]: { name: 's', version: '1' } },
    };
    expect(isPlainTextToolResult(modern, true)).toBe(true);
    // A legacy connection leaves 2026-07-28 members to the schema; other content always goes there.
    expect(isPlainTextToolResult(modern, false)).toBe(false);
    expect(isPlainTextToolResult({ content: [{ type: 'image', data: '', mimeType: 'a/b' }] }, false)).toBe(
      false,
    );
  });
});
