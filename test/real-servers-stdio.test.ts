/**
 * check-server against real MCP servers over stdio, run side by side: the official reference servers
 * (server-everything, server-filesystem, server-memory, server-sequential-thinking) and fixtures written
 * with two other implementations (tmcp, FastMCP). Each report must hold exactly the verdicts recorded in
 * packages/conformance/README.md ("Verdicts on real servers"), where each one is explained from the spec.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { checkServer } from '../packages/conformance/src/runner/check-server.js';
import { type ExpectedVerdicts, expectVerdicts } from './real-servers/verdicts.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OFFICIAL = `${ROOT}node_modules/@modelcontextprotocol`;
const work = mkdtempSync(join(tmpdir(), 'mcpwire-real-servers-'));
writeFileSync(join(work, 'notes.txt'), 'a file for server-filesystem to list\n');

/** The SHOULD-level answers almost every SDK-based server gives (see the README). */
const SDK_WARNINGS = ['legacy:F03', 'legacy:J08'];

const targets: [string, string, NodeJS.ProcessEnv, ExpectedVerdicts][] = [
  [
    'server-everything',
    `node ${OFFICIAL}/server-everything/dist/index.js stdio`,
    {},
    // It starts a 5 s logging interval at initialize and never reads stdin's end: SIGTERM ends it.
    {
      revisions: ['2025-11-25'],
      fail: [],
      warn: [...SDK_WARNINGS, 'legacy:F05', 'legacy:T04'],
      messages: { 'legacy:T04': /exited only on SIGTERM/ },
    },
  ],
  [
    'server-filesystem',
    `node ${OFFICIAL}/server-filesystem/dist/index.js ${work}`,
    {},
    { revisions: ['2025-11-25'], fail: [], warn: SDK_WARNINGS },
  ],
  [
    'server-memory',
    `node ${OFFICIAL}/server-memory/dist/index.js`,
    { MEMORY_FILE_PATH: join(work, 'memory.jsonl') },
    { revisions: ['2025-11-25'], fail: [], warn: [...SDK_WARNINGS, 'legacy:F05'] },
  ],
  [
    'server-sequential-thinking',
    `node ${OFFICIAL}/server-sequential-thinking/dist/index.js`,
    {},
    { revisions: ['2025-11-25'], fail: [], warn: SDK_WARNINGS },
  ],
  [
    'tmcp',
    `node ${ROOT}test/real-servers/tmcp-server.mjs stdio`,
    {},
    {
      revisions: ['2025-06-18', '2026-07-28'],
      fail: ['legacy:F08', 'legacy:V01', 'modern:F08', 'modern:V01'],
      warn: ['legacy:F03', 'legacy:F05', 'legacy:J08', 'legacy:L01', 'modern:F03', 'modern:J08'],
      messages: {
        'legacy:F08': /for explain, received result null/,
        'legacy:V01': /result of completion\/complete\): result: expected object, received null/,
        'modern:V01':
          /result of completion\/complete\): result\.completion: expected object, received undefined/,
        'legacy:L01': /the server answered 2025-06-18/,
      },
    },
  ],
  [
    'fastmcp',
    `node ${ROOT}test/real-servers/fastmcp-server.mjs stdio`,
    {},
    { revisions: ['2025-11-25'], fail: [], warn: ['legacy:F05', 'legacy:F09', 'legacy:J08'] },
  ],
];

describe.concurrent('check-server on real servers over stdio', { timeout: 120_000 }, () => {
  for (const [name, command, env, expected] of targets) {
    it(`${name}: ${expected.fail.length === 0 ? 'no MUST failure' : expected.fail.join(', ')}`, async () => {
      const report = await checkServer({ stdio: command, env, era: 'both', timeoutMs: 10_000 });
      expectVerdicts(report, expected);
    });
  }
});
