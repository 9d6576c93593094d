/**
 * The code blocks of the repository's Markdown (READMEs, docs/, package docs), and what each TypeScript
 * block is, read from its info string. Every fenced block must name its language, so that no TypeScript
 * hides in an unlabelled block; every `ts` block is one of these kinds:
 *
 * | info string              | the block is                                          | the tests                          |
 * | ------------------------ | ----------------------------------------------------- | ---------------------------------- |
 * | `ts`                     | a complete program that ends by itself                | type-check it, run it: exit 0      |
 * | `ts stdio-server`        | a complete server on stdio                            | type-check it, drive it with a Client over stdio |
 * | `ts http-server`         | a complete server that listens on `process.env.PORT`  | type-check it, run it with PORT=0, read the URL it prints, drive it with a Client over HTTP (both eras) |
 * | `ts module`              | a complete module that is not a program (it exports, or needs a service the tests do not have) | type-check it |
 * | `ts fragment`            | a piece of a program                                  | type-check it with the names it uses from the packages imported for it, and a few context variables (fragment-context.ts) |
 * | `ts example=<path>`      | a repository file shown verbatim (its leading `//` comment lines may be left out) | compare; the file has its own tests |
 *
 * `file=<name>.ts` beside a kind also saves the block under that name, so that other blocks of the same
 * page import it (`./name.js`) or start it (`node name.js`). Any other word is an error, so that a typo
 * cannot turn a check off.
 *
 * A fragment that uses names of its own besides those of fragment-context.ts declares them in an HTML
 * comment right above its fence (invisible when the page is rendered), for example
 * `<!-- ts-context: declare function deleteUser(id: string): Promise<void>; -->`; the comment may span
 * lines. Only fragments may have one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type BlockKind = 'program' | 'stdio-server' | 'http-server' | 'module' | 'fragment' | 'example';

export interface CodeBlock {
  /** Repository-relative path of the Markdown file. */
  doc: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  info: string;
  code: string;
  /** TypeScript declarations from a `<!-- ts-context: ... -->` comment right above the fence, if any. */
  context?: string;
}

export interface TsBlock extends CodeBlock {
  kind: BlockKind;
  /** `file=` name (`server.ts`), if any. */
  file?: string;
  /** `example=` path, if any. */
  example?: string;
  /** What is wrong with the info string, if anything. */
  problem?: string;
}

const TS_LANGS = new Set(['ts', 'typescript']);
const JS_LANGS = new Set(['js', 'javascript', 'mjs', 'cjs', 'jsx', 'tsx']);
const KIND_WORDS = new Set<BlockKind>(['stdio-server', 'http-server', 'module', 'fragment']);
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.tmp', 'spec-fixtures', 'coverage']);

/** The Markdown files whose code the tests hold true: everything but dependencies, build output and the spec's own fixtures. */
export function markdownFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        // docs/api is the generated API reference (git-ignored).
        if (!SKIPPED_DIRS.has(entry.name) && relative(ROOT, join(dir, entry.name)) !== join('docs', 'api')) {
          walk(join(dir, entry.name));
        }
      } else if (entry.name.endsWith('.md')) {
        found.push(relative(ROOT, join(dir, entry.name)));
      }
    }
  };
  walk(ROOT);
  return found.sort();
}

/** Fenced blocks of one Markdown text, indented ones (inside list items) included. */
export function codeBlocks(doc: string, text: string): CodeBlock[] {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, rest] = open as unknown as [string, string, string, string];
    const info = rest.trim();
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    const lang = info.split(/\s+/)[0] ?? '';
    const block: CodeBlock = { doc, line: i + 1, lang, info, code: body.join('\n') };
    const context = contextAbove(lines, i);
    if (context !== undefined) block.context = context;
    blocks.push(block);
    i = j;
  }
  return blocks;
}

/** The declarations of a `<!-- ts-context: ... -->` comment ending on the line above line `fence`. */
function contextAbove(lines: readonly string[], fence: number): string | undefined {
  const last = fence - 1;
  if (last < 0 || !lines[last]!.trimEnd().endsWith('-->')) return undefined;
  let first = last;
  while (first > 0 && !lines[first]!.includes('<!--')) first--;
  const comment = /<!--\s*ts-context:([\s\S]*)-->/.exec(lines.slice(first, last + 1).join('\n'));
  return comment ? comment[1]!.trim() : undefined;
}

/** What kind of TypeScript block this is (see the table at the top), or a problem with its info string. */
export function classify(block: CodeBlock): TsBlock {
  const words = block.info.split(/\s+/).slice(1).filter(Boolean);
  const result: TsBlock = { ...block, kind: 'program' };
  const kinds: string[] = [];
  for (const word of words) {
    if (KIND_WORDS.has(word as BlockKind)) kinds.push(word);
    else if (word.startsWith('example=')) {
      kinds.push('example');
      result.example = word.slice('example='.length);
    } else if (/^file=[\w-]+\.ts$/.test(word)) result.file = word.slice('file='.length);
    else result.problem = `unknown word ${JSON.stringify(word)} in the info string "${block.info}"`;
  }
  if (kinds.length > 1) result.problem = `expected at most one kind, received ${kinds.join(', ')}`;
  if (kinds.length === 1) result.kind = kinds[0] as BlockKind;
  if (result.kind === 'example' && result.file !== undefined) {
    result.problem = 'an example= block cannot also be a file= block';
  }
  if (block.context !== undefined && result.kind !== 'fragment') {
    result.problem = 'only a `ts fragment` block may have a ts-context comment';
  }
  return result;
}

export interface DocsInventory {
  ts: TsBlock[];
  /** Blocks that break the rules whatever their code: no language, JavaScript, a bad info string. */
  problems: string[];
}

/** Every TypeScript block of every Markdown file, and every block that breaks the labelling rules. */
export function inventory(): DocsInventory {
  const ts: TsBlock[] = [];
  const problems: string[] = [];
  for (const doc of markdownFiles()) {
    for (const block of codeBlocks(doc, readFileSync(join(ROOT, doc), 'utf8'))) {
      const where = `${doc}:${block.line}`;
      if (block.lang === '') {
        problems.push(
          `${where}: a code block without a language (write \`text\` for output, \`ts\` for code)`,
        );
      } else if (JS_LANGS.has(block.lang)) {
        problems.push(
          `${where}: a \`${block.lang}\` block; write examples as \`ts\` so that they are checked`,
        );
      } else if (TS_LANGS.has(block.lang)) {
        const classified = classify(block);
        if (classified.problem) problems.push(`${where}: ${classified.problem}`);
        else ts.push(classified);
      }
    }
  }
  return { ts, problems };
}

/** A short name for a block in test titles and messages. */
export function label(block: TsBlock): string {
  return `${block.doc}:${block.line} (${block.info})`;
}

/** A directory name for a Markdown file. */
export function slug(doc: string): string {
  return doc.replace(/\.md$/, '').replace(/[^\w-]+/g, '_');
}

/** The name a block is saved under in its page's folder. */
export function blockFileName(block: TsBlock): string {
  return block.file ?? `block-${block.line}.ts`;
}
