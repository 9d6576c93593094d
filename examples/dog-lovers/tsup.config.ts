import { defineConfig } from 'tsup';

// The example runs with plain node: `node dist/index.js` (stdio) or `node dist/http.js` (HTTP);
// the @mcpwire packages come from node_modules.
export default defineConfig({
  entry: { index: 'src/index.ts', http: 'src/http.ts' },
  format: ['esm'],
  clean: true,
  target: 'es2022',
  platform: 'node',
});
