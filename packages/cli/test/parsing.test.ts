import type { Tool } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../src/args.js';
import { splitCommandLine } from '../src/shell-split.js';
import { closestNames, editDistance } from '../src/suggest.js';
import { buildToolArguments, missingRequired } from '../src/tool-args.js';

describe('splitCommandLine', () => {
  it.each([
    ['node server.js --port 3', ['node', 'server.js', '--port', '3']],
    ['  npx   -y  pkg  ', ['npx', '-y', 'pkg']],
    [`"/path with spaces/node" 'a b' c\\ d`, ['/path with spaces/node', 'a b', 'c d']],
    [`echo "say \\"hi\\" \\$HOME" 'it''s'`, ['echo', 'say "hi" $HOME', 'its']],
    [`a "" ''`, ['a', '', '']],
    [`x 'back\\slash' "tab\\t"`, ['x', 'back\\slash', 'tab\\t']],
  ])('%s', (line, words) => {
    expect(splitCommandLine(line)).toEqual(words);
  });

  it('refuses unterminated quotes and a trailing backslash', () => {
    expect(() => splitCommandLine(`node "server.js`)).toThrow(/expected a closing "/);
    expect(() => splitCommandLine('node \\')).toThrow(/after the final backslash/);
  });
});

describe('parseArgs', () => {
  it('accepts options before, between and after the command words', () => {
    const parsed = parseArgs([
      '--json',
      'tools',
      '--stdio',
      'node s.js',
      'call',
      'echo',
      '--arg',
      'text=a=b',
      '--timeout=500',
    ]);
    expect(parsed).toMatchObject({
      words: ['tools', 'call', 'echo'],
      json: true,
      stdio: 'node s.js',
      timeoutMs: 500,
      args: [{ key: 'text', value: 'a=b' }],
    });
  });

  it.each([
    [['--arg', 'novalue'], /expected key=value/],
    [['--timeout', 'soon'], /positive number of milliseconds/],
    [['--stdio'], /expected a value after it/],
    [['--jsonn'], /Did you mean --json\?/],
    [['-x'], /Unknown option -x/],
    [['--json=yes'], /takes no value/],
  ])('explains %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('closestNames', () => {
  it('ranks names by edit distance and substring', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closestNames('get-summ', ['echo', 'get-sum', 'get-env'])).toEqual(['get-sum']);
    expect(closestNames('get-en', ['get-sum', 'get-env', 'echo'])).toEqual(['get-env']);
    expect(closestNames('ech', ['echo', 'get-sum'])).toEqual(['echo']);
    expect(closestNames('zzzzzz', ['echo'])).toEqual([]);
  });
});

describe('tool arguments from --arg', () => {
  const tool: Tool = {
    name: 'demo',
    inputSchema: {
      type: 'object',
      properties: {
        text: { type: 'string' },
        count: { type: 'integer' },
        ratio: { type: 'number' },
        flag: { type: 'boolean' },
        list: { type: 'array' },
        opts: { type: 'object' },
        maybe: { type: ['integer', 'null'] },
      },
      required: ['text', 'count'],
    },
  };

  it('types values by the input schema', () => {
    const args = buildToolArguments(
      tool,
      [
        { key: 'text', value: '42' },
        { key: 'count', value: '7' },
        { key: 'ratio', value: '0.5' },
        { key: 'flag', value: 'yes' },
        { key: 'list', value: '[1,"a"]' },
        { key: 'opts', value: '{"deep":true}' },
        { key: 'maybe', value: '3' },
      ],
      undefined,
    );
    expect(args).toEqual({
      text: '42',
      count: 7,
      ratio: 0.5,
      flag: true,
      list: [1, 'a'],
      opts: { deep: true },
      maybe: 3,
    });
  });

  it('merges --args-json with --arg (which wins) and finds missing required arguments', () => {
    const args = buildToolArguments(tool, [{ key: 'count', value: '2' }], '{"count":1,"ratio":3}');
    expect(args).toEqual({ count: 2, ratio: 3 });
    expect(missingRequired(tool, args)).toEqual(['text']);
  });

  it.each([
    [{ key: 'count', value: '1.5' }, /expected an integer for "count" of tool demo, received "1.5"/],
    [{ key: 'ratio', value: 'abc' }, /expected a number for "ratio"/],
    [{ key: 'flag', value: 'maybe' }, /expected true or false/],
    [{ key: 'list', value: '{}' }, /expected JSON an array/],
    [{ key: 'txt', value: 'x' }, /has no argument "txt".*Did you mean text\?/],
  ])('explains %j', (pair, message) => {
    expect(() => buildToolArguments(tool, [pair], undefined)).toThrow(message);
  });

  it('refuses --args-json that is not an object', () => {
    expect(() => buildToolArguments(tool, [], '[1]')).toThrow(/expected a JSON object/);
  });
});
