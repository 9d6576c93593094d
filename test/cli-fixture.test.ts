/**
 * The CLI against our fixture server through its stable command line
 * (`node packages/conformance/dist/cli.js fixture-server --stdio`, built by `pnpm run build`), in both eras.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, FIXTURE_BIN } from '../packages/client/test/helpers.js';

const FIXTURE = `"${process.execPath}" "${FIXTURE_BIN}" fixture-server --stdio`;

function mcpwire(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('mcpwire CLI ↔ fixture server over stdio', { timeout: 60_000 }, () => {
  it('negotiates 2026-07-28 by default and calls echo', async () => {
    const info = await mcpwire(['info', '--json', '--stdio', FIXTURE]);
    expect(JSON.parse(info.stdout)).toMatchObject({
      revision: '2026-07-28',
      era: 'modern',
      serverInfo: { name: 'mcpwire-fixture-server' },
    });
    const echo = await mcpwire(['tools', 'call', 'echo', '--arg', 'text=modern hello', '--stdio', FIXTURE]);
    expect(echo).toMatchObject({ code: 0, stdout: 'modern hello\n' });
  });

  it('speaks a pinned legacy revision with --revision', async () => {
    const info = await mcpwire(['info', '--json', '--revision', '2025-06-18', '--stdio', FIXTURE]);
    expect(JSON.parse(info.stdout)).toMatchObject({ revision: '2025-06-18', era: 'legacy' });
    const read = await mcpwire([
      'resources',
      'read',
      'test://static-text',
      '--revision',
      '2025-06-18',
      '--stdio',
      FIXTURE,
    ]);
    expect(read.stdout).toBe('This is the content of the static text resource.\n');
  });

  it('fails clearly when a tool needs a capability the CLI does not offer (sampling)', async () => {
    const run = await mcpwire(['tools', 'call', 'test_sampling', '--arg', 'prompt=hi', '--stdio', FIXTURE]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/sampling/);
  });
});
