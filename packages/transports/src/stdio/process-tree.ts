/**
 * Signals for a spawned server's whole process tree, and the one process-wide hook that kills live children
 * when this process exits or is interrupted.
 *
 * On POSIX the server is spawned as the leader of its own process group (`detached: true`), so
 * `process.kill(-pid)` reaches it and everything it started (servers often run behind `npx` or a shell).
 * On Windows, `taskkill /T` walks the tree.
 */
import { childProcessModule } from './child-process.js';

const isWindows = process.platform === 'win32';

/** Sends `signal` (or 0 to probe) to the process group led by `pid`. False when nothing is left to signal. */
export function signalTree(pid: number, signal: NodeJS.Signals | 0): boolean {
  if (isWindows) {
    // Console programs on Windows have no SIGTERM to honour, and once the root is gone taskkill can no longer
    // find its children: any termination is a forced kill of the whole tree while the root still exists.
    if (signal !== 0) {
      childProcessModule().spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], {
        stdio: 'ignore',
        windowsHide: true,
      });
      return true;
    }
    try {
      return process.kill(pid, signal);
    } catch {
      return false;
    }
  }
  try {
    return process.kill(-pid, signal);
  } catch {
    // ESRCH: no process left in the group. EPERM: not ours to signal. Either way, nothing to do.
    return false;
  }
}

/** True while any process of the tree (group) is still alive. */
export function treeAlive(pid: number): boolean {
  return signalTree(pid, 0);
}

/** Process ids of spawned servers whose trees are still ours to clean up. */
const liveTrees = new Set<number>();
let hooksInstalled = false;
const EXIT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Registers a spawned tree so it is killed if this process exits first. Installs the hooks on first use. */
export function trackTree(pid: number): void {
  liveTrees.add(pid);
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllTrees);
  for (const signal of EXIT_SIGNALS) process.on(signal, onExitSignal);
}

export function untrackTree(pid: number): void {
  liveTrees.delete(pid);
}

/** Number of trees still tracked (for tests and diagnostics). */
export function trackedTreeCount(): number {
  return liveTrees.size;
}

/**
 * Synchronous: an exiting process cannot wait for graceful shutdowns, so children get SIGKILL (SIGTERM could
 * be ignored and would leave orphans running).
 */
function killAllTrees(): void {
  for (const pid of liveTrees) signalTree(pid, 'SIGKILL');
  liveTrees.clear();
}

function onExitSignal(signal: NodeJS.Signals): void {
  killAllTrees();
  // Listening for a signal disables Node's default "exit on signal". If nobody else listens, restore it and
  // re-raise, so the process still dies of the signal as it would have without us.
  if (process.listenerCount(signal) === 1) {
    for (const name of EXIT_SIGNALS) process.off(name, onExitSignal);
    process.off('exit', killAllTrees);
    hooksInstalled = false;
    process.kill(process.pid, signal);
  }
}
