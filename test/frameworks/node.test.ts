/** The node recipe (examples/frameworks/src/node.ts) in its own Node process, through every scenario check. */
import { runtimes, startRecipe } from './recipe-process.js';
import { describeServer } from './scenario.js';

describeServer('Node (listen)', () => startRecipe(runtimes.node('src/node.ts')));
