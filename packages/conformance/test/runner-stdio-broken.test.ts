/**
 * check-server over stdio against the plain-Node mini server: correct, it gets no MUST failure; broken in
 * one way, exactly the matching checks fail.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkServer } from '../src/runner/check-server.js';
import type { Report } from '../src/runner/types.js';

const script = fileURLToPath(new URL('./broken-servers/stdio-server.mjs', import.meta.url));

function failing(report: Report): string[] {
  return [...new Set(report.checks.filter((c) => c.status === 'fail').map((c) => c.id))].sort();
}

async function run(breakKind?: string): Promise<Report> {
  const command = `node ${script}${breakKind ? ` --break ${breakKind}` : ''}`;
  return checkServer({ stdio: command, era: 'legacy', timeoutMs: 3000 });
}

// The runs wait on child processes, not the CPU: they run side by side.
describe.concurrent('check-server over stdio', () => {
  const altered: [string, RegExp][] = [
    ['id-digits', /"0042" \(string\)|"7007" \(string\)/],
    ['id-big', /9007199254740991 \(number\)/],
    ['id-unicode', /"id-\?\?-\?", which matches no request|"id-ñ✓-🙂" \(string\) echoed exactly/],
  ];
  for (const [kind, expected] of altered) {
    it(`names the altered id when --break ${kind} changes the echo`, async () => {
      const report = await checkServer({
        stdio: `node ${script} --break ${kind}`,
        era: 'legacy',
        only: ['J01'],
        timeoutMs: 1000,
      });
      const j01 = report.checks.find((c) => c.id === 'J01');
      expect(j01?.status).toBe('fail');
      expect(j01?.message).toMatch(expected);
    });
  }

  it('finds no MUST failure on a correct server, and judges what it observed', async () => {
    const report = await run();
    expect(failing(report)).toEqual([]);
    const byId = new Map(report.checks.map((c) => [c.id, c]));
    for (const id of ['J01', 'J03', 'L01', 'L02', 'L07', 'F01', 'F03', 'F04', 'T01', 'T04', 'V01']) {
      expect(byId.get(id)?.status, id).toBe('pass');
    }
    expect(byId.get('L06')?.status).toBe('pass');
    expect(report.summary.fail).toBe(0);
    expect(report.revision).toBe('2025-11-25');
  });

  it('runs only the checks named with only', async () => {
    const report = await checkServer({ stdio: `node ${script}`, era: 'legacy', only: ['L01', 'J03'] });
    expect(new Set(report.checks.map((c) => c.id))).toEqual(new Set(['L01', 'J03']));
    expect(report.checks.every((c) => c.status === 'pass')).toBe(true);
  });

  it('warns, never fails, for id null in an error without a request id, even where the schema has no form for it', async () => {
    for (const revision of ['2025-06-18', '2025-11-25']) {
      const report = await checkServer({
        stdio: `node ${script} --break null-id`,
        era: 'legacy',
        revisions: [revision],
        only: ['V01', 'J07'],
      });
      const v01 = report.checks.find((c) => c.id === 'V01');
      expect(v01?.status, revision).toBe('warn');
      expect(v01?.message, revision).toMatch(
        revision === '2025-06-18'
          ? /the 2025-06-18 schema has no form for it/
          : /to omit id in 2025-11-25, received id null/,
      );
    }
  });

  const cases: [string, string[]][] = [
    ['id-string', ['J01']],
    ['non-json', ['T01']],
    ['version', ['L02']],
    ['reply-notification', ['J02']],
    // Answering every unknown method with {} also accepts resources/subscribe without the capability (F06)
    // and answers completion/complete with a result its schema rejects (V01).
    ['unknown-method-result', ['F06', 'J03', 'V01']],
    // An inputSchema without type "object" is also a schema violation of the Tool type (V01).
    ['tool-schema', ['F01', 'V01']],
    ['result-and-error', ['J01']],
    ['sampling', ['L05']],
    // The J01 probes: "7007" and "0042" come back as numbers, 9007199254740991 as a string, and
    // "id-ñ✓-🙂" with its non-ASCII characters lost.
    ['id-digits', ['J01']],
    ['id-big', ['J01']],
    ['id-unicode', ['J01']],
  ];
  for (const [kind, expected] of cases) {
    it(`catches --break ${kind} with ${expected.join(', ')} only`, async () => {
      const report = await run(kind);
      expect(failing(report)).toEqual(expected);
      const failure = report.checks.find((c) => c.id === expected[0] && c.status === 'fail');
      expect(failure?.evidence?.length ?? 0).toBeGreaterThan(0);
      expect(failure?.message).toMatch(/expected/);
    });
  }
});
