/**
 * The (revision, method) lookup every package uses: which methods a revision has, who sends them, and the
 * schemas of their params and results. Built once at module load; lookups are Map reads.
 */
import type { Revision } from '../revisions.js';
import type { MethodSpec } from './method-spec.js';
import { methods2024_11_05 } from './rev-2024-11-05.js';
import { methods2025_03_26 } from './rev-2025-03-26.js';
import { methods2025_06_18 } from './rev-2025-06-18.js';
import { methods2025_11_25 } from './rev-2025-11-25.js';
import { methods2026_07_28 } from './rev-2026-07-28.js';

export type { MessageKind, MethodSpec, Sender } from './method-spec.js';

const tables: Record<Revision, readonly MethodSpec[]> = {
  '2024-11-05': Object.freeze(methods2024_11_05),
  '2025-03-26': Object.freeze(methods2025_03_26),
  '2025-06-18': Object.freeze(methods2025_06_18),
  '2025-11-25': Object.freeze(methods2025_11_25),
  '2026-07-28': Object.freeze(methods2026_07_28),
};

const byRevision = new Map<string, ReadonlyMap<string, MethodSpec>>();
for (const [revision, specs] of Object.entries(tables)) {
  byRevision.set(revision, new Map(specs.map((spec) => [spec.method, Object.freeze(spec)])));
}

/** The spec of `method` in `revision`, or undefined when the revision has no such method. */
export function getMethodSpec(revision: Revision, method: string): MethodSpec | undefined {
  return byRevision.get(revision)?.get(method);
}

/** Every request and notification method of `revision`. */
export function methodsOf(revision: Revision): readonly MethodSpec[] {
  return tables[revision] ?? [];
}
