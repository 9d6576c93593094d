/** Test helpers shared by the client tests and the interop tests in /test (real servers over stdio). */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, type ClientOptions } from '@mcpwire/client';
import { StdioClientTransport } from '@mcpwire/transports/stdio';

const root = new URL('../../../', import.meta.url);

export const EVERYTHING_BIN = fileURLToPath(
  new URL('node_modules/@modelcontextprotocol/server-everything/dist/index.js', root),
);
export const FILESYSTEM_BIN = fileURLToPath(
  new URL('node_modules/@modelcontextprotocol/server-filesystem/dist/index.js', root),
);
export const CLI_BIN = fileURLToPath(new URL('packages/cli/dist/cli.js', root));
export const FIXTURE_BIN = fileURLToPath(new URL('packages/conformance/dist/cli.js', root));

/** Connects a Client to a server started as `node <args...>`. */
export async function connectNode(
  args: string[],
  options: ClientOptions = {},
): Promise<{ client: Client; transport: StdioClientTransport }> {
  const transport = new StdioClientTransport({ command: process.execPath, args, stderr: 'ignore' });
  const client = new Client({ name: 'mcpwire-test', version: '0.0.0' }, options);
  await client.connect(transport);
  return { client, transport };
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `condition` holds or `timeoutMs` passes. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}

/** Pids whose parent is `pid` (Linux /proc; the process-hygiene tests need the server a CLI started). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may contain spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process exited while we looked
    }
  }
  return children;
}
