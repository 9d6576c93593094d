/** The express recipe (examples/frameworks/src/express.ts) in its own Node process, through every scenario check. */
import { runtimes, startRecipe } from './recipe-process.js';
import { describeServer } from './scenario.js';

describeServer('Express 5 (express.json() mounted first)', () =>
  startRecipe(runtimes.node('src/express.ts')),
);
