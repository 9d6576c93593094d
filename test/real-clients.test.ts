/**
 * check-client against the Vercel AI SDK's MCP client (@ai-sdk/mcp, its own implementation, not the
 * official SDK's) over its own stdio transport and over Streamable HTTP. The verdicts, and those of our
 * client and the official SDK clients (packages/conformance/test/runner-client.test.ts and
 * client-check-modern.test.ts), are recorded in packages/conformance/README.md.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkClient } from '../packages/conformance/src/client-check/check-client.js';

const client = fileURLToPath(new URL('./real-clients/ai-sdk-client.mjs', import.meta.url));

function statuses(checks: readonly { id: string; status: string }[]): Record<string, string> {
  return Object.fromEntries(checks.map((c) => [c.id, c.status]));
}

describe.concurrent('check-client on @ai-sdk/mcp', { timeout: 60_000 }, () => {
  it('over its stdio transport: a legacy 2025-11-25 client with no failure', async () => {
    const report = await checkClient({
      command: `node ${client} stdio`,
      transport: 'stdio',
      timeoutMs: 20_000,
    });
    const status = statuses(report.checks);
    expect(report.checks.filter((c) => c.status === 'fail' || c.status === 'warn')).toEqual([]);
    expect(report.revision).toBe('2025-11-25');
    for (const id of ['L03', 'L04', 'L08', 'CJ1', 'CV1', 'T02']) expect(status[id], id).toBe('pass');
    // It never probes with server/discover: a legacy-only client.
    expect(report.checks.find((c) => c.id === 'M18')?.message).toContain('did not probe');
    expect(report.clientExitCode).toBe(0);
  });

  it('over Streamable HTTP: fails H09, it does not start a new session after a 404 for its session', async () => {
    const report = await checkClient({
      command: `node ${client} http`,
      transport: 'http',
      timeoutMs: 20_000,
    });
    const failed = report.checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id)).toEqual(['H09']);
    expect(failed[0]!.message).toBe(
      'expected a new initialize without a session id after the 404, received none before the client exited',
    );
    const status = statuses(report.checks);
    for (const id of ['L03', 'H03', 'H07', 'H12', 'CV1']) expect(status[id], id).toBe('pass');
    // It gave up: the error it throws blames the transport ("This server does not support HTTP transport").
    expect(report.clientExitCode).toBe(1);
  });
});
