/**
 * check-client against real clients: one built with the official SDK (over stdio and Streamable HTTP) and a
 * hand-written plain-Node client that breaks one rule at a time.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkClient } from '../src/client-check/check-client.js';
import type { Report } from '../src/runner/types.js';

const sdkClient = fileURLToPath(new URL('./runner-clients/sdk-client.mjs', import.meta.url));
const rawClient = fileURLToPath(new URL('./runner-clients/raw-client.mjs', import.meta.url));

function statusOf(report: Report): Map<string, string> {
  return new Map(report.checks.map((c) => [c.id, c.status]));
}

function failing(report: Report): string[] {
  return report.checks
    .filter((c) => c.status === 'fail')
    .map((c) => c.id)
    .sort();
}

describe('check-client', () => {
  it('passes the SDK client over stdio, including pagination and elicitation', async () => {
    const report = await checkClient({ command: `node ${sdkClient} stdio --elicitation`, timeoutMs: 15_000 });
    expect(failing(report)).toEqual([]);
    const status = statusOf(report);
    for (const id of ['L03', 'F10', 'C02', 'C03', 'T02', 'CV1']) expect(status.get(id), id).toBe('pass');
    expect(report.revision).toBe('2025-11-25');
    expect(report.clientExitCode).toBe(0);
    // A legacy-only client: every 2026-07-28 check is skipped, each with the reason.
    for (const id of ['M04', 'M10', 'M16', 'M18']) {
      const check = report.checks.find((c) => c.id === id);
      expect(check?.status, id).toBe('skip');
      expect(check?.message, id).toMatch(/did not (speak 2026-07-28|probe)/);
    }
  });

  it('passes the SDK client over Streamable HTTP, including the 404 → new initialize rule', async () => {
    const report = await checkClient({
      command: `node ${sdkClient} http`,
      transport: 'http',
      timeoutMs: 15_000,
    });
    expect(failing(report)).toEqual([]);
    const status = statusOf(report);
    for (const id of ['H03', 'H07', 'H09', 'H12', 'F10']) expect(status.get(id), id).toBe('pass');
    expect(report.checks.find((c) => c.id === 'M15')?.message).toContain('did not speak 2026-07-28');
  });

  it('judges elicitation over Streamable HTTP too: the request travels on the tools/call SSE stream', async () => {
    const report = await checkClient({
      command: `node ${sdkClient} http --elicitation`,
      transport: 'http',
      timeoutMs: 15_000,
    });
    expect(failing(report)).toEqual([]);
    const status = statusOf(report);
    for (const id of ['C02', 'C03', 'H09']) expect(status.get(id), id).toBe('pass');
  });

  it('catches a client that changes a cursor (F10)', async () => {
    const report = await checkClient({ command: `node ${sdkClient} stdio --bad-cursor`, timeoutMs: 15_000 });
    expect(failing(report)).toEqual(['F10']);
    expect(report.checks.find((c) => c.id === 'F10')?.message).toContain('" opaque:2 "');
  });

  const cases: [string, string][] = [
    ['noise', 'T02'],
    ['no-initialized', 'L03'],
    ['prompts', 'L04'],
    ['cancel-initialize', 'L08'],
  ];
  for (const [kind, id] of cases) {
    it(`catches a raw client with --break ${kind} (${id})`, async () => {
      const report = await checkClient({ command: `node ${rawClient} --break ${kind}`, timeoutMs: 10_000 });
      expect(failing(report)).toEqual([id]);
    });
  }

  it('passes the raw client when it breaks nothing', async () => {
    const report = await checkClient({ command: `node ${rawClient}`, timeoutMs: 10_000 });
    expect(failing(report)).toEqual([]);
    expect(statusOf(report).get('L03')).toBe('pass');
  });
});

describe('check-client against our own client (the mcpwire CLI over Streamable HTTP)', () => {
  const cli = fileURLToPath(new URL('../../cli/src/cli.ts', import.meta.url));
  const command = `${process.execPath} --import tsx ${cli} tools list --url`;

  it('serves its 2026-07-28 probe as a modern server and judges its Mcp-* headers', async () => {
    const report = await checkClient({ command, transport: 'http', timeoutMs: 20_000 });
    expect(failing(report)).toEqual([]);
    expect(report.revision).toBe('2026-07-28');
    const status = statusOf(report);
    for (const id of ['H03', 'H12', 'M15', 'M16', 'F10', 'CV1']) expect(status.get(id), id).toBe('pass');
    expect(status.get('L03')).toBe('skip');
  });

  it('as a legacy-only server: the CLI falls back to initialize, and its session headers are judged', async () => {
    const report = await checkClient({
      command,
      transport: 'http',
      timeoutMs: 20_000,
      revision: '2025-11-25',
    });
    expect(failing(report)).toEqual([]);
    expect(report.revision).toBe('2025-11-25');
    const status = statusOf(report);
    for (const id of ['L03', 'H03', 'H07', 'H12', 'CV1', 'M04']) expect(status.get(id), id).toBe('pass');
    // H09 needs a second request after the handshake; `tools list` may be done by then.
    expect(['pass', 'skip']).toContain(status.get('H09'));
  });
});
