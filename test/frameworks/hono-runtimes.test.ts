/**
 * Hono's recipe line, `app.all('/mcp', toHonoHandler(handler))`, on the other runtimes the docs name: real
 * Bun 1.4 and Deno 2.9 serving a Hono app (examples/frameworks/src/hono-bun.ts, hono-deno.ts), where it
 * takes the web path, through every scenario check.
 */
import { runtimes, startRecipe } from './recipe-process.js';
import { describeServer } from './scenario.js';

describeServer('Hono on Bun.serve', () => startRecipe(runtimes.bun('src/hono-bun.ts')));
describeServer('Hono on Deno.serve', () => startRecipe(runtimes.deno('src/hono-deno.ts')));
