/**
 * zod's JSON Schema converter is loaded only for the zod schemas that need it (zod 4.0–4.1, and `zod/v4`
 * under zod 3.25, which predate Standard JSON Schema), and never at import: registration reads what it
 * needs from the schema's zod definition, and listing waits for the converter. This file runs in a fresh
 * module graph, so the converter is not loaded when it starts.
 */
import { McpServer } from '@mcpwire/server';
import { z as zod3v4 } from '@mcpwire-test/zod3/v4';
import { describe, expect, it } from 'vitest';
import { zodConverterLoaded } from '../src/schema-json.js';
import { connectClient } from './helpers.js';

describe('zod schemas that need zod’s own converter', () => {
  it('are checked at registration and listed once the converter has loaded', async () => {
    expect(zodConverterLoaded()).toBe(false);
    const server = new McpServer({ name: 'old-zod', version: '1' });
    // @ts-expect-error refused at compile time too; JavaScript users get the registration error
    expect(() => server.tool('text', { inputSchema: zod3v4.string() }, () => '')).toThrow(
      /^Tool "text" inputSchema: expected a schema of an object .*received one of type "string"/,
    );
    server.prompt(
      'trip',
      {
        arguments: { city: zod3v4.string().describe('Where to'), nights: zod3v4.string().optional() },
        complete: { city: () => ['Kyoto'] },
      },
      ({ city }) => `Go to ${city}`,
    );
    expect(() =>
      server.prompt(
        'bad-keys',
        { arguments: { city: zod3v4.string() }, complete: { town: () => [] } as never },
        () => '',
      ),
    ).toThrow(/town/);
    server.tool(
      'forecast',
      { inputSchema: zod3v4.object({ city: zod3v4.string(), days: zod3v4.number().int().optional() }) },
      ({ city }) => city,
    );
    // Registration did not wait for the converter (it loads in the background).
    expect(zodConverterLoaded()).toBe(false);

    const client = await connectClient(server, { revision: '2025-11-25' });
    const { prompts } = await client.request('prompts/list', {});
    expect(prompts[0]?.arguments).toEqual([
      { name: 'city', required: true, description: 'Where to' },
      { name: 'nights', required: false },
    ]);
    const { tools } = await client.request('tools/list', {});
    expect(tools[0]?.inputSchema).toMatchObject({
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer' } },
      required: ['city'],
    });
    expect(zodConverterLoaded()).toBe(true);
    await client.close();
  });
});
