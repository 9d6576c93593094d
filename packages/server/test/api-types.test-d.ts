/**
 * Type-level test (checked by `tsc`, the repo's `typecheck`, and against the published declarations by
 * test/public-api): what registration infers, and the mistakes it refuses at compile time. Each
 * `@ts-expect-error` fails the check if the error it marks disappears.
 */

import { McpServer } from '@mcpwire/server';
import { z as zod3 } from '@mcpwire-test/zod3/v3';
import { z as zod3v4 } from '@mcpwire-test/zod3/v4';
import { toStandardJsonSchema } from '@valibot/to-json-schema';
import { type } from 'arktype';
import * as v from 'valibot';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';

const server = new McpServer({ name: 'types', version: '1' });

// ---- handler arguments are inferred from any schema library ----------------------------------------

server.tool('zod', { inputSchema: z.object({ a: z.number(), b: z.string().optional() }) }, (args) => {
  expectTypeOf(args).toEqualTypeOf<{ a: number; b?: string | undefined }>();
  return 'ok';
});
server.tool('shape', { inputSchema: { a: z.number(), b: z.string().optional() } }, (args) => {
  expectTypeOf(args).toEqualTypeOf<{ a: number; b?: string | undefined }>();
  return 'ok';
});
server.tool('valibot', { inputSchema: toStandardJsonSchema(v.object({ a: v.number() })) }, (args) => {
  expectTypeOf(args).toEqualTypeOf<{ a: number }>();
  return 'ok';
});
server.tool('arktype', { inputSchema: type({ a: 'number', 'b?': 'string' }) }, (args) => {
  expectTypeOf(args).toEqualTypeOf<{ a: number; b?: string }>();
  return 'ok';
});
server.tool('zod3-v4', { inputSchema: zod3v4.object({ a: zod3v4.number() }) }, (args) => {
  expectTypeOf(args).toEqualTypeOf<{ a: number }>();
  return 'ok';
});
// zod 3's classic API types fine too (it is refused at registration: it has no JSON Schema to list).
server.tool('zod3', { inputSchema: zod3.object({ a: zod3.number() }) }, (args) => {
  expectTypeOf(args).toEqualTypeOf<{ a: number }>();
  return 'ok';
});
server.tool('json', { inputSchema: { type: 'object', properties: { a: { type: 'number' } } } }, (args) => {
  expectTypeOf(args).toEqualTypeOf<{ [key: string]: unknown }>();
  return 'ok';
});
server.tool('none', { description: 'no arguments' }, (args) => {
  expectTypeOf(args).toEqualTypeOf<Record<never, never>>();
  return 'ok';
});

// ---- what a handler returns ------------------------------------------------------------------------

server.tool('text', {}, () => 'plain text');
server.tool('blocks', {}, () => [{ type: 'text', text: 'one block' }]);
server.tool('result', {}, async () => ({ content: [{ type: 'text', text: 'a result' }], isError: false }));
// @ts-expect-error a result has no `temperature` member: it would be sent as {"content":[],"temperature":3}
server.tool('weak', {}, () => ({ temperature: 3 }));
// @ts-expect-error the same beside a real member, from an arrow function whose return type is inferred
server.tool('extra', {}, () => ({ content: [], temperature: 3 }));
// @ts-expect-error …and from an async one
server.tool('extra-async', {}, async () => ({ content: [{ type: 'text', text: 'x' }], temprature: 3 }));
// @ts-expect-error with an outputSchema too
server.tool('extra-structured', { outputSchema: z.object({ sum: z.number() }) }, () => ({
  structuredContent: { sum: 1 },
  total: 1,
}));
// A handler may return either kind from different branches, and a result declared elsewhere.
server.tool('branches', { inputSchema: { n: z.number() } }, ({ n }) =>
  n > 0 ? 'positive' : { content: [{ type: 'text', text: 'not positive' }], isError: true },
);
const prepared = { content: [{ type: 'text' as const, text: 'ready' }], _meta: { 'example.com/k': 1 } };
server.tool('prepared', {}, () => prepared);

// ---- structuredContent is typed from outputSchema ----------------------------------------------------

server.tool('sum', { outputSchema: z.object({ sum: z.number() }) }, () => ({
  structuredContent: { sum: 1 },
}));
server.tool('sum-failed', { outputSchema: z.object({ sum: z.number() }) }, () => ({
  content: [{ type: 'text', text: 'could not add' }],
  isError: true,
}));
server.tool('sum-wrong', { outputSchema: z.object({ sum: z.number() }) }, () => ({
  // @ts-expect-error `sum` must be a number
  structuredContent: { sum: 'x' },
}));
// @ts-expect-error with an outputSchema, a plain string carries no structuredContent
server.tool('sum-text', { outputSchema: { sum: z.number() } }, () => 'three');

// ---- schemas that cannot describe tool arguments -----------------------------------------------------

// @ts-expect-error tool arguments are an object: a string schema breaks tools/list for every client
server.tool('string-input', { inputSchema: z.string() }, () => 'x');
// @ts-expect-error nor is an array
server.tool('array-input', { inputSchema: z.array(z.number()) }, () => 'x');
// @ts-expect-error a JSON Schema must describe an object too
server.tool('json-string', { inputSchema: { type: 'string' } }, () => 'x');

// ---- prompts: arguments arrive as strings -------------------------------------------------------------

server.prompt(
  'greet',
  { arguments: { name: z.string(), style: z.enum(['formal', 'casual']).optional(), n: z.coerce.number() } },
  (args) => {
    expectTypeOf(args).toEqualTypeOf<{ name: string; style?: 'formal' | 'casual' | undefined; n: number }>();
    return `Hello ${args.name}`;
  },
);
server.prompt(
  'count',
  {
    arguments: {
      // @ts-expect-error a prompt argument is a string, never a number: use z.coerce.number()
      n: z.number(),
    },
  },
  () => 'x',
);
server.prompt('listed', { arguments: [{ name: 'topic', required: true }] }, (args) => {
  expectTypeOf(args).toEqualTypeOf<{ [key: string]: string | undefined }>();
  return 'x';
});

// ---- completion keys name arguments and variables that exist ------------------------------------------

server.prompt(
  'trip',
  {
    arguments: { city: z.string() },
    complete: {
      city: () => ['Paris'],
      // @ts-expect-error the prompt has no `town` argument
      town: () => ['Lyon'],
    },
  },
  () => 'x',
);
server.prompt(
  'no-arguments',
  {
    complete: {
      // @ts-expect-error the prompt has no arguments at all
      x: () => ['1'],
    },
  },
  () => 'x',
);
server.resourceTemplate(
  'file',
  'file:///{+path}{?rev,mode}',
  {
    complete: {
      path: () => ['a.txt'],
      rev: () => ['1'],
      // @ts-expect-error the template has no `name` variable
      name: () => ['x'],
    },
  },
  (uri) => uri,
);

// ---- a handler may build its own promise -------------------------------------------------------------

server.tool(
  'wait',
  {},
  (_args, ctx) => new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', reject)),
);
server.tool('later', {}, () => new Promise((resolve) => setTimeout(() => resolve('done'), 1)));
