/**
 * Saving and restoring a legacy session's state (Transport.sessionSnapshot / saveSessionState), so that
 * another process can serve a session it did not open. The engine keeps the negotiated revision, the
 * client's info and capabilities and whether `notifications/initialized` arrived; the layer above it
 * (McpServer) adds its own state through a SessionStateExtension.
 */
import { LocalError, LocalErrorCode } from '../errors.js';
import type { JsonObject } from '../jsonrpc/types.js';
import type { LegacyRevision } from '../revisions.js';
import type { SessionSnapshot } from '../transport.js';

/** Per-session state of the layer above a ServerConnection, saved and restored with the engine's. */
export interface SessionStateExtension {
  /** The layer's state as a JSON object, or undefined when it has nothing to keep. */
  exportSessionState(): JsonObject | undefined;
  /** Restores what `exportSessionState` produced (possibly in another process); undefined: the defaults. */
  restoreSessionState(state: JsonObject | undefined): void;
}

/** The engine's part of a snapshot, checked, or a LocalError saying what is wrong with it. */
export function readSnapshot(
  snapshot: SessionSnapshot,
  served: readonly LegacyRevision[],
): {
  revision: LegacyRevision;
  initialized: boolean;
  clientInfo?: JsonObject;
  clientCapabilities?: JsonObject;
} {
  const revision = served.find((candidate) => candidate === snapshot.protocolVersion);
  if (revision === undefined) {
    throw new LocalError(
      LocalErrorCode.InvalidState,
      `Cannot restore the session: expected a snapshot of a revision this server serves (${served.join(', ')}), received ${JSON.stringify(snapshot.protocolVersion)}`,
    );
  }
  return {
    revision,
    initialized: snapshot.initialized === true,
    clientInfo: objectOrUndefined(snapshot.clientInfo),
    clientCapabilities: objectOrUndefined(snapshot.clientCapabilities),
  };
}

export function objectOrUndefined(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}
