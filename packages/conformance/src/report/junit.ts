/**
 * JUnit XML, as GitHub (test reporters), GitLab (`artifacts:reports:junit`) and Jenkins read it: one
 * <testsuite> per run, one <testcase> per check. A failed MUST is a <failure> whose body is the spec
 * reference and the exchanged messages; a skipped check is <skipped>; a SHOULD warning passes with its
 * text in <system-out> (JUnit has no warning state). With a baseline, a known failure is <skipped> with
 * its reason, and stale entries are failures of a "baseline" suite. A target that cannot be judged is one
 * <error>. Valid against the Jenkins xUnit plugin's JUnit schema (test/fixtures/jenkins-junit.xsd).
 */
import type { CheckResult, Report } from '../runner/types.js';
import { baselineReason, evidenceArrow, type RenderContext, runsOf } from './render-context.js';
import { escapeMarkup as x } from './xml-text.js';

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function details(check: CheckResult): string {
  const lines = [check.message, `spec: ${check.spec}`, `level: ${check.level}`];
  for (const e of check.evidence ?? []) lines.push(`${evidenceArrow(e.dir)} ${e.text}`);
  return lines.join('\n');
}

function testcase(check: CheckResult, kind: string, context: RenderContext): string {
  const open = `    <testcase classname="mcpwire.${kind}.${check.area}" name="${x(`${check.id} ${check.title}`)}" time="0">`;
  const known = baselineReason(check, context);
  let body: string;
  if (known !== undefined)
    body = `<skipped message="${x(`known failure (baseline): ${known}`)}">${x(details(check))}</skipped>`;
  else if (check.status === 'fail')
    body = `<failure type="${check.level}" message="${x(check.message)}">${x(details(check))}</failure>`;
  else if (check.status === 'skip') body = `<skipped message="${x(check.message)}"/>`;
  else if (check.status === 'warn')
    body = `<system-out>${x(`WARNING (${check.level === 'MUST' ? 'SHOULD part of a MUST' : 'SHOULD'}): ${details(check)}`)}</system-out>`;
  else body = `<system-out>${x(check.message)}</system-out>`;
  return `${open}\n      ${body}\n    </testcase>`;
}

function suite(
  name: string,
  cases: string[],
  counts: { tests: number; failures: number; errors: number; skipped: number },
  extra = '',
): string {
  return [
    `  <testsuite name="${x(name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"${extra}>`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

export function renderJunit(report: Report, context: RenderContext = {}): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  if (report.unavailable !== undefined) {
    const u = report.unavailable;
    suites.push(
      suite(
        'target',
        [
          `    <testcase classname="mcpwire.${report.kind}.target" name="the target starts and speaks MCP" time="0">\n      <error type="${x(u.kind)}" message="${x(u.message)}">${x(`${report.target}\n${u.message}`)}</error>\n    </testcase>`,
        ],
        { tests: 1, failures: 0, errors: 1, skipped: 0 },
      ),
    );
    tests = 1;
    errors = 1;
  }
  for (const { run, checks } of runsOf(report)) {
    const known = (c: CheckResult) => baselineReason(c, context) !== undefined;
    const counts = {
      tests: checks.length,
      failures: checks.filter((c) => c.status === 'fail' && !known(c)).length,
      errors: 0,
      skipped: checks.filter((c) => c.status === 'skip' || known(c)).length,
    };
    tests += counts.tests;
    failures += counts.failures;
    suites.push(
      suite(
        run,
        checks.map((c) => testcase(c, report.kind, context)),
        counts,
        ` package="mcpwire.${report.kind}"`,
      ),
    );
  }
  const b = context.baseline;
  if (b !== undefined && b.stale.length + b.notRun.length > 0) {
    const cases = [
      ...b.stale.map(
        (e) =>
          `    <testcase classname="mcpwire.baseline" name="${x(`${e.id} is still failing`)}" time="0">\n      <failure type="stale-baseline" message="${x(`${e.id} passes now: remove it from ${b.file}`)}">${x(`baseline reason: ${e.reason}`)}</failure>\n    </testcase>`,
      ),
      ...b.notRun.map(
        (e) =>
          `    <testcase classname="mcpwire.baseline" name="${x(`${e.id} is still failing`)}" time="0">\n      <skipped message="${x(`${e.id} did not run`)}"/>\n    </testcase>`,
      ),
    ];
    suites.push(
      suite(`baseline ${b.file}`, cases, {
        tests: cases.length,
        failures: b.stale.length,
        errors: 0,
        skipped: b.notRun.length,
      }),
    );
    tests += cases.length;
    failures += b.stale.length;
  }
  const name = `mcpwire-conformance check-${report.kind} ${report.target}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(name)}" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds(report.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
