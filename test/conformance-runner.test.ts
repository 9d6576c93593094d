/**
 * The conformance runner against correct servers nobody wrote for it: our fixture server (from sources,
 * both eras) and the official @modelcontextprotocol/server-everything. Neither may get a MUST failure; the
 * warnings server-everything gets are documented with their spec text in packages/conformance/README.md.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkServer } from '../packages/conformance/src/runner/check-server.js';
import type { Report } from '../packages/conformance/src/runner/types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = `${process.execPath} --import tsx ${ROOT}packages/conformance/src/cli.ts fixture-server --stdio`;
const EVERYTHING = `${process.execPath} ${ROOT}node_modules/@modelcontextprotocol/server-everything/dist/index.js stdio`;

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

  it('gives server-everything no MUST failure; its documented SHOULD-level verdicts are warnings', async () => {
    const report = await checkServer({ stdio: EVERYTHING, era: 'both' });
    expect(verdicts(report, 'fail')).toEqual([]);
    const status = new Map(report.checks.map((c) => [c.id, c.status]));
    // README: an unknown tool comes back as an isError result; a missing resource gets -32602, not -32002.
    expect(status.get('F03')).toBe('warn');
    expect(status.get('F05')).toBe('warn');
    expect(status.get('F01')).toBe('pass');
    expect(status.get('V01')).toBe('pass');
    // It does not speak 2026-07-28, so the modern run is reported as not applicable.
    expect(report.revisions).toEqual(['2025-11-25']);
    expect(report.notes?.[0]).toMatch(/does not speak 2026-07-28/);
  }, 90_000);
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
