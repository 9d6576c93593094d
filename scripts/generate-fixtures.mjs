#!/usr/bin/env node
/**
 * Generates spec-fixtures/<revision>/*.json: for every method of every revision a valid and an invalid message,
 * a valid result for every request, plus JSON-RPC-level and era-difference fixtures. The output is committed;
 * after editing this file run `node scripts/generate-fixtures.mjs && npx biome format --write spec-fixtures`.
 * test/fixtures-agreement.test.ts checks every fixture against the official JSON schema (ajv) and @mcpwire/core.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { AREA, fixture, message, methodsOf, REVISIONS, root, SPEC } from './fixtures/common.mjs';
import { extras } from './fixtures/jsonrpc.mjs';
import { METHODS } from './fixtures/methods.mjs';

function generate(rev) {
  const files = new Map();
  const add = (area, f) => {
    if (!files.has(area)) files.set(area, []);
    files.get(area).push(f);
  };
  for (const [method, kind] of methodsOf(rev)) {
    const def = METHODS[method];
    if (!def) throw new Error(`no fixture template for ${rev} ${method}`);
    const area = AREA(method);
    const spec = SPEC[area];
    const p = def.params(rev);
    add(
      area,
      fixture(rev, `${method} ${kind}`, kind, method, true, message(kind, method, p), undefined, spec),
    );
    const [bad, why] = def.invalid(rev);
    add(
      area,
      fixture(rev, `${method} ${kind}: ${why}`, kind, method, false, message(kind, method, bad), why, spec),
    );
    if (kind === 'request') {
      const r = JSON.parse(JSON.stringify(def.result(rev)));
      add(
        area,
        fixture(
          rev,
          `${method} result`,
          'result',
          method,
          true,
          { jsonrpc: '2.0', id: 1, result: r },
          undefined,
          spec,
        ),
      );
    }
  }
  for (const [area, list] of extras(rev)) for (const f of list) add(area, f);
  return files;
}

let total = 0;
for (const rev of REVISIONS) {
  const dir = `${root}${rev}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [area, list] of generate(rev)) {
    writeFileSync(`${dir}${area}.json`, `${JSON.stringify(list, null, 2)}\n`);
    total += list.length;
  }
}
console.log(`wrote ${total} fixtures for ${REVISIONS.length} revisions`);
