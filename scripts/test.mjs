#!/usr/bin/env node
// Runs every vitest test once and ends with the line CI reads: `N passed, M failed`.
// Vitest's own summary is printed too, but its wording is not a contract; this line is.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reportDir = join(process.cwd(), '.tmp');
const reportFile = join(reportDir, 'vitest-report.json');
mkdirSync(reportDir, { recursive: true });
rmSync(reportFile, { force: true });

const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed = report.numPassedTests ?? 0;
  // Suites that fail to load count as failures too: their tests never ran.
  failed = (report.numFailedTests ?? 0) + countSuitesThatFailedToLoad(report);
  if (passed + failed === 0 && run.status !== 0) failed = 1;
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);

function countSuitesThatFailedToLoad(report) {
  return (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
}
