// The bench servers import zod the way an application does (`import { z } from 'zod'`: the ESM entry), from
// the package that takes the user's schemas. Resolving with createRequire alone would give zod's CommonJS
// entry: a second copy of zod beside the ESM one the library loads, which a real server never pays for.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** zod's ESM module as resolved from `fromFile` (a path or file URL inside the package using it). */
export async function importZod(fromFile) {
  const manifest = createRequire(fromFile).resolve('zod/package.json');
  const entry = JSON.parse(readFileSync(manifest, 'utf8')).exports['.'].import;
  return import(
    pathToFileURL(join(dirname(manifest), typeof entry === 'string' ? entry : entry.default)).href
  );
}
