import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

// The client's loopback listener and DNS resolver use node: modules; everything else is web-standard.
export default defineConfig(
  libraryBuild({ 'server/index': 'src/server/index.ts', 'client/index': 'src/client/index.ts' }),
);
