#!/usr/bin/env node
// Runs the official MCP conformance suite (pinned devDependency) on this machine and summarises its checks.
//   node test/official/run.mjs server --url <url> [--suite active|all] [--scenario NAME] [--expected-failures FILE]
//   node test/official/run.mjs client --command "<cmd>" (--suite NAME | --scenario NAME) [--expected-failures FILE]
// Works on Node 20 (see preload.mjs) and keeps every server it starts on loopback.
// Prints one line per scenario and a total; exits with the tool's exit code, or 1 when a scenario had a
// FAILURE or WARNING check, or when no check ran at all (a silent pass proves nothing).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const toolEntry = join(
  dirname(require.resolve('@modelcontextprotocol/conformance/package.json')),
  'dist/index.js',
);

export async function runOfficialSuite(
  args,
  { outputDir = mkdtempSync(join(tmpdir(), 'mcp-official-')), quiet = false } = {},
) {
  const child = spawn(
    process.execPath,
    ['--import', join(here, 'preload.mjs'), toolEntry, ...args, '-o', outputDir],
    {
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    },
  );
  let output = '';
  if (quiet) {
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
  }
  const exitCode = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  return { exitCode, output, scenarios: readScenarioChecks(outputDir) };
}

/** Reads every checks.json the tool wrote: [{ scenario, checks: [{ id, status, ... }] }]. */
export function readScenarioChecks(outputDir) {
  const results = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'checks.json') {
        results.push({
          scenario: relative(outputDir, dir).replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, ''),
          checks: JSON.parse(readFileSync(full, 'utf8')),
        });
      }
    }
  };
  walk(outputDir);
  return results.sort((a, b) => a.scenario.localeCompare(b.scenario));
}

export function summarise(scenarios) {
  const rows = scenarios.map(({ scenario, checks }) => {
    const count = (status) => checks.filter((check) => check.status === status).length;
    const row = { scenario, success: count('SUCCESS'), failure: count('FAILURE'), warning: count('WARNING') };
    row.ok = row.failure === 0 && row.warning === 0 && row.success > 0;
    row.problems = checks
      .filter((check) => check.status === 'FAILURE' || check.status === 'WARNING')
      .map((check) => `${check.status} ${check.id}: ${check.errorMessage ?? check.description ?? ''}`);
    return row;
  });
  return { rows, passed: rows.filter((row) => row.ok).length, failed: rows.filter((row) => !row.ok).length };
}

export function formatSummary({ rows, passed, failed }) {
  const lines = rows.map((row) => {
    const head = `${row.ok ? 'PASS' : 'FAIL'}  ${row.scenario}  (${row.success} ok, ${row.failure} failed, ${row.warning} warnings)`;
    return [head, ...row.problems.map((problem) => `        ${problem}`)].join('\n');
  });
  lines.push(`official suite: ${passed} scenarios passed, ${failed} failed`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { exitCode, scenarios } = await runOfficialSuite(process.argv.slice(2));
  const summary = summarise(scenarios);
  console.log(formatSummary(summary));
  process.exit(exitCode !== 0 || summary.failed > 0 || summary.rows.length === 0 ? 1 : 0);
}
