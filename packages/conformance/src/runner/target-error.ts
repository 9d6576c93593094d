/**
 * A target that cannot be judged at all: a command that does not start, a process that exits or stays
 * silent before its first answer, a URL that refuses connections, asks for credentials, or serves
 * something other than MCP. The runner reports it as what it is, with exit code 3 (see ./exit-codes.ts),
 * instead of a column of protocol failures.
 */
import { TransportError } from '@mcpwire/core';

export type UnavailableKind = 'spawn' | 'exited' | 'silent' | 'unreachable' | 'unauthorized' | 'not-mcp';

export class TargetUnavailableError extends TransportError {
  constructor(
    readonly kind: UnavailableKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TargetUnavailableError';
  }
}
