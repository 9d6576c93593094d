// The official conformance tool imports `globSync` from `fs`, which only Node 22+ has. It uses it for one
// pattern shape (`**/<file name>` under a cwd), so this module re-exports node:fs plus that much of globSync.
import * as fs from 'node:fs';
import { join, relative } from 'node:path';

export * from 'node:fs';
export default fs;

export function globSync(pattern, options = {}) {
  if (fs.globSync) return fs.globSync(pattern, options);
  const match = /^\*\*\/([^*/]+)$/.exec(pattern);
  if (!match) throw new Error(`globSync shim: expected a pattern like "**/name", received ${pattern}`);
  const root = options.cwd ?? process.cwd();
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === match[1]) found.push(relative(root, full));
    }
  };
  if (fs.existsSync(root)) walk(root);
  return found;
}
