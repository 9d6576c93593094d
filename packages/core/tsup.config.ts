import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

// ESM: two entries, `@mcpwire/core` and the zod-free `@mcpwire/core/runtime`, sharing their code through
// chunks, with the schemas in a chunk the engine imports on first need. CommonJS: one entry, which the
// package's `./runtime` require condition also points at. A second CommonJS entry would carry its own copy
// of every class (esbuild splits ESM only; tsup's CommonJS splitting rewrites optional chaining into helper
// calls on every hot path), and an error thrown by the server would then not be `instanceof` the class a
// CommonJS user imports from `@mcpwire/core`. CommonJS users load zod at start-up.
export default defineConfig([
  libraryBuild(
    { index: 'src/index.ts', runtime: 'src/runtime/index.ts' },
    { platform: 'neutral', format: ['esm'], clean: false },
  ),
  libraryBuild({ index: 'src/index.ts' }, { platform: 'neutral', format: ['cjs'], clean: false }),
]);
