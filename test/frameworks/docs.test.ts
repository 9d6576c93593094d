/**
 * docs/frameworks.md shows the recipe files of examples/frameworks verbatim, so what the page says is what
 * the runtime tests in this folder run. A recipe changed without the page (or the reverse) fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECIPES_DIR } from './recipe-process.js';

const page = readFileSync(new URL('../../docs/frameworks.md', import.meta.url), 'utf8');
// A fence's info string may say more than the language (`ts example=<path>`, see test/docs/blocks.ts).
const blocks = [...page.matchAll(/```[^\n]*\n([\s\S]*?)\n```/g)].map((match) => match[1]!);

const recipes = [
  'src/server.ts',
  'src/node.ts',
  'src/bun.ts',
  'src/deno.ts',
  'wrangler.toml',
  'src/worker.ts',
  'src/express.ts',
  'src/fastify.ts',
  'src/hono.ts',
  'src/nextjs/app/mcp/route.ts',
];

describe('docs/frameworks.md', () => {
  it.each(recipes)('shows %s verbatim', (file) => {
    const text = readFileSync(`${RECIPES_DIR}${file}`, 'utf8').trimEnd();
    expect(blocks).toContain(text);
  });
});
