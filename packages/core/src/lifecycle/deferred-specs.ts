/**
 * The method specs of lifecycle connections, loaded on first need. They are zod schemas, and zod is most of
 * a server's start-up cost (about 40 ms of a stdio server's 120 ms on the benchmark machine), so a process
 * that imports `@mcpwire/core/runtime` (as the server, client and transport packages do) does not load them
 * at import. Until they are needed, lookups answer from the zod-free method table (../schemas/method-table.ts):
 * which methods exist, who sends them, and the quick checks that prove common params valid. The engine
 * serves what those checks prove valid (a plain initialize, initialized, a list, a tools/call without
 * `_meta`) and holds anything that needs a schema, in order, while they load (../protocol/spec-gate.ts).
 */
import type { MethodSpecLookup, MethodSpecView, Validator } from '../protocol/method-spec.js';
import type { Revision } from '../revisions.js';
import { methodTable } from '../schemas/method-table.js';

type Lookup = (revision: Revision, method: string) => MethodSpecView | undefined;

let loaded: Lookup | undefined;
let loading: Promise<unknown> | undefined;

/** Starts loading the method specs (once); the promise settles when they are loaded. */
function loadMethodSpecs(): Promise<unknown> {
  if (loading === undefined) {
    loading = import('../schemas/lookup.js').then((module) => {
      loaded = module.getMethodSpec;
    });
    // A failed load is reported by each engine holding messages for it; nobody else may be listening.
    loading.catch(() => {});
  }
  return loading;
}

/** Whether the method specs are loaded (for tests and diagnostics). */
export function methodSpecsLoaded(): boolean {
  return loaded !== undefined;
}

/** Never run: before the load, the engine serves only what a quick check proved valid (spec-gate.ts). */
const NOT_LOADED: Validator = {
  safeParse() {
    throw new Error('internal error: a method schema was used before the schemas were loaded');
  },
};

/**
 * Each revision's specs before the load: the table's entries, with validators that must not run. Built
 * whole on a revision's first lookup, so that a lookup is two Map reads, as after the load: a server whose
 * clients only send what quick checks accept may never load the schemas, and looks up on every message.
 */
const beforeLoad = new Map<string, ReadonlyMap<string, MethodSpecView>>();

function specsBeforeLoad(revision: Revision): ReadonlyMap<string, MethodSpecView> {
  const specs = new Map<string, MethodSpecView>();
  for (const [method, entry] of methodTable(revision)) {
    specs.set(
      method,
      entry.kind === 'request'
        ? { ...entry, params: NOT_LOADED, result: NOT_LOADED }
        : { ...entry, params: NOT_LOADED },
    );
  }
  beforeLoad.set(revision, specs);
  return specs;
}

function specBeforeLoad(revision: Revision, method: string): MethodSpecView | undefined {
  return (beforeLoad.get(revision) ?? specsBeforeLoad(revision)).get(method);
}

/** The default lookup of lifecycle connections (see the file comment). */
export const deferredMethodSpecs: MethodSpecLookup = Object.assign(
  (revision: Revision, method: string) =>
    loaded !== undefined ? loaded(revision, method) : specBeforeLoad(revision, method),
  { deferred: { isLoaded: methodSpecsLoaded, load: loadMethodSpecs } },
);
