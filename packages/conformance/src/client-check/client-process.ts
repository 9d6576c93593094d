/**
 * What both client peers (stdio and Streamable HTTP) do with the client process they spawn: keep a
 * bounded copy of its stderr and wait for it to exit, killing its whole process group at the deadline.
 */
import type { ChildProcess } from 'node:child_process';

const MAX_STDERR_CHARS = 64 * 1024;

/** Collects stderr up to a bound; read `text` after the process has exited. */
export function collectStderr(child: ChildProcess): { readonly text: string } {
  const collected = { text: '' };
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (collected.text.length < MAX_STDERR_CHARS) collected.text += chunk;
  });
  return collected;
}

export interface ClientExit {
  /** The exit code; null when the process could not start or was killed. */
  readonly exitCode: number | null;
  /** True when the deadline killed it. */
  readonly timedOut: boolean;
  /** Why the command could not be started (ENOENT, EACCES), if it could not. */
  readonly spawnError?: NodeJS.ErrnoException;
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Resolves once the client exited, or was killed at the deadline. The child must be spawned `detached`
 * so that `-pid` names its process group: at the deadline the whole group is killed, and once the client
 * has exited whatever it left in its group goes too. Our ends of its pipes are then destroyed, so a
 * descendant outside the group that still holds them cannot keep the runner alive.
 */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<ClientExit> {
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    const finish = (result: ClientExit) => {
      clearTimeout(timer);
      killGroup(child);
      // Let stdout deliver what the client wrote last (bounded), then let go of the pipes.
      const release = () => {
        clearTimeout(bound);
        for (const stream of [child.stdin, child.stdout, child.stderr]) stream?.destroy();
        child.unref();
        resolve(result);
      };
      const bound = setTimeout(release, 500);
      if (child.stdout === null || child.stdout.closed) release();
      else child.stdout.once('close', release);
    };
    child.once('exit', (code) => finish({ exitCode: code, timedOut }));
    child.once('error', (error) => finish({ exitCode: null, timedOut, spawnError: error }));
  });
}
