/**
 * Every TypeScript block of the READMEs and docs type-checks as a user's code would: one strict program
 * (test/docs/tsconfig.json: strict, exactOptionalPropertyTypes, nodenext) over all the blocks, against the
 * built declarations. Fragments get the package names they use imported for them, and the context
 * variables of fragment-context.ts; `example=` blocks must be their file verbatim. Also: every code block
 * names its language, and info strings hold only known words (test/docs/blocks.ts). Needs a build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { classify, codeBlocks, inventory, label, ROOT, type TsBlock } from './blocks.js';
import { FRAGMENT_CONTEXT, FRAGMENT_IMPORT_SOURCES } from './fragment-context.js';
import { freshDir, writeBlocks } from './workspace.js';

const { ts: blocks, problems } = inventory();
const checked = blocks.filter((block) => block.kind !== 'example');
const diagnosticsOf = new Map<TsBlock, string[]>();

function compilerOptions(): ts.CompilerOptions {
  const configDir = join(ROOT, 'test', 'docs');
  const read = ts.readConfigFile(join(configDir, 'tsconfig.json'), ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  // The config lists no files (the blocks are added as root names), so TS18002 is expected; the options
  // (with the base path `paths` are relative to) are what is wanted.
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, configDir);
  const errors = parsed.errors.filter((error) => error.code !== 18002);
  if (errors.length > 0) {
    throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'));
  }
  return parsed.options;
}

interface ExportedName {
  from: string;
  typeOnly: boolean;
}

/** Every name the packages' entry points export, with where to import it from (FRAGMENT_IMPORT_SOURCES order). */
function exportedNames(options: ts.CompilerOptions): {
  names: Map<string, ExportedName>;
  program: ts.Program;
} {
  const host = ts.createCompilerHost(options);
  const entries = FRAGMENT_IMPORT_SOURCES.map((specifier) => {
    const resolved = ts.resolveModuleName(specifier, join(ROOT, 'test', 'docs', 'x.ts'), options, host);
    const file = resolved.resolvedModule?.resolvedFileName;
    expect(
      file && existsSync(file),
      `${specifier} has no built declarations: run the build first`,
    ).toBeTruthy();
    return { specifier, file: file! };
  });
  const program = ts.createProgram(
    entries.map((entry) => entry.file),
    options,
    host,
  );
  const checker = program.getTypeChecker();
  const names = new Map<string, ExportedName>();
  for (const { specifier, file } of entries) {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      if (names.has(symbol.name)) continue;
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      names.set(symbol.name, { from: specifier, typeOnly: (target.flags & ts.SymbolFlags.Value) === 0 });
    }
  }
  names.set('z', { from: 'zod', typeOnly: false });
  return { names, program };
}

/** Names a fragment declares at its top level (imports included). */
function topLevelNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const bind = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/**
 * A fragment completed into a module: the imports and context declarations it needs are appended after
 * its last line (imports are hoisted, `declare var` has no temporal dead zone), so that the fragment's
 * own lines keep their numbers in the diagnostics.
 */
function completeFragment(block: TsBlock, names: Map<string, ExportedName>): string {
  const source = ts.createSourceFile('fragment.ts', block.code, ts.ScriptTarget.ESNext, true);
  const declared = topLevelNames(source);
  if (block.context !== undefined) {
    for (const name of topLevelNames(
      ts.createSourceFile('context.ts', block.context, ts.ScriptTarget.ESNext),
    )) {
      declared.add(name);
    }
  }
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const imports = new Map<string, string[]>();
  const declarations: string[] = [];
  for (const name of [...used].sort()) {
    if (declared.has(name)) continue;
    const exported = names.get(name);
    if (exported) {
      const list = imports.get(exported.from) ?? [];
      list.push(exported.typeOnly ? `type ${name}` : name);
      imports.set(exported.from, list);
    } else if (FRAGMENT_CONTEXT[name] !== undefined) {
      declarations.push(`declare var ${name}: ${FRAGMENT_CONTEXT[name]};`);
    }
  }
  const tail = [...imports].map(([from, list]) => `import { ${list.join(', ')} } from '${from}';`);
  if (block.context !== undefined) tail.push(block.context);
  return `${block.code}\n${[...tail, ...declarations, 'export {};'].join('\n')}\n`;
}

