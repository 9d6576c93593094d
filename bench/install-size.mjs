// What installing mcpwire costs: core + transports + server + client from `pnpm pack` tarballs, installed by
// npm into a fresh project outside the monorepo (peer dependencies included, as npm installs them), then
// measured on disk: our four packages by kind of file (JavaScript, declarations, source maps, other), and
// the third-party packages that came with them. Beside it, the official SDK v1 (@modelcontextprotocol/sdk)
// installed the same way into its own fresh project, and our four beside zod 3.25 (a user on zod 3: the
// server takes their zod as its peer, core keeps its own zod 4).
// Targets (issue 16): our four packages at most 3 MB installed, at most 3 third-party packages.
// Run after `npx pnpm@12.4.2 run build`: node bench/install-size.mjs   (needs npm's registry or cache)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freshProject, installedVersion, removeProject } from './packed-project.mjs';

const OURS = ['core', 'transports', 'server', 'client'];
const TARGET_BYTES = 3 * 1024 * 1024;
const TARGET_THIRD_PARTY = 3;

function kindOf(file) {
  if (/\.d\.c?ts$/.test(file)) return 'declarations';
  if (file.endsWith('.map')) return 'sourceMaps';
  if (/\.c?js$/.test(file)) return 'javascript';
  return 'other';
}

/** Bytes of every file under `dir` by kind (apparent sizes, as `du --apparent-size` counts them). */
function measure(dir, totals = { javascript: 0, declarations: 0, sourceMaps: 0, other: 0 }) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') measure(path, totals);
    } else if (entry.isFile()) {
      totals[kindOf(entry.name)] += statSync(path).size;
    }
  }
  return totals;
}

/** Every package installed under node_modules (scoped ones included, nested ones too). */
function installedPackages(nodeModules, found = []) {
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = join(nodeModules, entry.name);
    if (entry.name.startsWith('@')) {
      installedPackages(path, found);
      continue;
    }
    const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
    found.push({ name: manifest.name, version: manifest.version, path });
    try {
      installedPackages(join(path, 'node_modules'), found);
    } catch {
      // no nested node_modules
    }
  }
  return found;
}

const sum = (totals) => Object.values(totals).reduce((a, b) => a + b, 0);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const ours = freshProject({ name: 'install-size', packages: OURS });
const withZod3 = freshProject({
  name: 'install-size-zod3',
  packages: OURS,
  dependencies: {
    zod: JSON.parse(
      readFileSync(new URL('../test/peers/zod3/node_modules/zod/package.json', import.meta.url), 'utf8'),
    ).version,
  },
});
const sdk = freshProject({
  name: 'install-size-sdk',
  packages: [],
  dependencies: { '@modelcontextprotocol/sdk': installedVersion('@modelcontextprotocol/sdk') },
});
try {
  let total = 0;
  console.log('package              javascript  declarations  source maps  other      total');
  for (const dir of OURS) {
    const totals = measure(join(ours, 'node_modules', '@mcpwire', dir));
    total += sum(totals);
    console.log(
      `@mcpwire/${dir.padEnd(11)} ${mb(totals.javascript).padStart(10)}  ${mb(totals.declarations).padStart(12)}  ${mb(totals.sourceMaps).padStart(11)}  ${mb(totals.other).padStart(8)}  ${mb(sum(totals)).padStart(9)}`,
    );
  }
  const thirdParty = installedPackages(join(ours, 'node_modules')).filter(
    (pkg) => !pkg.name.startsWith('@mcpwire/'),
  );
  const thirdPartyBytes = thirdParty.reduce((bytes, pkg) => bytes + sum(measure(pkg.path)), 0);
  console.log(
    `our four packages: ${mb(total)} (target at most ${mb(TARGET_BYTES)}: ${total <= TARGET_BYTES ? 'met' : 'NOT met'})`,
  );
  console.log(
    `third-party packages: ${thirdParty.length} (${thirdParty.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}), ${mb(thirdPartyBytes)} (target at most ${TARGET_THIRD_PARTY}: ${thirdParty.length <= TARGET_THIRD_PARTY ? 'met' : 'NOT met'})`,
  );
  const zod3Packages = installedPackages(join(withZod3, 'node_modules')).filter(
    (pkg) => !pkg.name.startsWith('@mcpwire/'),
  );
  console.log(
    `beside zod 3.25: ${zod3Packages.length} third-party packages (${zod3Packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')})`,
  );
  const sdkPackages = installedPackages(join(sdk, 'node_modules'));
  const sdkBytes = sdkPackages.reduce((bytes, pkg) => bytes + sum(measure(pkg.path)), 0);
  console.log(
    `official SDK v1 ${installedVersion('@modelcontextprotocol/sdk')}: ${sdkPackages.length} packages, ${mb(sdkBytes)} installed`,
  );
} finally {
  removeProject(ours);
  removeProject(withZod3);
  removeProject(sdk);
}
