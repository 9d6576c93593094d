/**
 * The public API type-checks as a user's project sees it: test/public-api/ compiles the documented usage
 * (a complete stdio server, the HTTP wiring, a client, the registration type tests) against the built
 * declarations with the strict `tsc --init` config, exactOptionalPropertyTypes included. Needs a build.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

it('compiles against the published declarations under exactOptionalPropertyTypes', async () => {
  for (const entry of ['core/dist/index.d.ts', 'server/dist/index.d.ts', 'transports/dist/http/index.d.ts']) {
    expect(existsSync(`${root}packages/${entry}`), `packages/${entry}: run the build first`).toBe(true);
  }
  const output = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      [tsc, '-p', 'test/public-api/tsconfig.json'],
      { cwd: root },
      (_error, stdout) => resolve(stdout),
    );
  });
  expect(output).toBe('');
}, 120_000);
