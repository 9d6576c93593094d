/**
 * Which incoming messages an engine serves while its method schemas load (see MethodSpecLookup's
 * `deferred`): those whose handling runs no validator. A request or notification qualifies when its method
 * is unknown to the revision or its spec's quick check proves the params valid; progress and cancellation
 * are never validated. Responses are held (their results are validated), and so are requests of 2026-07-28,
 * whose `_meta` no quick check covers, and batches.
 */
import { LATEST_LEGACY_REVISION, type Revision } from '../revisions.js';
import type { MethodSpecLookup } from './method-spec.js';

export function servableBeforeLoad(
  payload: unknown,
  revision: Revision | undefined,
  specs: MethodSpecLookup,
): boolean {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const message = payload as { method?: unknown; id?: unknown; params?: unknown };
  const method = message.method;
  if (typeof method !== 'string') return false;
  if (message.id === undefined) {
    if (method === 'notifications/cancelled' || method === 'notifications/progress') return true;
    // Notifications are validated against the negotiated revision only.
    if (revision === undefined) return true;
  }
  // initialize is checked the same way in every revision that has it (see schemas/quick-initialize.ts).
  const checked = method === 'initialize' ? LATEST_LEGACY_REVISION : revision;
  if (checked === undefined) return false;
  const spec = specs(checked, method);
  return spec === undefined || spec.quickAccept?.(message.params ?? {}) === true;
}
