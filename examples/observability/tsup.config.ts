import { defineConfig } from 'tsup';

// The example runs with plain node: `node dist/index.js` (the @mcpwire packages come from node_modules).
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  clean: true,
  target: 'es2022',
  platform: 'node',
});
