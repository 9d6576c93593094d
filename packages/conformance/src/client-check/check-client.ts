/**
 * check-client: the runner plays the server for the client command, over stdio or Streamable HTTP, and
 * reports what the client did.
 */
import { ConfigError } from '@mcpwire/core';
import { note, Recorder } from '../runner/recorder.js';
import { type Report, summarize } from '../runner/types.js';
import { serveHttpClient } from './http-client-peer.js';
import type { ScriptedServer } from './scripted-server.js';
import { serveStdioClient } from './stdio-client-peer.js';

export interface CheckClientOptions {
  readonly command: string;
  readonly transport?: 'stdio' | 'http';
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
  const { server, outcome } =
    transport === 'stdio'
      ? await serveStdioClient(options.command, rec, timeoutMs)
      : await serveHttpClient(options.command, rec, timeoutMs);
  conclude(rec, server, transport);

  if (outcome.timedOut)
    rec.fail('L03', `expected the client to finish within ${timeoutMs} ms, it was killed`, [
      note(`stderr tail: ${outcome.stderr.slice(-300)}`),
    ]);
  const checks = rec.results();
  return {
    kind: 'client',
    target: options.command,
    revision: server.initializeCount > 0 ? server.revision : null,
    revisions: server.initializeCount > 0 ? [server.revision] : [],
    transport,
    checks,
    summary: summarize(checks),
    durationMs: Date.now() - started,
    clientExitCode: outcome.exitCode,
  };
}

function conclude(rec: Recorder, server: ScriptedServer, transport: string): void {
  if (server.messageCount === 0)
    rec.fail('L03', 'expected the client to send initialize, received no message');
  else if (server.initializeCount === 0) rec.fail('L03', 'expected initialize, received none');
  rec.pass('L04', 'no request for a capability the server did not advertise (only tools)');
  rec.pass('L08', 'initialize was never cancelled');
  rec.pass('CJ1', 'request ids are unique and responses echo ours');
  rec.pass('CV1', `client messages validate against ${server.revision}`);
  if (server.pagesServed === 0) rec.skip('F10', 'the client never listed tools');
  else if (server.pagesServed === 1)
    rec.skip('F10', 'the client did not follow nextCursor (it listed one page)');
  if (!server.elicitationDone) {
    const why =
      transport === 'stdio'
        ? 'the client did not declare elicitation or never called a tool'
        : 'server→client requests are not sent over plain-JSON HTTP';
    rec.skip('C02', why);
    rec.skip('C03', why);
  }
  rec.skip('M10', 'the scripted server speaks legacy revisions only (MRTR is 2026-07-28)');
  if (transport === 'stdio') {
    for (const id of ['H03', 'H07', 'H09', 'H12']) rec.skip(id, 'HTTP only (run with --transport http)');
  } else rec.skip('T02', 'stdio only');
}
