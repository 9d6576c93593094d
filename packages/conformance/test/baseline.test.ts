/**
 * --baseline: the file formats (JSON and the YAML subset, list or map), the errors that must stop a run
 * (exit 2) instead of hiding failures, and the exit codes CI relies on: 0 when only listed checks fail,
 * 1 for a new failure, 4 for a stale entry (a listed check that passes now).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVER_CHECK_IDS } from '../src/checks/catalogue.js';
import { parseBaseline } from '../src/runner/baseline.js';
import { runCli } from './run-cli.js';

const script = fileURLToPath(new URL('./broken-servers/stdio-server.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mcpwire-baseline-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const expected = [
  { id: 'J01', reason: 'ids come back as strings # not a comment' },
  { id: 'F03', reason: "unknown tools: isError, it's known" },
];

describe('parseBaseline', () => {
  it('reads the same entries from YAML lists, YAML maps, JSON lists and JSON maps', () => {
    const texts = [
      `# known failures\n- id: J01\n  reason: "ids come back as strings # not a comment"\n\n- id: F03  # F03 is a SHOULD\n  reason: 'unknown tools: isError, it''s known'\n`,
      `J01: "ids come back as strings # not a comment"\nF03: 'unknown tools: isError, it''s known'\n`,
      JSON.stringify(expected),
      JSON.stringify(Object.fromEntries(expected.map((e) => [e.id, e.reason]))),
    ];
    for (const text of texts) expect(parseBaseline(text, 'b', SERVER_CHECK_IDS)).toEqual(expected);
  });

  it('refuses unknown ids, missing reasons, duplicates and YAML it does not understand, naming the place', () => {
    const cases: [string, RegExp][] = [
      ['- id: j01\n  reason: lower case', /entry 1: expected a check id of this command .* received "j01"/],
      ['- id: L03\n  reason: a client check', /received "L03"/],
      ['- id: J01\n', /expected a non-empty "reason" for J01, received null/],
      ['J01: a\nJ01: b\n', /b:2: J01 is listed twice/],
      ['- id: J01\n  reason: a\n- id: J01\n  reason: b\n', /entry 2: J01 is listed twice/],
      [
        'server:\n  - J01\n',
        /b:2: expected "- id: ID" \/ " {2}reason: text" items or "ID: reason" lines, received - J01/,
      ],
      ['[{"id": "J01"', /b: expected JSON, received text it cannot parse/],
      ['- id: "J01\n  reason: x\n', /b:1: expected a complete double-quoted string/],
    ];
    for (const [text, message] of cases)
      expect(() => parseBaseline(text, 'b', SERVER_CHECK_IDS), text).toThrow(message);
  });
});

describe.concurrent('check-server --baseline exit codes', { timeout: 60_000 }, () => {
  const target = ['check-server', '--stdio', `node ${script} --break id-string`, '--era', 'legacy'];

  it('exits 0 when only listed checks fail, and says which failures are known', async () => {
    const run = await runCli([
      ...target,
      '--baseline',
      file('only.yml', '- id: J01\n  reason: our ids are strings\n'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/FAIL J01 .*\[baseline\]/);
    expect(run.stdout).toContain('known (baseline): our ids are strings');
    expect(run.stdout).toMatch(/no new failure, 1 known, 0 stale/);
  });

  it('exits 1 for a failure the baseline does not list', async () => {
    const run = await runCli([
      ...target,
      '--baseline',
      file('other.json', '{"F03": "unknown tools"}'),
      '--format',
      'json',
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.baseline.newFailures).toEqual([{ id: 'J01', run: 'legacy 2025-11-25 over stdio' }]);
    expect(report.baseline.notRun).toEqual([]);
    expect(report.baseline.stale).toEqual([{ id: 'F03', reason: 'unknown tools' }]);
  });

  it('exits 4 when a listed check passes now (stale), with a GitHub error annotation for it', async () => {
    const run = await runCli([
      ...target,
      '--baseline',
      file('stale.yml', 'J01: our ids are strings\nL01: initialize was broken once\n'),
      '--github',
    ]);
    expect(run.code).toBe(4);
    expect(run.stdout).toContain(
      'STALE L01: passes now, remove it from the baseline (initialize was broken once)',
    );
    expect(run.stdout).toMatch(/^::error title=L01 baseline entry is stale::L01 passes now/m);
    expect(run.stdout).toMatch(/^::notice title=J01 .*\[baseline\]::/m);
  });

  it('exits 2 for a baseline that cannot be read, before running anything', async () => {
    const run = await runCli([...target, '--baseline', join(dir, 'missing.yml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--baseline: expected a readable file, received ".*missing.yml" \(ENOENT\)/);
  });
});
