import { defineConfig } from 'tsup';

export default defineConfig({
  // One entry per subpath export (add './http', './sse', './websocket' here and in package.json `exports`).
  entry: {
    'stdio/index': 'src/stdio/index.ts',
    'http/index': 'src/http/index.ts',
    'sse/index': 'src/sse/index.ts',
    'websocket/index': 'src/websocket/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
});
