import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

// One entry per subpath export (add new ones here and in package.json `exports`). ./http and ./sse have
// two builds each: `index` for Node and Bun (adds listen, toNodeListener, framework helpers and the
// undici clients) and `web`, free of `node:` imports and undici, which the `workerd`, `worker`, `browser`,
// `deno` and `edge-light` export conditions select, so Workers bundles need no aliases or stubs.
export default defineConfig(
  libraryBuild({
    'stdio/index': 'src/stdio/index.ts',
    'http/index': 'src/http/index.ts',
    'http/web': 'src/http/web.ts',
    'sse/index': 'src/sse/index.ts',
    'sse/web': 'src/sse/web.ts',
    'websocket/index': 'src/websocket/index.ts',
  }),
);
