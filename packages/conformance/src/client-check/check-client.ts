/**
 * check-client: the runner plays the server for the client command, over stdio or Streamable HTTP, and
 * reports what the client did.
 */
import { ConfigError, type Revision } from '@mcpwire/core';
import { note, Recorder } from '../runner/recorder.js';
import { TargetUnavailableError } from '../runner/target-error.js';
import { type Report, summarize } from '../runner/types.js';
import { serveHttpClient } from './http-client-peer.js';
import { startRefTrap } from './ref-trap.js';
import type { ScriptedServer } from './scripted-server.js';
import { type ClientRunOutcome, serveStdioClient } from './stdio-client-peer.js';

export interface CheckClientOptions {
  readonly command: string;
  readonly transport?: 'stdio' | 'http';
  /**
   * A legacy revision plays a legacy-only server (judges the dual-era fallback, M18); 2026-07-28 plays a
   * modern-only server. Default: modern when the client probes with 2026-07-28, legacy otherwise.
   */
  readonly revision?: Revision | undefined;
  /** How the legacy-only server answers a modern probe: an error code (default -32601) or silence. */
  readonly probeAnswer?: number | 'silent' | undefined;
  readonly timeoutMs?: number | undefined;
  readonly onProgress?: ((text: string) => void) | undefined;
}

export async function checkClient(options: CheckClientOptions): Promise<Report> {
  const started = Date.now();
  const transport = options.transport ?? 'stdio';
  if (options.command.trim() === '')
    throw new ConfigError('check-client: expected --command "<command line>", received an empty string');
  const rec = new Recorder(`client over ${transport}`);
  options.onProgress?.(`running the client over ${transport}`);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const trap = await startRefTrap();
  const peer = { revision: options.revision, probeAnswer: options.probeAnswer, refUrl: trap.url };
  const { server, outcome } = await (transport === 'stdio'
    ? serveStdioClient(options.command, rec, timeoutMs, peer)
    : serveHttpClient(options.command, rec, timeoutMs, peer)
  ).finally(() => trap.close());
  unavailable(options.command, server, outcome);
  conclude(rec, server, transport);
  concludeModern(rec, server, transport, trap.hits, trap.url);

  if (outcome.timedOut)
    rec.fail('L03', `expected the client to finish within ${timeoutMs} ms, it was killed`, [
      note(`stderr tail: ${outcome.stderr.slice(-300)}`),
    ]);
  const checks = rec.results();
  return {
    kind: 'client',
    target: options.command,
    revision: server.initializeCount > 0 || server.modern !== undefined ? server.revision : null,
    revisions: server.initializeCount > 0 || server.modern !== undefined ? [server.revision] : [],
    transport,
    checks,
    summary: summarize(checks),
    durationMs: Date.now() - started,
    clientExitCode: outcome.exitCode,
  };
}

/** A client that could not start, or ended in error before its first message, cannot be judged. */
function unavailable(command: string, server: ScriptedServer, outcome: ClientRunOutcome): void {
  if (outcome.spawnError !== undefined) {
    const code = outcome.spawnError.code ?? 'error';
    throw new TargetUnavailableError(
      'spawn',
      `cannot start ${JSON.stringify(command)}: ${code}${code === 'ENOENT' ? ' (command not found)' : ''}: ${outcome.spawnError.message}`,
    );
  }
  if (server.messageCount === 0 && !outcome.timedOut && outcome.exitCode !== 0) {
    const tail = outcome.stderr.trim().slice(-400);
    throw new TargetUnavailableError(
      'exited',
      `the client ${JSON.stringify(command)} exited with code ${outcome.exitCode ?? 'unknown (killed)'} before sending a message; ${tail === '' ? 'stderr: (empty)' : `stderr tail: ${JSON.stringify(tail)}`}`,
    );
  }
}

