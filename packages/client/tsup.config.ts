import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The root entry is runtime-neutral: no node: imports, no transports.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    external: [/^@mcpwire\//],
  },
  {
    // ./node: the mcpServers config loader (reads files, spawns processes).
    entry: { 'node/index': 'src/node/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
    external: [/^@mcpwire\//],
  },
]);
