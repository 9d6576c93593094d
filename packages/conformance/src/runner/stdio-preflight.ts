/**
 * Before any check runs, a stdio target must show that it is an MCP server at all: it starts, and it
 * answers its first request (initialize, or server/discover when only 2026-07-28 is planned) with a
 * JSON-RPC response of any kind. A command that cannot start, a process that exits first, or one that
 * stays silent is reported as a TargetUnavailableError with what it said on stdout and stderr, quickly,
 * rather than as protocol failures after every check has timed out.
 */
import { LATEST_LEGACY_REVISION, MODERN_REVISIONS } from '@mcpwire/core';
import { initializeParams } from '../checks/lifecycle.js';
import { withModernMeta } from './context.js';
import type { StdioWire } from './stdio-wire.js';
import { TargetUnavailableError } from './target-error.js';

function describeOutput(wire: StdioWire): string {
  const parts: string[] = [];
  if (wire.noise.length > 0) parts.push(`stdout: ${JSON.stringify(wire.noise.join('\n').slice(0, 300))}`);
  const tail = wire.stderrTail(400).trim();
  parts.push(tail === '' ? 'stderr: (empty)' : `stderr tail: ${JSON.stringify(tail)}`);
  return parts.join('; ');
}

export async function preflightStdio(
  open: () => Promise<StdioWire>,
  modernOnly: boolean,
  timeoutMs: number,
): Promise<void> {
  const wire = await open();
  try {
    const exchange = modernOnly
      ? await wire.request('server/discover', withModernMeta({}, MODERN_REVISIONS[0]!, {}), { timeoutMs })
      : await wire.request('initialize', initializeParams(LATEST_LEGACY_REVISION, {}), { timeoutMs });
    if (exchange.response !== undefined) return;
    const method = modernOnly ? 'server/discover' : 'initialize';
    if (wire.closed) {
      const exit = wire.exitInfo;
      const how =
        exit?.signal != null ? `was killed by ${exit.signal}` : `exited with code ${exit?.code ?? 'unknown'}`;
      throw new TargetUnavailableError(
        'exited',
        `the server ${JSON.stringify(wire.command)} ${how} before answering ${method}; ${describeOutput(wire)}`,
      );
    }
    throw new TargetUnavailableError(
      'silent',
      `the server ${JSON.stringify(wire.command)} sent no JSON-RPC response to ${method} within ${timeoutMs} ms; ${describeOutput(wire)}`,
    );
  } finally {
    await wire.dispose();
  }
}
