/**
 * The build every package shares, so that each package's tsup.config.ts names only its entries and what
 * differs (platform, externals). Libraries ship ESM + CJS + `.d.ts`; commands ship ESM with a shebang.
 */
import type { Options } from 'tsup';

type Entries = Record<string, string>;

/**
 * A library entry set: ESM + CJS + `.d.ts`, ES2022; `clean` wipes dist first. No source maps: the output
 * is unminified ES2022 with the sources' names, so stack traces read as they are, and maps were most of
 * what users installed (issue 16). Declarations leave out members marked `@internal`.
 */
export function libraryBuild(entry: Entries, options: Options = {}): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { stripInternal: true } },
    clean: true,
    sourcemap: false,
    target: 'es2022',
    platform: 'node',
    // Keep `node:http` as written: tsup would strip the prefix, and a bundler for Workers or Deno then
    // takes the bare `http` for a package name instead of a Node built-in.
    removeNodeProtocol: false,
    ...options,
  };
}

/**
 * An executable (`node dist/cli.js` and the package bin): ESM only, with a shebang. It never cleans, as
 * it builds beside the library of the same package.
 */
export function commandBuild(entry: Entries): Options {
  return {
    entry,
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
    removeNodeProtocol: false,
    banner: { js: '#!/usr/bin/env node' },
  };
}