function conclude(rec: Recorder, server: ScriptedServer, transport: string): void {
  if (server.messageCount === 0)
    rec.fail('L03', 'expected the client to send initialize, received no message');
  else if (server.modern !== undefined && server.initializeCount === 0)
    rec.skip('L03', 'the client spoke 2026-07-28 (no initialize handshake)');
  else if (server.initializeCount === 0) rec.fail('L03', 'expected initialize, received none');
  rec.pass('L04', 'no request for a capability the server did not advertise (only tools)');
  if (server.initializeCount > 0) rec.pass('L08', 'initialize was never cancelled');
  else rec.skip('L08', 'the client sent no initialize');
  rec.pass('CJ1', 'request ids are unique and responses echo ours');
  rec.pass('CV1', `client messages validate against ${server.revision}`);
  const pages = server.modern?.pagesServed ?? server.pagesServed;
  if (pages === 0) rec.skip('F10', 'the client never listed tools');
  else if (pages === 1) rec.skip('F10', 'the client did not follow nextCursor (it listed one page)');
  // Skips are defaults: a pass or a failure observed during the run outranks them.
  const why =
    server.modern === undefined
      ? 'the client did not declare elicitation or never called a tool'
      : 'the client did not declare elicitation or did not answer the confirm tool input_required round';
  rec.skip('C02', why);
  rec.skip('C03', why);
  if (transport === 'stdio') {
    for (const id of ['H03', 'H07', 'H09', 'H12']) rec.skip(id, 'HTTP only (run with --transport http)');
  } else rec.skip('T02', 'stdio only');
}

/** The 2026-07-28 checks: judged when the client spoke it, skipped with the reason otherwise. */
function concludeModern(
  rec: Recorder,
  server: ScriptedServer,
  transport: string,
  refHits: readonly string[],
  refUrl: string,
): void {
  if (transport !== 'stdio') rec.skip('M18', 'stdio only (over HTTP the fallback follows the 400 status)');
  else if (server.modern !== undefined) {
    if (server.modern.discovered)
      rec.pass('M18', 'the client probed with server/discover and continued in 2026-07-28');
    else rec.skip('M18', 'the client spoke 2026-07-28 without probing (allowed for a modern-only client)');
  } else if (server.probes > 0 && server.initializeCount === 0)
    rec.fail(
      'M18',
      `expected initialize after ${server.probeAnswered ?? 'the answer'} to the server/discover probe, received none`,
    );
  else if (server.probes === 0)
    rec.skip(
      'M18',
      server.modernAllowed
        ? 'the client did not probe with server/discover (a legacy-only client)'
        : 'the client did not probe with server/discover',
    );
  const modern = server.modern;
  const legacyWhy = 'the client did not speak 2026-07-28 (it never sent a request with 2026-07-28 _meta)';
  if (modern === undefined) {
    rec.skip(
      'M04',
      server.probes === 0
        ? 'the client did not probe (only a dual-era client meets results without resultType)'
        : 'the client neither followed nextCursor nor called a tool after legacy results',
    );
    for (const id of ['M10', 'M16']) rec.skip(id, legacyWhy);
    if (transport !== 'stdio') rec.skip('M15', legacyWhy);
    return;
  }
  rec.skip('M04', 'judged in the legacy fallback of a dual-era client (run with --revision 2025-11-25)');
  modern.conclude();
  if (refHits.length > 0)
    rec.fail(
      'M16',
      `expected the network $ref ${refUrl} never to be fetched automatically, received ${refHits.length} request(s)`,
      refHits.map((hit) => note(hit)),
    );
  else if (modern.modernToolsListed)
    rec.pass('M16', `the network $ref of ref_schema (${refUrl}) was never fetched`);
  else rec.skip('M16', 'the client never listed the page with the ref_schema tool');
  if (transport === 'stdio') rec.skip('M15', 'HTTP only (run with --transport http)');
  else if (modern.requests === 0) rec.skip('M15', 'the client sent no 2026-07-28 request');
}
