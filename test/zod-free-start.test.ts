/**
 * A server or client built on mcpwire does not load zod before its first answer: zod costs about 40 ms of
 * start-up, so the server, client and transport packages import `@mcpwire/core/runtime`, and the zod
 * schemas load on first need through a dynamic import (see packages/core/src/lifecycle/deferred-specs.ts).
 * This walks the static imports of the built entries a user imports and fails if any chain reaches zod.
 * Needs a build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../packages/', import.meta.url));

// esbuild writes each static import or re-export as one statement ending in `from "..."`, or `import "...";`.
const STATIC_IMPORT = /^(?:import|export)\b[^;"'`]*?\bfrom\s*"([^"]+)";|^import\s*"([^"]+)";/gm;

/** The file an `@mcpwire/<name>[/<sub>]` import resolves to (the package's ESM export). */
function resolveWorkspace(specifier: string): string {
  const [, name, sub] = /^@mcpwire\/([^/]+)(?:\/(.+))?$/.exec(specifier)!;
  const manifest = JSON.parse(readFileSync(`${packages}${name}/package.json`, 'utf8'));
  const target = manifest.exports[sub === undefined ? '.' : `./${sub}`].import.default as string;
  return resolve(`${packages}${name}`, target);
}

/** Every bare specifier (a package, not a file of ours) statically reachable from `entry`. */
function staticPackages(entry: string): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else if (specifier.startsWith('@mcpwire/')) queue.push(resolveWorkspace(specifier));
      else if (!found.has(specifier)) found.set(specifier, file);
    }
  }
  return found;
}

const ENTRIES = [
  '@mcpwire/server',
  '@mcpwire/client',
  '@mcpwire/transports/stdio',
  '@mcpwire/transports/http',
  '@mcpwire/transports/sse',
  '@mcpwire/core/runtime',
];

describe('the entries a server or client imports reach no zod statically', () => {
  it.each(ENTRIES)('%s', (entry) => {
    const file = resolveWorkspace(entry);
    expect(existsSync(file), `${file}: run the build first`).toBe(true);
    const reached = staticPackages(file);
    const zod = [...reached].filter(([specifier]) => /^zod(\/|$)/.test(specifier));
    expect(zod.map(([specifier, from]) => `${specifier} (imported by ${from})`)).toEqual([]);
  });

  it('while @mcpwire/core itself, which exports the schemas, does import zod', () => {
    // The walk must see zod where it is: otherwise the checks above prove nothing.
    expect([...staticPackages(resolveWorkspace('@mcpwire/core')).keys()]).toContain('zod');
  });
});
