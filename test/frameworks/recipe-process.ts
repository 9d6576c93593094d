/**
 * Starts one recipe of examples/frameworks as its own process (node through tsx, bun or deno) on a free
 * port, and reads the URL it prints. The recipes import the built packages (dist/), as a user's app would,
 * so a build older than the sources is refused up front with a clear message (rather than failing checks
 * on behaviour the sources have and the old build lacks).
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Served } from './scenario.js';

export const RECIPES_DIR = fileURLToPath(new URL('../../examples/frameworks/', import.meta.url));
const BIN = fileURLToPath(new URL('../../node_modules/.bin/', import.meta.url));
const PACKAGES = fileURLToPath(new URL('../../packages/', import.meta.url));

/** A process start on a loaded 2-core CI machine (tsx compiling, Deno checking its cache) can be slow. */
export const START_TIMEOUT_MS = 60_000;

export const runtimes = {
  node: (file: string) => [process.execPath, '--import', 'tsx', file],
  bun: (file: string) => [`${BIN}bun`, file],
  deno: (file: string) => [`${BIN}deno`, 'run', '--allow-net', '--allow-env', '--allow-read', file],
} as const;

function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return newest;
}

let buildChecked = false;

/** Throws unless the dist/ builds the recipes import are at least as new as their sources. */
export function assertBuildCurrent(): void {
  if (buildChecked) return;
  const builds: Array<[string, string[]]> = [
    ['core', ['dist/index.js']],
    ['server', ['dist/index.js']],
    ['transports', ['dist/http/index.js', 'dist/http/web.js']],
  ];
  for (const [pkg, outputs] of builds) {
    const source = newestUnder(`${PACKAGES}${pkg}/src`);
    for (const output of outputs) {
      let built: number;
      try {
        built = statSync(`${PACKAGES}${pkg}/${output}`).mtimeMs;
      } catch {
        throw new Error(`expected packages/${pkg}/${output}; received none: run \`pnpm run build\` first`);
      }
      if (built < source)
        throw new Error(
          `expected packages/${pkg}/${output} built from the current sources; received a build older than ` +
            `packages/${pkg}/src: run \`pnpm run build\` first (the recipes import dist/, as users do)`,
        );
    }
  }
  buildChecked = true;
}

/**
 * Spawns `command` in the recipes folder (or `cwd`) with PORT=0 and resolves once its output has named a URL for
 * each of `patterns` (the first capture group of each), in order of the patterns.
 */
export async function startProcess(
  command: readonly string[],
  patterns: readonly RegExp[],
  env: Record<string, string> = {},
  cwd: string = RECIPES_DIR,
): Promise<{ urls: string[]; stop(): Promise<void> }> {
  assertBuildCurrent();
  const child = spawn(command[0]!, command.slice(1), {
    cwd,
    // No upgrade check: CI machines may have no network beyond the package registry.
    env: { ...process.env, PORT: '0', NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own: node_modules/.bin/deno is a shell shim that runs a Node wrapper, which runs the
    // real deno binary; a signal to the wrapper alone left that binary running after the tests.
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // ESRCH: the whole group is gone already.
    }
  };
  let output = '';
  const urls = await new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no URL within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    function fail(why: string): void {
      clearTimeout(timer);
      signalGroup('SIGKILL');
      reject(new Error(`${command.join(' ')}: ${why}; output:\n${output}`));
    }
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const found = patterns.map((pattern) => pattern.exec(output)?.[1]);
      if (found.every((url) => url !== undefined)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(found as string[]);
      }
    };
    const onExit = (code: number | null, signal: string | null): void =>
      fail(`exited early (${code ?? signal})`);
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    // Whatever of the group outlived its leader (the runtime behind a wrapper) goes too.
    signalGroup('SIGKILL');
  };
  return { urls, stop };
}

/** Starts a recipe and reads the `MCP server on <url>` line every recipe prints. */
export async function startRecipe(
  command: readonly string[],
  env: Record<string, string> = {},
  cwd: string = RECIPES_DIR,
): Promise<Served> {
  const { urls, stop } = await startProcess(command, [/MCP server on (http:\/\/\S+\/mcp)/], env, cwd);
  return { url: urls[0]!, stop };
}
