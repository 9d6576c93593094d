/**
 * The README's main job, end to end from the built packages: the conformance runner judges the bundled
 * reference server over stdio, Streamable HTTP and legacy HTTP+SSE, in both eras, with no MUST failure.
 * Runs the built CLI (not the sources) so that bundling mistakes — such as a dropped lazy import — are caught.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtCli = `${root}packages/conformance/dist/cli.js`;

describe('main job (scripts/main.mjs)', () => {
  it('judges the reference server over stdio, HTTP and SSE with no MUST failure', () => {
    expect(existsSync(builtCli), `expected ${builtCli}: run \`pnpm run build\` first`).toBe(true);
    const run = spawnSync(process.execPath, ['scripts/main.mjs'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output).toContain('== legacy 2025-11-25 over stdio');
    expect(output).toContain('== modern 2026-07-28 over stdio');
    expect(output).toContain('== legacy 2025-11-25 over http');
    expect(output).toContain('== modern 2026-07-28 over http');
    expect(output).toContain('== legacy 2025-11-25 over sse');
    expect(output).not.toMatch(/HTTP support is not loaded/);
    expect(output).toMatch(/main: 3 of 3 runs with no MUST failure/);
    expect(run.status, output.slice(-4000)).toBe(0);
  }, 150_000);
});
