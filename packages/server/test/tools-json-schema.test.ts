import { ErrorCode, ProtocolError, type Revision } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';
import { connectClient, failure } from './helpers.js';

/** Tools declared with plain JSON Schemas: arguments and structuredContent are checked like zod ones. */
function makeServer(calls: unknown[]): McpServer {
  const server = new McpServer({ name: 'json-schema-tools', version: '1.0.0' });
  server.tool(
    'book',
    {
      description: 'Books a table',
      inputSchema: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1 },
          seats: { type: 'integer', minimum: 1, maximum: 12 },
          address: { $ref: '#/$defs/address' },
        },
        required: ['name', 'seats'],
        additionalProperties: false,
        $defs: { address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
      },
    },
    (args) => {
      calls.push(args);
      return 'booked';
    },
  );
  server.tool(
    'measure',
    {
      description: 'Returns structured output checked against a plain JSON Schema',
      inputSchema: { type: 'object', properties: { good: { type: 'boolean' } } },
      outputSchema: { type: 'object', properties: { size: { type: 'number' } }, required: ['size'] },
    },
    ({ good }) => ({ structuredContent: good === true ? { size: 3.5 } : { size: 'large' } }),
  );
  return server;
}

const INVALID: [string, Record<string, unknown>, string][] = [
  ['a missing required field', { name: 'Ada' }, 'required property "seats"'],
  ['a wrong type', { name: 'Ada', seats: 'four' }, 'field `seats`: expected integer'],
  ['a value out of range', { name: 'Ada', seats: 40 }, 'field `seats`: expected a number <= 12'],
  ['a nested field through $ref', { name: 'Ada', seats: 2, address: {} }, 'field `address`'],
  ['an unknown field', { name: 'Ada', seats: 2, note: 'x' }, 'no additional properties, received "note"'],
];

describe.each<Revision>(['2025-11-25', '2026-07-28'])('plain JSON Schema tools over %s', (revision) => {
  it('passes conforming arguments to the handler unchanged', async () => {
    const calls: unknown[] = [];
    const client = await connectClient(makeServer(calls), { revision });
    const args = { name: 'Ada', seats: 4, address: { city: 'Paris' } };
    const result = await client.request('tools/call', { name: 'book', arguments: args });
    expect(result.content).toEqual([{ type: 'text', text: 'booked' }]);
    expect(calls).toEqual([args]);
    await client.close();
  });

  it.each(INVALID)('turns %s into an isError result naming it', async (_label, args, expected) => {
    const calls: unknown[] = [];
    const client = await connectClient(makeServer(calls), { revision });
    const result = await client.request('tools/call', { name: 'book', arguments: args });
    expect(result.isError).toBe(true);
    const text = (result.content[0] as { text: string }).text;
    expect(text).toContain('Invalid arguments for tool book');
    expect(text).toContain(expected);
    expect(calls).toEqual([]);
    await client.close();
  });

  it('checks structuredContent against a plain JSON Schema outputSchema', async () => {
    const client = await connectClient(makeServer([]), { revision });
    const ok = await client.request('tools/call', { name: 'measure', arguments: { good: true } });
    expect(ok.structuredContent).toEqual({ size: 3.5 });
    const error = await client
      .request('tools/call', { name: 'measure', arguments: { good: false } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe(ErrorCode.InternalError);
    expect((error as ProtocolError).message).toContain('field `size`: expected number');
    await client.close();
  });
});

describe('plain JSON Schema tools before 2025-11-25', () => {
  it.each(INVALID)('answers %s with -32602 naming it', async (_label, args, expected) => {
    const calls: unknown[] = [];
    const client = await connectClient(makeServer(calls), { revision: '2025-06-18' });
    const error = await failure(client.request('tools/call', { name: 'book', arguments: args }));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.code).toBe(ErrorCode.InvalidParams);
    expect(error.message).toContain(expected);
    expect(calls).toEqual([]);
    await client.close();
  });
});
