// Lists the benchmarks, or runs some of them one after another: `npx pnpm@12.4.2 run bench` lists,
// `npx pnpm@12.4.2 run bench -- server-stdio codec` runs those two, `... run bench -- --all` runs them all.
// Run after `npx pnpm@12.4.2 run build`. A benchmark is a bench/*.mjs whose header says how to run it
// with no required argument (`// Run ...: node [flags] bench/<name>.mjs ...`); the other files are the
// helpers and targets the benchmarks start (*-target.mjs, *-kit.mjs, server-echo-*.mjs, ...). Each
// benchmark prints its own table of ratios; this only starts them, with the node flags their header names.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));

/** Every benchmark: its name, the node flags its header asks for, and the header's note (duration, needs). */
function benchmarks() {
  const found = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.mjs') || file === 'run.mjs') continue;
    const header = readFileSync(`${dir}${file}`, 'utf8').split('\n', 20);
    const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^//.*\\bRun [^:]*: node ((?:--[\\w-]+ )*)bench/${escaped}(.*)$`);
    for (const line of header) {
      const match = pattern.exec(line);
      // `<...>` after the name is a required argument: a target another benchmark starts.
      if (!match || match[2].trim().startsWith('<')) continue;
      const flags = match[1].trim().split(/\s+/).filter(Boolean);
      found.push({ name: file.slice(0, -'.mjs'.length), flags, note: match[2].trim() });
      break;
    }
  }
  return found;
}

const all = benchmarks();
const args = process.argv.slice(2);
if (args.length === 0) {
  console.log('Benchmarks (run after `npx pnpm@12.4.2 run build`):\n');
  const width = Math.max(...all.map((bench) => bench.name.length));
  for (const bench of all) console.log(`  ${bench.name.padEnd(width)}  ${bench.note}`);
  console.log('\nRun some: npx pnpm@12.4.2 run bench -- <name> [<name> ...]; all of them: ... -- --all');
  process.exit(0);
}

const chosen = args.includes('--all') ? all : [];
for (const name of args.filter((arg) => arg !== '--all')) {
  const bench = all.find((each) => each.name === name || `${each.name}.mjs` === name);
  if (!bench) {
    console.error(
      `expected a benchmark name (${all.map((each) => each.name).join(', ')}), received ${JSON.stringify(name)}`,
    );
    process.exit(2);
  }
  chosen.push(bench);
}

const failed = [];
for (const bench of chosen) {
  console.log(`\n>>> bench/${bench.name}.mjs ${bench.note}`);
  const run = spawnSync(process.execPath, [...bench.flags, `${dir}${bench.name}.mjs`], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(bench.name);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
