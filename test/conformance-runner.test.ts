/**
 * The conformance runner against our fixture server (from sources, both eras, stdio and HTTP): no failure
 * and no warning. Real servers from npm are judged in real-servers-stdio.test.ts and real-servers-http.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkServer } from '../packages/conformance/src/runner/check-server.js';
import type { Report } from '../packages/conformance/src/runner/types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = `${process.execPath} --import tsx ${ROOT}packages/conformance/src/cli.ts fixture-server --stdio`;

function verdicts(report: Report, status: string): string[] {
  return report.checks.filter((c) => c.status === status).map((c) => `${c.run}: ${c.id} ${c.message}`);
}

describe('check-server on correct servers', () => {
  it('gives the fixture server no failure and no warning in both eras over stdio', async () => {
    const report = await checkServer({ stdio: FIXTURE, era: 'both' });
    expect(verdicts(report, 'fail')).toEqual([]);
    expect(verdicts(report, 'warn')).toEqual([]);
    expect(report.revisions).toEqual(['2025-11-25', '2026-07-28']);
    const modern = new Map(
      report.checks.filter((c) => c.run.startsWith('modern')).map((c) => [c.id, c.status]),
    );
    for (const id of ['M01', 'M02', 'M03', 'M04', 'M12', 'M13', 'M14', 'F01', 'F05', 'V01'])
      expect(modern.get(id), id).toBe('pass');
    const legacy = new Map(
      report.checks.filter((c) => c.run.startsWith('legacy')).map((c) => [c.id, c.status]),
    );
    for (const id of ['L01', 'L02', 'L07', 'L10', 'F01', 'F04', 'F07', 'F08', 'F09', 'T01', 'T04'])
      expect(legacy.get(id), id).toBe('pass');
  }, 60_000);
});

describe('check-server on the fixture server over HTTP', () => {
  it('gives Streamable HTTP (legacy era) and the 2024-11-05 HTTP+SSE endpoint no MUST failure', async () => {
    const { serveFixtureHttp } = await import('../packages/conformance/src/fixture-http/serve.js');
    const fixture = await serveFixtureHttp({});
    try {
      const http = await checkServer({ url: fixture.mcpUrl, era: 'legacy' });
      expect(http.transport).toBe('http');
      expect(verdicts(http, 'fail')).toEqual([]);
      const status = new Map(http.checks.map((c) => [c.id, c.status]));
      for (const id of ['H01', 'H02', 'H04', 'H06', 'H08', 'H11', 'H13', 'H14', 'L01', 'F01', 'V01'])
        expect(status.get(id), id).toBe('pass');
      const sse = await checkServer({ url: fixture.sseUrl, era: 'both' });
      expect(sse.transport).toBe('sse');
      expect(verdicts(sse, 'fail')).toEqual([]);
      expect(sse.checks.find((c) => c.id === 'E01')?.status).toBe('pass');
      expect(sse.notes?.[0]).toMatch(/not run over the HTTP\+SSE transport/);
    } finally {
      await fixture.close();
    }
  }, 60_000);
});
