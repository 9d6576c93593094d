/**
 * Process hygiene of the CLI: Ctrl-C (SIGINT) during a long tool call shuts the server down and exits 130;
 * no server process is left behind.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, childrenOf, EVERYTHING_BIN, isAlive, waitFor } from '../packages/client/test/helpers.js';

describe('mcpwire CLI signals', () => {
  it('SIGINT during a long call stops the server and exits 130', { timeout: 60_000 }, async () => {
    const cli = spawn(
      process.execPath,
      [
        CLI_BIN,
        'tools',
        'call',
        'trigger-long-running-operation',
        '--arg',
        'duration=30',
        '--arg',
        'steps=30',
        '--stdio',
        `"${process.execPath}" "${EVERYTHING_BIN}"`,
      ],
      { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => cli.on('close', (code) => resolve(code)));
    // Wait for the server process to exist and the call to be under way.
    let servers: number[] = [];
    const found = await waitFor(() => {
      servers = childrenOf(cli.pid!);
      return servers.length > 0;
    }, 20_000);
    expect(found).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(servers.every(isAlive)).toBe(true);
    cli.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(() => resolve('hung'), 20_000)),
    ]);
    if (code === 'hung') cli.kill('SIGKILL');
    expect(code).toBe(130);
    expect(stderr).toContain('Interrupted');
    expect(await waitFor(() => servers.every((pid) => !isAlive(pid)), 10_000)).toBe(true);
  });
});
