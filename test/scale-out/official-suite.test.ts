/**
 * Two verdicts on three fixture servers on one Redis behind HAProxy round robin, the same as on one fixture
 * server: the official conformance suite's server scenarios (all 32, same baseline, see
 * test/official/server-suite.test.ts) and our own runner's checks (see test/conformance-runner.test.ts).
 * Each scenario's or check's requests are spread over the three processes, so sessions, sampling and
 * elicitation answers, cancellations, tasks, the SSE polling resume, DELETE and DNS-rebinding checks all
 * cross processes.
 */
import { describe, expect, it } from 'vitest';
import { checkServer } from '../../packages/conformance/src/runner/check-server.js';
import type { Report } from '../../packages/conformance/src/runner/types.js';
import { expectServerSuitePasses } from '../official/server-suite-verdict.js';
import { useCluster } from './cluster.js';

const cluster = useCluster(3);

function verdicts(report: Report, ...statuses: string[]): string[] {
  return report.checks
    .filter((c) => statuses.includes(c.status))
    .map((c) => `${c.run}: ${c.id} ${c.status} ${c.message}`);
}

function passed(report: Report, run: string): Set<string> {
  return new Set(report.checks.filter((c) => c.run.startsWith(run) && c.status === 'pass').map((c) => c.id));
}

describe('official server scenarios through a round-robin balancer over three processes', () => {
  it('passes every scenario as one process does', { timeout: 180_000 }, async () => {
    // The dns-rebinding scenario needs a loopback URL: HAProxy listens on 127.0.0.1.
    expect(cluster.mcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    await expectServerSuitePasses(cluster.mcpUrl);
  });
});

describe('our conformance runner through a round-robin balancer over three processes', () => {
  it('finds no failure and no warning on Streamable HTTP (both eras) and HTTP+SSE', {
    timeout: 180_000,
  }, async () => {
    const http = await checkServer({ url: cluster.mcpUrl, era: 'both' });
    expect(http.transport).toBe('http');
    expect(verdicts(http, 'fail', 'warn')).toEqual([]);
    // Session checks (H: Streamable HTTP sessions, DELETE then 404 in H11; L: lifecycle; F: features)
    // and 2026-07-28 checks (M) each ran their requests through several processes.
    const legacy = passed(http, 'legacy');
    for (const id of ['H01', 'H02', 'H04', 'H06', 'H08', 'H11', 'H13', 'H14', 'L01', 'L10', 'F01', 'V01'])
      expect(legacy.has(id), id).toBe(true);
    const modern = passed(http, 'modern');
    for (const id of ['M01', 'M02', 'M03', 'M04', 'M12', 'M13', 'F01']) expect(modern.has(id), id).toBe(true);

    const sse = await checkServer({ url: cluster.sseUrl, era: 'both' });
    expect(sse.transport).toBe('sse');
    expect(verdicts(sse, 'fail', 'warn')).toEqual([]);
    expect(passed(sse, 'legacy').has('E01')).toBe(true);
  });
});
