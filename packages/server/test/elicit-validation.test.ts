import type { JsonObject, Revision } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';
import { connectClient } from './helpers.js';

/** A tool that asks for an age and reports what elicit() gave it (or how it failed). */
function makeServer(): McpServer {
  const server = new McpServer({ name: 'elicit-validation', version: '1.0.0' });
  server.tool('age', { description: 'asks for an age' }, async (_args, ctx) => {
    try {
      const answer = await ctx.elicit({
        message: 'How old are you?',
        requestedSchema: {
          type: 'object',
          properties: { age: { type: 'integer', minimum: 0 } },
          required: ['age'],
        },
      });
      return `${answer.action}:${JSON.stringify(answer.content ?? null)}`;
    } catch (error) {
      return `refused: ${(error as Error).message}`;
    }
  });
  return server;
}

async function askWith(revision: Revision, answer: JsonObject): Promise<string> {
  const client = await connectClient(makeServer(), { revision, capabilities: { elicitation: {} } });
  client.setRequestHandler('elicitation/create', () => answer as never);
  const result = await client.request('tools/call', { name: 'age' });
  await client.close();
  return (result.content[0] as { text: string }).text;
}

describe.each<Revision>(['2025-11-25', '2026-07-28'])('elicitation answers over %s', (revision) => {
  it('hands a matching accepted answer to the handler', async () => {
    expect(await askWith(revision, { action: 'accept', content: { age: 42 } })).toBe('accept:{"age":42}');
  });

  it('rejects an accepted answer that does not match requestedSchema, naming the field', async () => {
    const text = await askWith(revision, { action: 'accept', content: { age: -1 } });
    expect(text).toContain('refused:');
    expect(text).toContain('/age');
    expect(text).toContain('expected a number >= 0, received -1');
    const missing = await askWith(revision, { action: 'accept', content: {} });
    expect(missing).toContain('expected required property "age"');
  });

  it('does not judge declined answers', async () => {
    expect(await askWith(revision, { action: 'decline' })).toBe('decline:null');
  });
});
