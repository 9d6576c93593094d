/**
 * The client's `server/discover` probe (2026-07-28 basic/transports §Backward Compatibility): what counts
 * as a modern answer, and which revision to try again with when the server names the ones it serves.
 */
import { ErrorCode, LocalError, LocalErrorCode, ProtocolError } from '../errors.js';
import type { JsonObject } from '../jsonrpc/types.js';
import type { MethodSpecLookup } from '../protocol/method-spec.js';
import type { Revision } from '../revisions.js';

/** The result itself when it is a complete, valid DiscoverResult; throws otherwise. */
export function checkDiscoverResult(
  methodSpecs: MethodSpecLookup | undefined,
  revision: Revision,
  result: JsonObject,
): JsonObject {
  const validator = methodSpecs?.(revision, 'server/discover')?.result;
  const outcome = validator?.safeParse({ resultType: 'complete', ...result });
  if (outcome !== undefined && !outcome.success)
    throw new LocalError(LocalErrorCode.InvalidMessage, 'invalid DiscoverResult');
  if (result.resultType !== undefined && result.resultType !== 'complete')
    throw new LocalError(LocalErrorCode.InvalidMessage, 'DiscoverResult is not complete');
  return result;
}

/**
 * After a failed probe: the first of `modern` that the server lists in an unsupported-version error, or
 * undefined when the error is of any other kind (a legacy server) or lists none of them.
 */
export function revisionToRetry(error: unknown, modern: readonly Revision[]): Revision | undefined {
  if (!(error instanceof ProtocolError) || error.code !== ErrorCode.UnsupportedProtocolVersion)
    return undefined;
  const listed = (error.data as { supported?: unknown } | undefined)?.supported;
  return Array.isArray(listed) ? modern.find((revision) => listed.includes(revision)) : undefined;
}
