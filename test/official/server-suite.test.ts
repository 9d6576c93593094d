/**
 * The official conformance suite's server scenarios (`--suite all`: the 30 active ones plus the pending
 * json-schema-2020-12 and server-sse-polling) against our built fixture server over Streamable HTTP
 * (`node packages/conformance/dist/cli.js fixture-server --http --port 0`; `pnpm run check` builds first).
 * Verdicts come from each scenario's checks.json, not only the exit code: every scenario needs at least one
 * SUCCESS and no FAILURE or WARNING, apart from the entries of the `server:` baseline, each explained there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServerSuitePasses } from './server-suite-verdict.js';
import { fixtureCli, requireBuiltFixture } from './suite-helpers.js';

/** Starts the built fixture server on a free loopback port; resolves with its /mcp URL. */
function startFixture(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [fixtureCli, 'fixture-server', '--http', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`Expected the fixture server to print its URL within 20 s, received: ${stdout}${stderr}`),
      );
    }, 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+\/mcp)\n/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Expected the fixture server to keep running, but it exited with ${code}: ${stderr}`));
    });
  });
}

describe('official server scenarios against the fixture server over Streamable HTTP', () => {
  let fixture: { child: ChildProcess; url: string } | undefined;

  beforeAll(async () => {
    requireBuiltFixture('server');
    fixture = await startFixture();
  });

  afterAll(async () => {
    const child = fixture?.child;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  it('passes all server scenarios, each with at least one SUCCESS and no FAILURE or WARNING', {
    timeout: 120_000,
  }, async () => {
    // The dns-rebinding scenario needs a localhost/127.0.0.1 URL; the fixture prints 127.0.0.1.
    expect(fixture!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    await expectServerSuitePasses(fixture!.url);
  });
});
