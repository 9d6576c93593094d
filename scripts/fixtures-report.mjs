#!/usr/bin/env node
/**
 * Demo of what @mcpwire/core does today: decode every spec fixture of every revision from bytes with the
 * JSON-RPC codec, validate it with that revision's schemas, and print a summary per revision.
 * Uses the built package (packages/core/dist), so run `pnpm run build` first (`pnpm run main` does both).
 * Exits with 1 when a verdict disagrees with a fixture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const distUrl = new URL('../packages/core/dist/index.js', import.meta.url);
let core;
try {
  core = await import(distUrl.href);
} catch (error) {
  console.error(
    `Cannot load ${fileURLToPath(distUrl)}: expected a built @mcpwire/core, run \`pnpm run build\` first.`,
  );
  console.error(String(error));
  process.exit(1);
}
const { REVISIONS, parseMessage, revisionAllowsBatches, validateMessage, methodsOf } = core;

const fixturesDir = fileURLToPath(new URL('../spec-fixtures/', import.meta.url));
const encoder = new TextEncoder();

function load(revision) {
  const dir = `${fixturesDir}${revision}/`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => [JSON.parse(readFileSync(dir + f, 'utf8'))].flat());
}

const rows = [];
const problems = [];
let messages = 0;
let elapsed = 0;
for (const revision of REVISIONS) {
  const fixtures = load(revision);
  const row = {
    revision,
    methods: methodsOf(revision).length,
    fixtures: fixtures.length,
    valid: 0,
    invalid: 0,
    codecRejects: 0,
    agree: 0,
  };
  for (const f of fixtures) {
    if (f.valid) row.valid++;
    else row.invalid++;
    const bytes = encoder.encode(JSON.stringify(f.message));
    const started = performance.now();
    // 1. decode: bytes -> classified JSON-RPC message (framing-level errors -32700 / -32600)
    const decoded = parseMessage(bytes, { allowBatch: revisionAllowsBatches(revision) });
    // 2. validate the decoded value against the revision (envelope, method params, result of the method)
    const value = decoded.ok ? (decoded.kind === 'batch' ? f.message : decoded.message) : f.message;
    const options = Array.isArray(f.message)
      ? { method: f.method }
      : { kind: f.kind, ...(f.kind === 'result' ? { method: f.method } : {}) };
    const verdict = decoded.ok
      ? validateMessage(revision, value, options)
      : { ok: false, error: decoded.error.message };
    elapsed += performance.now() - started;
    messages++;
    if (!decoded.ok) row.codecRejects++;
    if (verdict.ok === f.valid) row.agree++;
    else
      problems.push(
        `${revision} ${f.name}: fixture says ${f.valid ? 'valid' : 'invalid'}, mcpwire says ${verdict.ok ? 'valid' : `invalid (${verdict.error})`}`,
      );
  }
  rows.push(row);
}

const headers = ['revision', 'methods', 'fixtures', 'valid', 'invalid', 'codec rejects', 'agreement'];
const table = rows.map((r) =>
  [r.revision, r.methods, r.fixtures, r.valid, r.invalid, r.codecRejects, `${r.agree}/${r.fixtures}`].map(
    String,
  ),
);
const totals = rows.reduce((t, r) => ({ fixtures: t.fixtures + r.fixtures, agree: t.agree + r.agree }), {
  fixtures: 0,
  agree: 0,
});
const widths = headers.map((h, i) => Math.max(h.length, ...table.map((cells) => cells[i].length)));
const line = (cells) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log('mcpwire: spec fixtures decoded and validated by @mcpwire/core\n');
console.log(line(headers));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const cells of table) console.log(line(cells));
console.log(
  `\n${totals.agree}/${totals.fixtures} verdicts agree with the fixtures; ${messages} messages decoded and validated in ${elapsed.toFixed(1)} ms`,
);
if (problems.length > 0) {
  console.log(`\n${problems.length} disagreement(s):`);
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
