/**
 * `node:child_process`, loaded on first use. The stdio entry holds both the server transport, which never
 * spawns, and the client transport; loading the module costs a server's cold start about 2 ms.
 * `process.getBuiltinModule` is synchronous (Node 20.16+, Bun and Deno have it).
 */
type ChildProcessModule = typeof import('node:child_process');

let loaded: ChildProcessModule | undefined;

export function childProcessModule(): ChildProcessModule {
  loaded ??= process.getBuiltinModule('node:child_process') as ChildProcessModule;
  return loaded;
}
