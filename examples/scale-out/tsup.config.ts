import { defineConfig } from 'tsup';

// Runs with plain node: `node dist/start.js` (redis-server + replicas) or `node dist/replica.js` (one).
export default defineConfig({
  entry: { start: 'src/start.ts', replica: 'src/replica.ts' },
  format: ['esm'],
  clean: true,
  target: 'es2022',
  platform: 'node',
});
