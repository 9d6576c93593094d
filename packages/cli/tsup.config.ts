import { defineConfig } from 'tsup';
import { commandBuild, libraryBuild } from '../../tsup.base.js';

// The command builds beside the library, so `node dist/cli.js` and the bin both work.
export default defineConfig([libraryBuild({ index: 'src/index.ts' }), commandBuild({ cli: 'src/cli.ts' })]);
