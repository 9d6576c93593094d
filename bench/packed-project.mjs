// A fresh npm project outside the monorepo with mcpwire installed from `pnpm pack` tarballs, as a user gets it
// from the registry: only what `files` publishes, workspace ranges rewritten, dependencies resolved by npm.
// Used by bench/typecheck.mjs and bench/install-size.mjs. Needs a build (`npx pnpm@12.4.2 run build`) and
// the npm registry (or npm's cache) for third-party packages.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PNPM = ['-y', 'pnpm@12.4.2'];

/** The version of a package the monorepo has installed (so both sides of a comparison use the same one). */
export function installedVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** Packs `packages/<dir>` for each dir; returns { '@mcpwire/<dir>': '/abs/path.tgz' }. */
export function packPackages(dirs, destination) {
  mkdirSync(destination, { recursive: true });
  const tarballs = {};
  for (const dir of dirs) {
    const cwd = join(ROOT, 'packages', dir);
    const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
    const before = new Set(readdirSync(destination));
    execFileSync('npx', [...PNPM, 'pack', '--pack-destination', destination], { cwd, stdio: 'pipe' });
    const made = readdirSync(destination).find((file) => file.endsWith('.tgz') && !before.has(file));
    if (made === undefined) throw new Error(`pnpm pack in packages/${dir}: expected a new .tgz, found none`);
    tarballs[manifest.name] = join(destination, made);
  }
  return tarballs;
}

/**
 * Creates a project in a new temporary directory depending on the packed tarballs plus `dependencies`
 * (name → version), installs it with npm and returns its directory. `overrides` pins the tarballs for
 * transitive dependencies too (@mcpwire/server depends on @mcpwire/core).
 */
export function freshProject({ packages, dependencies = {}, name = 'fresh' }) {
  const dir = mkdtempSync(join(tmpdir(), `mcpwire-${name}-`));
  const tarballs = packPackages(packages, join(dir, 'tarballs'));
  const deps = { ...dependencies };
  const overrides = {};
  for (const [pkg, file] of Object.entries(tarballs)) {
    deps[pkg] = `file:${file}`;
    overrides[pkg] = `$${pkg}`;
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `mcpwire-${name}`, private: true, type: 'module', dependencies: deps, overrides }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return dir;
}

export function removeProject(dir) {
  rmSync(dir, { recursive: true, force: true });
}
