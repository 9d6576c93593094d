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

/**
 * Resolves with the exit code (null when the process could not start or was killed), and whether the
 * deadline killed it. The child must be spawned `detached` so that `-pid` names its process group.
 */
export function waitForExit(
  child: ChildProcess,
  timeoutMs: number,
): Promise<{ exitCode: number | null; timedOut: boolean }> {
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, timedOut });
    });
    child.once('error', () => {
      clearTimeout(timer);
      resolve({ exitCode: null, timedOut });
    });
  });
}
