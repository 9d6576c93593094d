import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, fixture, isAlive, next, repoRoot } from './helpers.js';

const parents: ChildProcess[] = [];
afterEach(() => {
  for (const parent of parents.splice(0))
    if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
});

/** Starts fixtures/parent.ts (a client holding a stubborn server) and reads the two pids it reports. */
async function startParent(mode: 'wait' | 'exit') {
  const parent = spawn(process.execPath, ['--import', 'tsx', fixture('parent.ts'), mode], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  parents.push(parent);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    parent.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines = createInterface({ input: parent.stdout! });
  const pids = await next<{ parent: number; child: number }>(
    (deliver) => lines.once('line', (l) => deliver(JSON.parse(l))),
    15_000,
  );
  return { pids, exited };
}

describe('no orphaned servers when the client process goes away', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`kills the server tree when the client is interrupted by ${signal}, and still dies of the signal`, async () => {
      const { pids, exited } = await startParent('wait');
      expect(isAlive(pids.child)).toBe(true);
      process.kill(pids.parent, signal);
      expect(await exited).toEqual({ code: null, signal });
      expect(await eventually(() => !isAlive(pids.child))).toBe(true);
    });
  }

  it('kills the server tree when the client exits without closing the transport', async () => {
    const { pids, exited } = await startParent('exit');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(await eventually(() => !isAlive(pids.child))).toBe(true);
  });
});
