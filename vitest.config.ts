import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against sources, so no build is needed between an edit and a test run.
    // `@mcpwire/<pkg>` -> packages/<pkg>/src/index.ts, `@mcpwire/<pkg>/<sub>` -> packages/<pkg>/src/<sub>/index.ts
    alias: [
      { find: /^@mcpwire\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/index.ts` },
      { find: /^@mcpwire\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/$2/index.ts` },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest defaults to (cores - 1) workers: one on a 2-core CI machine. Most test files wait on child
    // processes and sockets rather than the CPU, so three workers finish far sooner without starving them.
    maxWorkers: 3,
  },
});
