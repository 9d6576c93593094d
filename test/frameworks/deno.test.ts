/** The Deno recipe (examples/frameworks/src/deno.ts) on a real Deno 2.9, through every scenario check. */
import { runtimes, startRecipe } from './recipe-process.js';
import { describeServer } from './scenario.js';

describeServer('Deno.serve', () => startRecipe(runtimes.deno('src/deno.ts')));
