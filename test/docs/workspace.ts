/**
 * Folders the docs' code blocks are written to, under .tmp/doc-blocks (git-ignored): one per page for the
 * type check (the TypeScript as written, fragments completed with their imports) and one per page to run
 * (transpiled to JavaScript beside a `"type": "module"` package.json). Runs resolve `@mcpwire/*` to the
 * built packages through a node_modules folder of links, and everything else (zod, express, ...) from the
 * repository's node_modules, as a user's project would from its own.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { blockFileName, ROOT, slug, type TsBlock } from './blocks.js';

export const BLOCKS_DIR = join(ROOT, '.tmp', 'doc-blocks');
const PACKAGES = ['auth', 'cli', 'client', 'conformance', 'core', 'redis', 'server', 'transports'];

/** Empties `name` under .tmp/doc-blocks and returns its path. */
export function freshDir(name: string): string {
  const dir = join(BLOCKS_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes each block (TypeScript, as given by `source`) into `<root>/<page>/<file>`; returns block → path. */
export function writeBlocks(
  root: string,
  blocks: readonly TsBlock[],
  source: (block: TsBlock) => string,
): Map<TsBlock, string> {
  const paths = new Map<TsBlock, string>();
  for (const block of blocks) {
    const dir = join(root, slug(block.doc));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, blockFileName(block));
    writeFileSync(path, source(block));
    paths.set(block, path);
  }
  return paths;
}

/**
 * A folder per page holding its runnable blocks and its `file=` blocks as ES modules, and the
 * node_modules links to the built packages; returns block → JavaScript path.
 */
export function writeRunnableBlocks(name: string, blocks: readonly TsBlock[]): Map<TsBlock, string> {
  const root = freshDir(name);
  const links = join(root, 'node_modules', '@mcpwire');
  mkdirSync(links, { recursive: true });
  for (const pkg of PACKAGES) symlinkSync(join(ROOT, 'packages', pkg), join(links, pkg), 'dir');
  const paths = new Map<TsBlock, string>();
  for (const block of blocks.filter((block) => block.file !== undefined || isRunnable(block))) {
    const dir = join(root, slug(block.doc));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const path = join(dir, blockFileName(block).replace(/\.ts$/, '.js'));
    writeFileSync(path, transpile(block));
    paths.set(block, path);
  }
  return paths;
}

export function isRunnable(block: TsBlock): boolean {
  return block.kind === 'program' || block.kind === 'stdio-server' || block.kind === 'http-server';
}

function transpile(block: TsBlock): string {
  return ts.transpileModule(block.code, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
    fileName: blockFileName(block),
  }).outputText;
}
