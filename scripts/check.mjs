#!/usr/bin/env node
// Everything CI runs, in order: build, typecheck, lint, the API reference, then every test. Each step runs
// even when an earlier one failed, so one report shows every problem; a failed step counts as one failed
// check in the closing line `N passed, M failed` (the line CI reads), beside the test counts.
import { spawnSync } from 'node:child_process';

const pnpm = ['-y', 'pnpm@12.4.2'];
const steps = [
  ['build', ['run', 'build']],
  ['typecheck', ['run', 'typecheck']],
  ['lint', ['run', 'lint']],
  // The API reference (TypeDoc): fails on a broken link or an exported symbol without a doc comment.
  ['docs', ['run', 'docs']],
];

const failedSteps = [];
for (const [name, args] of steps) {
  console.log(`\n>>> ${name}`);
  const started = Date.now();
  const run = spawnSync('npx', [...pnpm, ...args], { stdio: 'inherit' });
  console.log(
    `<<< ${name}: ${run.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (run.status !== 0) failedSteps.push(name);
}

console.log('\n>>> test');
const tests = spawnSync(process.execPath, ['scripts/test.mjs'], {
  stdio: ['inherit', 'pipe', 'inherit'],
  encoding: 'utf8',
});
const lines = tests.stdout.trimEnd().split('\n');
const summary = /^(\d+) passed, (\d+) failed$/.exec(lines.at(-1) ?? '');
process.stdout.write(`${lines.slice(0, -1).join('\n')}\n`);
const passed = summary ? Number(summary[1]) : 0;
const failedTests = summary ? Number(summary[2]) : 1;
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`${passed} passed, ${failedTests + failedSteps.length} failed`);
process.exit(failedSteps.length === 0 && failedTests === 0 && tests.status === 0 ? 0 : 1);
