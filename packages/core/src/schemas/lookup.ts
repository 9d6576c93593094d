/**
 * The (revision, method) lookup every package uses: which methods a revision has, who sends them, and the
 * schemas of their params and results. A revision's table is built on its first lookup; after that, lookups
 * are Map reads.
 */
import type { Revision } from '../revisions.js';
import type { MethodSpec } from './method-spec.js';
import { methods2024_11_05 } from './rev-2024-11-05.js';
import { methods2025_03_26 } from './rev-2025-03-26.js';
import { methods2025_06_18 } from './rev-2025-06-18.js';
import { methods2025_11_25 } from './rev-2025-11-25.js';
import { methods2026_07_28 } from './rev-2026-07-28.js';

export type { MessageKind, MethodSpec, Sender } from './method-spec.js';

const builders = new Map<string, () => MethodSpec[]>([
  ['2024-11-05', methods2024_11_05],
  ['2025-03-26', methods2025_03_26],
  ['2025-06-18', methods2025_06_18],
  ['2025-11-25', methods2025_11_25],
  ['2026-07-28', methods2026_07_28],
]);
const tables = new Map<string, readonly MethodSpec[]>();
const byRevision = new Map<string, ReadonlyMap<string, MethodSpec>>();

/** A revision's method specs, built (with their schemas) on its first use. */
function specsOf(revision: string): ReadonlyMap<string, MethodSpec> | undefined {
  const build = builders.get(revision);
  if (build === undefined) return undefined;
  const specs = Object.freeze(build());
  const byMethod = new Map(specs.map((spec) => [spec.method, Object.freeze(spec)]));
  tables.set(revision, specs);
  byRevision.set(revision, byMethod);
  return byMethod;
}

/** The spec of `method` in `revision`, or undefined when the revision has no such method. */
export function getMethodSpec(revision: Revision, method: string): MethodSpec | undefined {
  return (byRevision.get(revision) ?? specsOf(revision))?.get(method);
}

/** Every request and notification method of `revision`. */
export function methodsOf(revision: Revision): readonly MethodSpec[] {
  if (!tables.has(revision)) specsOf(revision);
  return tables.get(revision) ?? [];
}
