/**
 * The client's OpenTelemetry wiring (see docs/observability.md): the hooks go on the connection, which
 * then traces every request and carries trace context in `_meta`; a legacy session's duration is
 * recorded when it closes.
 */
import type { ClientConnection, TelemetrySource, Transport } from '@mcpwire/core/runtime';

/** Attaches the hooks (waiting for the API only when the application uses OpenTelemetry already). */
export async function attachTelemetry(
  source: TelemetrySource,
  connection: ClientConnection,
  transport: Transport,
  closed: () => void,
): Promise<void> {
  if (source.mustWait) await source.load();
  const telemetry = source.attach(connection);
  if (telemetry === undefined) return;
  const startedAt = performance.now();
  connection.onclose = () => {
    // Only a legacy connection is a session; a 2026-07-28 one sends independent requests.
    if (connection.era === 'legacy') {
      telemetry.sessionEnded('client', transport, startedAt, connection.negotiatedRevision);
    }
    closed();
  };
}
