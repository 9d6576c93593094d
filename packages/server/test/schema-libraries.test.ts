/**
 * Any schema library: tools and prompts declared with zod 4, zod 3.25 (its bundled v4 API), valibot and
 * arktype (the real libraries), listed as JSON Schema in each revision's dialect and validating calls; zod 3's
 * classic API and schemas that cannot describe themselves are refused with a message that says what to do.
 */
import type { CallToolResult, Revision, TextContent } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { z as zod3 } from '@mcpwire-test/zod3/v3';
import { z as zod3v4 } from '@mcpwire-test/zod3/v4';
import { toStandardJsonSchema } from '@valibot/to-json-schema';
import { type } from 'arktype';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectClient } from './helpers.js';

type Client = Awaited<ReturnType<typeof connectClient>>;

const server = new McpServer({ name: 'libraries', version: '1' });
const schemas = {
  zod4: z.object({ city: z.string(), days: z.number().int().min(1).default(1) }),
  'zod3-v4': zod3v4.object({ city: zod3v4.string(), days: zod3v4.number().int().min(1).default(1) }),
  valibot: toStandardJsonSchema(
    v.object({ city: v.string(), days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1) }),
  ),
  arktype: type({ city: 'string', 'days?': 'number.integer >= 1' }),
};
for (const [library, inputSchema] of Object.entries(schemas)) {
  server.tool(`forecast-${library}`, { description: library, inputSchema }, (args) => JSON.stringify(args));
}
server.tool(
  'forecast-shape',
  { inputSchema: { city: type('string'), days: zod3v4.number().optional() } },
  (args) => JSON.stringify(args),
);
server.tool(
  'sum',
  { outputSchema: toStandardJsonSchema(v.object({ sum: v.number() })), inputSchema: { a: z.number() } },
  ({ a }) => ({ structuredContent: { sum: a === 13 ? ('unlucky' as unknown as number) : a } }),
);
server.prompt(
  'trip',
  { arguments: { city: type('string'), nights: toStandardJsonSchema(v.optional(v.string())) } },
  ({ city, nights }) => `Plan ${nights ?? 'some'} nights in ${city}`,
);

let modern: Client;
let draft7: Client;
beforeAll(async () => {
  modern = await connectClient(server, { revision: '2025-11-25' });
  draft7 = await connectClient(server, { revision: '2025-06-18' });
});
afterAll(async () => {
  await modern.close();
  await draft7.close();
});

const text = (result: CallToolResult): string => (result.content[0] as TextContent).text;

async function listed(client: Client, name: string) {
  const { tools } = await client.request('tools/list', {});
  return tools.find((tool) => tool.name === name)!;
}

describe.each(Object.keys(schemas))('a tool declared with %s', (library) => {
  const name = `forecast-${library}`;

  it.each([
    ['2025-11-25', 'https://json-schema.org/draft/2020-12/schema'],
    ['2025-06-18', 'http://json-schema.org/draft-07/schema#'],
  ] as [Revision, string][])('is listed with its JSON Schema to %s clients', async (revision, dialect) => {
    const tool = await listed(revision === '2025-11-25' ? modern : draft7, name);
    expect(tool.inputSchema).toMatchObject({
      $schema: dialect,
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
      required: ['city'],
    });
  });

  it('hands the handler the validated (and defaulted) arguments', async () => {
    const result = await modern.request('tools/call', { name, arguments: { city: 'Oslo' } });
    const args = JSON.parse(text(result));
    expect(args.city).toBe('Oslo');
    // arktype leaves an optional member out; the others apply their default.
    if (library !== 'arktype') expect(args.days).toBe(1);
  });

  it("answers invalid arguments with an error result naming the field, in the library's words", async () => {
    const result = await modern.request('tools/call', { name, arguments: { city: 'Oslo', days: 0.5 } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^Invalid arguments for tool forecast-[\w-]+: field `days`: \S/);
  });
});

describe('shapes and output schemas of any library', () => {
  it('lists a shape whose fields come from different libraries, with the required ones', async () => {
    const tool = await listed(modern, 'forecast-shape');
    expect(tool.inputSchema).toEqual({
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'number' } },
      required: ['city'],
    });
    const result = await modern.request('tools/call', {
      name: 'forecast-shape',
      arguments: { city: 'Rome', days: 'two', extra: 1 },
    });
    expect(text(result)).toBe(
      'Invalid arguments for tool forecast-shape: field `days`: Invalid input: expected number, received string',
    );
    const ok = await modern.request('tools/call', {
      name: 'forecast-shape',
      arguments: { city: 'Rome', extra: 1 },
    });
    expect(JSON.parse(text(ok))).toEqual({ city: 'Rome' });
  });

  it('checks structuredContent against a valibot output schema before sending', async () => {
    const tool = await listed(modern, 'sum');
    expect(tool.outputSchema).toMatchObject({ type: 'object', properties: { sum: { type: 'number' } } });
    const ok = await modern.request('tools/call', { name: 'sum', arguments: { a: 2 } });
    expect(ok.structuredContent).toEqual({ sum: 2 });
    const error = await modern
      .request('tools/call', { name: 'sum', arguments: { a: 13 } })
      .catch((e: Error) => e);
    expect((error as Error).message).toContain('does not match its outputSchema: field `sum`');
  });

  it('validates prompt arguments with arktype and valibot and lists them', async () => {
    const { prompts } = await modern.request('prompts/list', {});
    expect(prompts.find((prompt) => prompt.name === 'trip')?.arguments).toEqual([
      { name: 'city', required: true },
      { name: 'nights', required: false },
    ]);
    const got = await modern.request('prompts/get', {
      name: 'trip',
      arguments: { city: 'Kyoto', nights: '3' },
    });
    expect(got.messages[0]?.content).toEqual({ type: 'text', text: 'Plan 3 nights in Kyoto' });
  });
});

describe('schemas that cannot be shown to clients are refused at registration', () => {
  const fresh = () => new McpServer({ name: 'refused', version: '1' });

  it('refuses zod 3 classic schemas with what to import instead', () => {
    expect(() => fresh().tool('z3', { inputSchema: zod3.object({ a: zod3.string() }) }, () => '')).toThrow(
      /^Tool "z3" inputSchema: expected a schema that can describe itself as JSON Schema .*received a zod 3 schema, which cannot: import \{ z \} from 'zod\/v4'/,
    );
  });

  it('refuses a valibot schema without its JSON Schema, naming toStandardJsonSchema', () => {
    expect(() => fresh().tool('vb', { inputSchema: v.object({ a: v.string() }) }, () => '')).toThrow(
      /^Tool "vb" inputSchema: .*received a valibot schema without it: wrap it with toStandardJsonSchema\(\) from '@valibot\/to-json-schema'/,
    );
  });

  it('refuses an object that is neither a schema, a shape nor JSON Schema, naming the odd member', () => {
    expect(() =>
      // @ts-expect-error not a schema
      fresh().tool('odd', { inputSchema: { city: 'string' } }, () => ''),
    ).toThrow(/^Tool "odd" inputSchema: expected a schema .* with keys city whose "city" is a string$/);
  });
});
