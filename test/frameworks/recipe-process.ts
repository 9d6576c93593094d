/**
 * Starts one recipe of examples/frameworks as its own process (node through tsx, bun or deno) on a free
 * port, and reads the URL it prints. The recipes import the built packages (dist/), as a user's app would.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../scale-out/services.mjs';
import type { Served } from './scenario.js';

export const RECIPES_DIR = fileURLToPath(new URL('../../examples/frameworks/', import.meta.url));
const BIN = fileURLToPath(new URL('../../node_modules/.bin/', import.meta.url));

export const runtimes = {
  node: (file: string) => [process.execPath, '--import', 'tsx', file],
  bun: (file: string) => [`${BIN}bun`, file],
  deno: (file: string) => [`${BIN}deno`, 'run', '--allow-net', '--allow-env', '--allow-read', file],
} as const;

export async function startRecipe(
  command: readonly string[],
  timeoutMs = 30_000,
  env: Record<string, string> = {},
): Promise<Served> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: RECIPES_DIR,
    // No upgrade check: CI machines may have no network beyond the package registry.
    env: { ...process.env, PORT: '0', NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no URL within ${timeoutMs} ms`), timeoutMs);
    function fail(why: string): void {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${command.join(' ')}: ${why}; output:\n${output}`));
    }
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /MCP server on (http:\/\/\S+\/mcp)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => fail(`exited early (${code ?? signal})`));
  });
  return { url, stop: () => stopChild(child) };
}
