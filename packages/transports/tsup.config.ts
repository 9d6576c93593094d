import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

// One entry per subpath export (add new ones here and in package.json `exports`).
export default defineConfig(
  libraryBuild({
    'stdio/index': 'src/stdio/index.ts',
    'http/index': 'src/http/index.ts',
    'sse/index': 'src/sse/index.ts',
    'websocket/index': 'src/websocket/index.ts',
  }),
);
