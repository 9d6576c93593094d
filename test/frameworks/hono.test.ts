/** The hono recipe (examples/frameworks/src/hono.ts) in its own Node process, through every scenario check. */
import { runtimes, startRecipe } from './recipe-process.js';
import { describeServer } from './scenario.js';

describeServer('Hono 4 on @hono/node-server (toHonoHandler)', () =>
  startRecipe(runtimes.node('src/hono.ts')),
);