function lineOf(diagnostic: ts.Diagnostic): number {
  return diagnostic.file && diagnostic.start !== undefined
    ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line
    : 0;
}

beforeAll(() => {
  const options = compilerOptions();
  const { names, program: exportsProgram } = exportedNames(options);
  const paths = writeBlocks(freshDir('check'), checked, (block) =>
    block.kind === 'fragment' ? completeFragment(block, names) : block.code,
  );
  const program = ts.createProgram([...paths.values()], options, undefined, exportsProgram);
  const blockOfPath = new Map([...paths].map(([block, path]) => [path, block]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const block = diagnostic.file ? blockOfPath.get(diagnostic.file.fileName) : undefined;
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!block) {
      // A problem with the configuration or the built declarations: every block fails with it.
      for (const each of checked)
        diagnosticsOf.set(each, [...(diagnosticsOf.get(each) ?? []), `TS${diagnostic.code}: ${text}`]);
      continue;
    }
    const line = lineOf(diagnostic);
    const where =
      line < block.code.split('\n').length
        ? `${block.doc}:${block.line + 1 + line}`
        : `${block.doc}:${block.line} (added imports)`;
    diagnosticsOf.set(block, [
      ...(diagnosticsOf.get(block) ?? []),
      `${where}: TS${diagnostic.code}: ${text}`,
    ]);
  }
}, 180_000);

describe('code blocks of the docs', () => {
  it('are all labelled, with known words only', () => {
    expect(problems).toEqual([]);
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(checked.map((block) => [label(block), block] as const))('%s type-checks', (_, block) => {
    expect(diagnosticsOf.get(block) ?? []).toEqual([]);
  });

  const examples = blocks.filter((block) => block.kind === 'example');
  it.each(examples.map((block) => [label(block), block] as const))('%s is its file verbatim', (_, block) => {
    const path = join(ROOT, block.example!);
    expect(existsSync(path), `${block.example} does not exist`).toBe(true);
    const file = readFileSync(path, 'utf8').trimEnd();
    const withoutOpeningComments = file.replace(/^(\/\/.*\n)+/, '');
    expect([file, withoutOpeningComments]).toContain(block.code.trimEnd());
  });
});

describe('the labelling rules', () => {
  const page = [
    '```ts stdio-sever',
    'x;',
    '```',
    '<!-- ts-context: declare const answer: number; -->',
    '```ts fragment',
    'answer;',
    '```',
    '<!-- ts-context:',
    '  declare const other: string;',
    '-->',
    '```ts',
    'other;',
    '```',
    '  ```ts http-server file=server.ts',
    '  listen();',
    '  ```',
  ].join('\n');
  const [typo, fragment, programWithContext, indented] = codeBlocks('page.md', page).map(classify);

  it('refuse a word they do not know, so that a typo cannot turn a check off', () => {
    expect(typo!.problem).toContain('unknown word "stdio-sever"');
  });

  it('give a fragment the declarations of the comment above its fence', () => {
    expect(fragment).toMatchObject({ kind: 'fragment', context: 'declare const answer: number;' });
    expect(fragment!.problem).toBeUndefined();
  });

  it('allow a context comment only above a fragment', () => {
    expect(programWithContext!.problem).toBe('only a `ts fragment` block may have a ts-context comment');
  });

  it('read indented fences with a kind and a file name', () => {
    expect(indented).toMatchObject({ kind: 'http-server', file: 'server.ts', code: 'listen();', line: 14 });
  });
});
