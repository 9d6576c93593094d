import type { JsonObject } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { checkParamHeaders, encodeMcpHeaderValue, mcpRequestHeaders } from '../src/param-headers.js';

const tool = (properties: Record<string, JsonObject>, extra: Record<string, unknown> = {}) => ({
  name: 't',
  inputSchema: { type: 'object' as const, properties, ...extra },
});

describe('x-mcp-header annotations', () => {
  it('collects annotations reachable through properties, including nested objects', () => {
    const check = checkParamHeaders(
      tool({
        region: { type: 'string', 'x-mcp-header': 'Region' },
        opts: { type: 'object', properties: { dry: { type: 'boolean', 'x-mcp-header': 'Dry-Run' } } },
        plain: { type: 'string' },
      }),
    );
    expect(check).toEqual({
      ok: true,
      headers: [
        { header: 'Region', path: ['region'] },
        { header: 'Dry-Run', path: ['opts', 'dry'] },
      ],
    });
  });

  it.each([
    ['an empty name', { a: { type: 'string', 'x-mcp-header': '' } }, /non-empty string/],
    ['a non-token name', { a: { type: 'string', 'x-mcp-header': 'Bad Name' } }, /HTTP token/],
    ['a CR/LF', { a: { type: 'string', 'x-mcp-header': 'A\r\nB' } }, /HTTP token/],
    [
      'duplicate names',
      { a: { type: 'string', 'x-mcp-header': 'X' }, b: { type: 'integer', 'x-mcp-header': 'x' } },
      /unique/,
    ],
    ['a number parameter', { a: { type: 'number', 'x-mcp-header': 'N' } }, /received type "number"/],
    ['an object parameter', { a: { type: 'object', 'x-mcp-header': 'O' } }, /received type "object"/],
    [
      'an array item',
      { a: { type: 'array', items: { type: 'string', 'x-mcp-header': 'I' } } },
      /under a → items/,
    ],
    ['a composition branch', { a: { anyOf: [{ type: 'string', 'x-mcp-header': 'C' }] } }, /under a → anyOf/],
  ])('rejects %s', (_name, properties, reason) => {
    const check = checkParamHeaders(tool(properties));
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  it('rejects annotations behind $ref and $defs', () => {
    const check = checkParamHeaders(
      tool({ a: { $ref: '#/$defs/x' } }, { $defs: { x: { type: 'string', 'x-mcp-header': 'X' } } }),
    );
    expect(check.ok).toBe(false);
  });
});

describe('Mcp-* request header values', () => {
  it('encodes unsafe values as =?base64?…?=', () => {
    expect(encodeMcpHeaderValue('us-west1')).toBe('us-west1');
    expect(encodeMcpHeaderValue('Hello, 世界')).toBe(
      `=?base64?${Buffer.from('Hello, 世界').toString('base64')}?=`,
    );
    expect(encodeMcpHeaderValue(' padded')).toMatch(/^=\?base64\?/);
    expect(encodeMcpHeaderValue('line\nbreak')).toMatch(/^=\?base64\?/);
  });

  it('derives Mcp-Method, Mcp-Name and Mcp-Param-* from a message', () => {
    const specs = [
      { header: 'Region', path: ['region'] },
      { header: 'Count', path: ['n'] },
      { header: 'Flag', path: ['opts', 'flag'] },
      { header: 'Missing', path: ['nope'] },
    ];
    const headers = mcpRequestHeaders(
      {
        method: 'tools/call',
        params: { name: 'run', arguments: { region: 'eu', n: 42, opts: { flag: false } } },
      },
      specs,
    );
    expect(headers).toEqual({
      'mcp-method': 'tools/call',
      'mcp-name': 'run',
      'mcp-param-region': 'eu',
      'mcp-param-count': '42',
      'mcp-param-flag': 'false',
    });
    expect(mcpRequestHeaders({ method: 'resources/read', params: { uri: 'file:///ä' } }, undefined)).toEqual({
      'mcp-method': 'resources/read',
      'mcp-name': `=?base64?${Buffer.from('file:///ä').toString('base64')}?=`,
    });
    expect(mcpRequestHeaders({ method: 'tools/list' }, undefined)).toEqual({ 'mcp-method': 'tools/list' });
  });
});
