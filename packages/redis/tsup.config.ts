import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

// Node only (node-redis opens TCP sockets); the mcpwire packages stay external so users share one copy.
export default defineConfig(libraryBuild({ index: 'src/index.ts' }, { external: [/^@mcpwire\//, 'redis'] }));
