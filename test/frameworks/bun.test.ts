/** The Bun recipe (examples/frameworks/src/bun.ts) on a real Bun 1.4, through every scenario check. */
import { runtimes, startRecipe } from './recipe-process.js';
import { describeServer } from './scenario.js';

describeServer('Bun.serve', () => startRecipe(runtimes.bun('src/bun.ts')));
