/**
 * check-client (the conformance runner playing the server over Streamable HTTP) against the mcpwire CLI:
 * the runner answers 404 for the session once the client is working, and H09 demands a new initialize
 * without a session id. The CLI must then finish its command on the new session.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkClient } from '../../conformance/src/client-check/check-client.js';

const CLI = fileURLToPath(new URL('../../cli/src/cli.ts', import.meta.url));

describe('check-client against the mcpwire CLI: session expiry (H09)', () => {
  it('starts over with initialize after the 404 and completes the tool call', async () => {
    const report = await checkClient({
      // Pinned to a legacy revision: 2026-07-28 has no sessions, so the runner would play a modern server.
      command: `${process.execPath} --import tsx ${CLI} tools call echo --arg text=again --revision 2025-11-25 --url`,
      transport: 'http',
      timeoutMs: 20_000,
    });
    const failing = report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.message}`);
    expect(failing).toEqual([]);
    const h09 = report.checks.find((c) => c.id === 'H09');
    expect(h09?.status, h09?.message).toBe('pass');
    expect(report.clientExitCode).toBe(0);
  }, 30_000);
});
