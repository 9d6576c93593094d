/**
 * Ends a child process the way a careful MCP client does (2025-11-25 basic/lifecycle §Shutdown, stdio):
 * close its stdin, wait, SIGTERM, wait, SIGKILL, each step bounded, so the total time is bounded too.
 * Signals go to the child's process group (it must be spawned `detached`), so wrappers such as `npx` or
 * `sh -c` die with the server. Afterwards our ends of its pipes are destroyed and the child is unref'd:
 * a descendant that left the group and still holds stdout cannot keep the runner alive.
 */
import type { ChildProcess } from 'node:child_process';

export interface ShutdownTimes {
  /** How long the process gets to exit by itself after stdin closes. */
  readonly graceMs: number;
  /** How long it gets after SIGTERM. */
  readonly termMs: number;
  /** How long we wait for the exit after SIGKILL before giving up on it. */
  readonly killMs: number;
}

export const CAREFUL: ShutdownTimes = { graceMs: 2000, termMs: 1000, killMs: 1000 };
/** For connections nobody judges (probes): the same steps, shorter. */
export const QUICK: ShutdownTimes = { graceMs: 300, termMs: 500, killMs: 500 };

export type ShutdownStep = 'before-close' | 'stdin-closed' | 'sigterm' | 'sigkill' | 'still-running';

export interface ShutdownOutcome {
  /** What ended it: it had exited before we closed stdin, it exited on EOF, on SIGTERM, on SIGKILL, or never. */
  readonly endedBy: ShutdownStep;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Milliseconds from closing stdin to the exit (0 when it had exited before). */
  readonly afterMs: number;
  /** True when the process exited but its stdout stayed open (a descendant outside its group holds it). */
  readonly stdoutHeldOpen: boolean;
}

export interface ExitState {
  readonly exited: Promise<void>;
  readonly stdoutEnded: Promise<void>;
  readonly exit: () => { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(resolve, ms, false);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function shutdownChild(
  child: ChildProcess,
  state: ExitState,
  times: ShutdownTimes,
): Promise<ShutdownOutcome> {
  const started = Date.now();
  let endedBy: ShutdownStep;
  if (state.exit() !== undefined) endedBy = 'before-close';
  else {
    child.stdin?.end();
    if (await within(state.exited, times.graceMs)) endedBy = 'stdin-closed';
    else {
      signalGroup(child, 'SIGTERM');
      if (await within(state.exited, times.termMs)) endedBy = 'sigterm';
      else {
        signalGroup(child, 'SIGKILL');
        endedBy = (await within(state.exited, times.killMs)) ? 'sigkill' : 'still-running';
      }
    }
  }
  const afterMs = endedBy === 'before-close' ? 0 : Date.now() - started;
  // Whatever the leader did, nothing of the group may outlive the run.
  signalGroup(child, 'SIGKILL');
  const stdoutHeldOpen = endedBy !== 'still-running' && !(await within(state.stdoutEnded, 200));
  for (const stream of [child.stdin, child.stdout, child.stderr]) stream?.destroy();
  child.unref();
  const exit = state.exit();
  return { endedBy, code: exit?.code ?? null, signal: exit?.signal ?? null, afterMs, stdoutHeldOpen };
}
