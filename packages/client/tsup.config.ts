import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

export default defineConfig([
  // The root entry is runtime-neutral: no node: imports, no transports.
  libraryBuild({ index: 'src/index.ts' }, { platform: 'neutral', external: [/^@mcpwire\//] }),
  // ./node: the mcpServers config loader (reads files, spawns processes). Builds beside the root entry.
  libraryBuild({ 'node/index': 'src/node/index.ts' }, { clean: false, external: [/^@mcpwire\//] }),
]);
