/**
 * Mistakes refused when a tool, prompt or template is registered (or returns), with a message that names it
 * and the rule: what the types refuse for TypeScript users, checked again for JavaScript callers.
 */
import { ConfigError, ErrorCode, type ProtocolError } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectClient, failure } from './helpers.js';

const fresh = () => new McpServer({ name: 'checks', version: '1' });

describe('tool names (tools §Tool Names, 2025-11-25)', () => {
  it.each(['getUser', 'DATA_EXPORT_v2', 'admin.tools.list', 'a-b', 'x'.repeat(128)])('accepts %s', (name) => {
    expect(() => fresh().tool(name, {}, () => '')).not.toThrow();
  });

  it.each([
    ['get weather', 'a space at position 4'],
    ['a,b', '"," at position 2'],
    ['files/read', '"/" at position 6'],
    ['', 'an empty name'],
    ['x'.repeat(129), '129 characters'],
  ])('refuses %j, naming the tool and the rule', (name, received) => {
    const attempt = () => fresh().tool(name, {}, () => '');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      `Tool ${JSON.stringify(name)}: expected a name of 1 to 128 characters among A-Z, a-z, 0-9, "_", "-" and "." (tools §Tool Names, 2025-11-25), received ${received}`,
    );
  });
});

describe('schemas of something other than an object', () => {
  it.each([
    ['a zod string', z.string(), '"string"'],
    ['a zod array', z.array(z.number()), '"array"'],
    ['a JSON Schema string', { type: 'string' }, '"string"'],
  ])('refuses %s as inputSchema, before it could break tools/list', (_what, inputSchema, type) => {
    // @ts-expect-error refused at compile time too
    const attempt = () => fresh().tool('t', { inputSchema }, () => '');
    expect(attempt).toThrow(
      `Tool "t" inputSchema: expected a schema of an object (tool arguments and structured results are JSON objects), received one of type ${type}`,
    );
  });

  it('refuses a non-object outputSchema the same way', () => {
    // @ts-expect-error refused at compile time too
    const attempt = () => fresh().tool('t', { outputSchema: z.number() }, () => '');
    expect(attempt).toThrow(/^Tool "t" outputSchema: expected a schema of an object/);
  });

  it('refuses a value that is no schema at all', () => {
    // @ts-expect-error refused at compile time too
    expect(() => fresh().tool('t', { inputSchema: 'city' }, () => '')).toThrow(
      'Tool "t" inputSchema: expected a schema (zod, valibot, arktype or any Standard Schema), a shape of such schemas or a JSON Schema object, received string',
    );
  });
});

describe('completion keys', () => {
  it('refuses a prompt completion for an argument the prompt does not have', () => {
    const attempt = () =>
      fresh().prompt(
        'trip',
        // @ts-expect-error refused at compile time too
        { arguments: { city: z.string() }, complete: { town: () => [] } },
        () => '',
      );
    expect(attempt).toThrow(
      'Prompt "trip" complete: expected keys among its arguments (city), received "town"',
    );
  });

  it('refuses a template completion for a variable the template does not have', () => {
    const attempt = () =>
      fresh().resourceTemplate(
        'file',
        'file:///{+path}{?rev}',
        // @ts-expect-error refused at compile time too
        { complete: { path: () => [], name: () => [] } },
        (uri) => uri,
      );
    expect(attempt).toThrow(
      'Resource template "file" complete: expected keys among its variables (path, rev), received "name"',
    );
  });
});

describe('what a tool returns', () => {
  it('refuses a result object with none of content, structuredContent and isError', async () => {
    const server = fresh();
    // @ts-expect-error refused at compile time too
    server.tool('weather', {}, () => ({ temperature: 3 }));
    const client = await connectClient(server, { revision: '2025-11-25' });
    const error: ProtocolError = await failure(client.request('tools/call', { name: 'weather' }));
    expect(error.code).toBe(ErrorCode.InternalError);
    expect(error.message).toBe(
      'Tool weather returned an object with none of content, structuredContent and isError (keys: temperature): expected a string, an array of content blocks or a result object',
    );
    await client.close();
  });
});
