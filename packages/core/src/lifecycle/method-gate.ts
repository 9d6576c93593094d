/**
 * Whether a method exists in a revision and may be sent by a given side. Methods no revision knows
 * (extensions, experiments) pass: they are the application's business.
 */
import { ErrorCode, ProtocolError } from '../errors.js';
import type { MethodSender, MethodSpecLookup } from '../protocol/method-spec.js';
import { REVISIONS, type Revision } from '../revisions.js';

export function isMethodOfSomeRevision(specs: MethodSpecLookup, method: string): boolean {
  for (const revision of REVISIONS) if (specs(revision, method) !== undefined) return true;
  return false;
}

/** Throws -32601 when `method` is an MCP method that `revision` lacks or that `sender` may not send. */
export function assertMethodAllowed(
  specs: MethodSpecLookup | undefined,
  revision: Revision,
  method: string,
  sender: MethodSender,
): void {
  if (specs === undefined) return;
  const spec = specs(revision, method);
  if (spec === undefined) {
    if (isMethodOfSomeRevision(specs, method)) {
      throw new ProtocolError(
        ErrorCode.MethodNotFound,
        `Method not found: ${method} is not part of protocol revision ${revision}`,
      );
    }
    return;
  }
  if (!spec.senders.includes(sender)) {
    throw new ProtocolError(
      ErrorCode.MethodNotFound,
      `Method not found: expected ${method} from the ${spec.senders.join(' or ')}, received it from the ${sender}`,
    );
  }
}
