import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { 'server/index': 'src/server/index.ts', 'client/index': 'src/client/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // The client's loopback listener and DNS resolver use node: modules; everything else is web-standard.
  platform: 'node',
});
