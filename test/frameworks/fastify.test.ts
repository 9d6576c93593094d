/** The fastify recipe (examples/frameworks/src/fastify.ts) in its own Node process, through every scenario check. */
import { runtimes, startRecipe } from './recipe-process.js';
import { describeServer } from './scenario.js';

describeServer('Fastify 5 (toFastifyPlugin)', () => startRecipe(runtimes.node('src/fastify.ts')));
