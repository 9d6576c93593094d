/** Which revisions a client speaks: its sorted list, and whether a server's initialize answer picked one of them. */
import { LocalError, LocalErrorCode, UnsupportedRevisionError } from '../errors.js';
import { describeIssues, type MethodSpecLookup } from '../protocol/method-spec.js';
import { isLegacyRevision, isRevision, type LegacyRevision, type Revision } from '../revisions.js';
import type { InitializeResult } from '../schemas/types.js';

/** The known revisions of `requested`, newest first; throws when `pinned` is not one of them. */
export function clientRevisions(
  requested: readonly string[],
  pinned: Revision | undefined,
): readonly Revision[] {
  const supported = [...new Set(requested)].filter(isRevision).sort().reverse();
  if (pinned !== undefined && !supported.includes(pinned)) {
    throw new LocalError(
      LocalErrorCode.InvalidConfig,
      `ClientConnection: expected the pinned revision to be one of ${supported.join(', ')}, received ${pinned}`,
    );
  }
  return supported;
}

/**
 * The legacy revision the server chose in its InitializeResult; throws when it is not one of `supported`
 * (UnsupportedRevisionError) or the result does not validate against that revision's spec.
 */
export function checkInitializeResult(
  methodSpecs: MethodSpecLookup | undefined,
  supported: readonly Revision[],
  result: InitializeResult,
): LegacyRevision {
  const chosen = result.protocolVersion;
  const legacy = supported.filter(isLegacyRevision);
  if (!isLegacyRevision(chosen) || !legacy.includes(chosen))
    throw new UnsupportedRevisionError(chosen, legacy);
  const validator = methodSpecs?.(chosen, 'initialize')?.result;
  const outcome = validator?.safeParse(result);
  if (outcome !== undefined && !outcome.success) {
    throw new LocalError(
      LocalErrorCode.InvalidMessage,
      `Invalid result for initialize (${chosen}): ${describeIssues(outcome.error.issues)}`,
    );
  }
  return chosen;
}
