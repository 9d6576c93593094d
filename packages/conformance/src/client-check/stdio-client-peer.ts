/**
 * The client under test as a child process we serve over its stdin/stdout. Every stdout line must be one
 * JSON-RPC message (T02); stderr is kept (bounded) and never judged (T03).
 */
import { spawn } from 'node:child_process';
import { type JsonObject, LineDecoder } from '@mcpwire/core';
import { splitCommandLine } from '../runner/command-line.js';
import { isObject } from '../runner/context.js';
import type { Recorder } from '../runner/recorder.js';
import { received } from '../runner/recorder.js';
import { collectStderr, waitForExit } from './client-process.js';
import { ScriptedServer, type ScriptedServerOptions } from './scripted-server.js';

/** What shapes the scripted server, beside the recorder and the channel the peer provides. */
export type PeerOptions = Omit<ScriptedServerOptions, 'rec' | 'send'>;

export interface ClientRunOutcome {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stderr: string;
  readonly spawnError?: NodeJS.ErrnoException | undefined;
}

export async function serveStdioClient(
  command: string,
  rec: Recorder,
  timeoutMs: number,
  peer: PeerOptions,
): Promise<{ server: ScriptedServer; outcome: ClientRunOutcome }> {
  const [file, ...args] = splitCommandLine(command);
  const child = spawn(file!, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  child.stdin.on('error', () => undefined);
  const server = new ScriptedServer({
    ...peer,
    rec,
    send: (message: JsonObject) => {
      if (!child.stdin.destroyed) child.stdin.write(`${JSON.stringify(message)}\n`);
    },
  });
  let lines = 0;
  const stderr = collectStderr(child);
  const decoder = new LineDecoder({
    onLine: (line) => {
      lines++;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        rec.fail(
          'T02',
          'expected every line the client writes to be a JSON-RPC message, received a line that is not JSON',
          [received(line)],
        );
        return;
      }
      if (!isObject(value) || value['jsonrpc'] !== '2.0') {
        rec.fail('T02', 'expected one JSON-RPC message object per line, received something else', [
          received(line),
        ]);
        return;
      }
      if (server.modern !== undefined && !('method' in value)) {
        // 2026-07-28 stdio §Sending Messages: the client sends requests and notifications only.
        rec.fail('T02', 'expected no JSON-RPC responses from a 2026-07-28 client on stdio, received one', [
          received(line),
        ]);
      }
      server.handle(value, line).then(
        (response) => {
          if (response !== undefined && !child.stdin.destroyed)
            child.stdin.write(`${JSON.stringify(response)}\n`);
        },
        () => undefined,
      );
    },
    onError: (error) =>
      rec.fail('T02', `expected lines within the framing limits, received: ${error.message}`),
  });
  child.stdout.on('data', (chunk: Buffer) => decoder.push(chunk));
  const { exitCode, timedOut, spawnError } = await waitForExit(child, timeoutMs);
  decoder.end();
  if (lines > 0) rec.pass('T02', `${lines} lines, each one JSON-RPC message`);
  return { server, outcome: { exitCode, timedOut, stderr: stderr.text, spawnError } };
}
