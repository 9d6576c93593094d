/**
 * The method specs of lifecycle connections, loaded on first need. They are zod schemas, and zod is most of
 * a server's start-up cost (about 40 ms of a stdio server's 130 ms on the benchmark machine), so a process
 * that imports `@mcpwire/core/runtime` (as the server, client and transport packages do) does not load them
 * at import. Until they are loaded the lookup serves only an initialize request that a quick check proves
 * valid, so a server answers initialize without zod; the engine holds every other message, in order, until
 * the load (started by the first held message, or when an initialize was answered) completes.
 */
import type { MethodSpecLookup, MethodSpecView, Validator } from '../protocol/method-spec.js';
import type { Revision } from '../revisions.js';
import { isQuickInitialize } from './quick-initialize.js';

type Lookup = (revision: Revision, method: string) => MethodSpecView | undefined;

let loaded: Lookup | undefined;
let loading: Promise<unknown> | undefined;

/** Starts loading the method specs (once); the promise settles when they are loaded. */
export function loadMethodSpecs(): Promise<unknown> {
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

/** Never run: the engine uses a spec before the load only when `quickAccept` proved the params valid. */
const NOT_LOADED: Validator = {
  safeParse() {
    throw new Error('internal error: a method schema was used before the schemas were loaded');
  },
};

const LEGACY_INITIALIZE: MethodSpecView = {
  method: 'initialize',
  kind: 'request',
  senders: ['client'],
  params: NOT_LOADED,
  quickAccept: isQuickInitialize,
};

/** 2026-07-28 has no initialize; every older revision has the same one as far as isQuickInitialize goes. */
function specBeforeLoad(revision: Revision, method: string): MethodSpecView | undefined {
  if (method === 'initialize' && revision !== '2026-07-28') return LEGACY_INITIALIZE;
  throw new Error(
    `internal error: the spec of ${method} was looked up before the schemas were loaded (only initialize is served before)`,
  );
}

function servesBeforeLoad(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const message = payload as { method?: unknown; id?: unknown; params?: unknown };
  if (message.method !== 'initialize' || message.id === undefined || !isQuickInitialize(message.params)) {
    return false;
  }
  // The next messages will need the schemas. Module loading reads files before it runs any code, so the
  // initialize answer, produced within this turn, goes out before the load costs this thread anything.
  void loadMethodSpecs();
  return true;
}

/** The default lookup of lifecycle connections (see the file comment). */
export const deferredMethodSpecs: MethodSpecLookup = Object.assign(
  (revision: Revision, method: string) =>
    loaded !== undefined ? loaded(revision, method) : specBeforeLoad(revision, method),
  {
    pendingLoad: (): Promise<unknown> | undefined => (loaded !== undefined ? undefined : loadMethodSpecs()),
    servesBeforeLoad,
  },
);
