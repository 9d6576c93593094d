/**
 * The complete programs of the READMEs and docs run (test/docs/blocks.ts says which blocks are which),
 * from the built packages, in parallel and bounded in time: a `ts` program must exit 0; a `stdio-server`
 * is started by a real Client over stdio and a `http-server` (run with PORT=0, it prints the URL it
 * serves) is reached by a real Client over Streamable HTTP, each in the legacy era and in 2026-07-28,
 * and must answer a ping and list the same things in both. Needs a build.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from '@mcpwire/client';
import type { Transport } from '@mcpwire/core';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { StdioClientTransport } from '@mcpwire/transports/stdio';
import { beforeAll, describe, expect, it } from 'vitest';
import { inventory, label, ROOT, type TsBlock } from './blocks.js';
import { isRunnable, writeRunnableBlocks } from './workspace.js';

const PROGRAM_TIMEOUT_MS = 30_000;
const { ts: blocks } = inventory();
const runnable = blocks.filter(isRunnable);
let paths: Map<TsBlock, string>;

beforeAll(() => {
  for (const pkg of ['core', 'server', 'client']) {
    expect(
      existsSync(join(ROOT, 'packages', pkg, 'dist', 'index.js')),
      `packages/${pkg}: run the build first`,
    ).toBe(true);
  }
  paths = writeRunnableBlocks('run', blocks);
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts a block's program; `exited` settles when it ends (killed after PROGRAM_TIMEOUT_MS). */
function start(
  path: string,
  env: Record<string, string> = {},
): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(process.execPath, [path], {
    cwd: dirname(path),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), PROGRAM_TIMEOUT_MS);
  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, exited };
}

/** The first http(s) URL the program prints, within the time bound. */
function printedUrl(child: ChildProcess, exited: Promise<Exit>): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (text: string) => {
      seen += text;
      const url = /https?:\/\/127\.0\.0\.1:\d+\S*/.exec(seen)?.[0];
      if (url) resolve(url);
    });
    void exited.then((exit) =>
      reject(
        new Error(
          `expected the server to print its URL, but it exited (${exit.code ?? exit.signal}): ${exit.stderr}`,
        ),
      ),
    );
  });
}

/** What a client sees of a server: every tool, resource, template and prompt it lists. */
async function listEverything(client: Client): Promise<string[]> {
  const seen: string[] = [];
  const capabilities = client.serverCapabilities ?? {};
  if (capabilities['tools']) for await (const tool of client.tools()) seen.push(`tool ${tool.name}`);
  if (capabilities['resources']) {
    for await (const resource of client.resources()) seen.push(`resource ${resource.uri}`);
    for await (const template of client.resourceTemplates()) seen.push(`template ${template.uriTemplate}`);
  }
  if (capabilities['prompts'])
    for await (const prompt of client.prompts()) seen.push(`prompt ${prompt.name}`);
  return seen;
}

/**
 * Connects in each era, pings and lists everything; both eras must see the same surface. Returns it, so
 * that a test can check it against what its page says.
 */
async function driveInBothEras(open: () => Transport): Promise<string[]> {
  const surfaces: Record<string, string[]> = {};
  for (const revision of ['2025-11-25', '2026-07-28'] as const) {
    const client = new Client(
      { name: 'docs-test', version: '1.0.0' },
      { revision, defaultTimeoutMs: 10_000 },
    );
    await client.connect(open());
    try {
      if (revision === '2026-07-28') {
        // A pinned 2026-07-28 client does no discovery; ask, as a host would.
        const discovered = new Client({ name: 'docs-test', version: '1.0.0' }, { defaultTimeoutMs: 10_000 });
        await discovered.connect(open());
        await discovered.ping();
        surfaces[revision] = await listEverything(discovered);
        expect(discovered.era).toBe('modern');
        await discovered.close();
      } else {
        await client.ping();
        surfaces[revision] = await listEverything(client);
        expect(client.era).toBe('legacy');
      }
    } finally {
      await client.close();
    }
  }
  expect(surfaces['2026-07-28']).toEqual(surfaces['2025-11-25']);
  return surfaces['2025-11-25']!;
}

describe('complete programs of the docs', () => {
  it('are there to run', () => {
    expect(runnable.length).toBeGreaterThan(0);
  });

  it.concurrent.each(runnable.map((block) => [label(block), block] as const))(
    '%s runs',
    async (_, block) => {
      const path = paths.get(block)!;
      if (block.kind === 'program') {
        const exit = await start(path).exited;
        expect(
          { code: exit.code, signal: exit.signal },
          `stdout: ${exit.stdout}\nstderr: ${exit.stderr}`,
        ).toEqual({
          code: 0,
          signal: null,
        });
      } else if (block.kind === 'stdio-server') {
        let stderr = '';
        const open = (): Transport =>
          new StdioClientTransport({
            command: process.execPath,
            args: [path],
            cwd: dirname(path),
            stderr: (text) => {
              stderr += text;
            },
          });
        await driveInBothEras(open).catch((error: unknown) => {
          throw new Error(`${String(error)}\nserver stderr: ${stderr}`);
        });
      } else {
        const { child, exited } = start(path, { PORT: '0' });
        try {
          const url = await printedUrl(child, exited);
          await driveInBothEras(() => new StreamableHttpClientTransport(url));
        } finally {
          child.kill('SIGTERM');
          await exited;
        }
      }
    },
    PROGRAM_TIMEOUT_MS * 2,
  );
});

describe("the README's weather server", () => {
  // Held to what the README says of it: the tool's structured result, the resource, the template, the
  // prompt, and completion of both, over stdio, in the legacy era and in 2026-07-28.
  it.each(['2025-11-25', '2026-07-28'] as const)('serves what the README says (%s)', async (revision) => {
    const block = runnable.find((each) => each.doc === 'README.md' && each.kind === 'stdio-server');
    expect(block, 'README.md has a stdio-server block').toBeDefined();
    const path = paths.get(block!)!;
    const client = new Client(
      { name: 'docs-test', version: '1.0.0' },
      { revision, defaultTimeoutMs: 10_000 },
    );
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [path], cwd: dirname(path) }),
    );
    try {
      const forecast = await client.callTool('forecast', { city: 'Lisbon' });
      expect(forecast.structuredContent).toEqual({ city: 'Lisbon', celsius: 18, sky: 'clear' });
      const cities = await client.readResource('weather://cities');
      expect(JSON.parse((cities.contents[0] as { text: string }).text)).toContain('Porto');
      const read = await client.readResource('weather://forecast/Paris');
      expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({ city: 'Paris' });
      const variable = await client.complete({
        ref: { type: 'ref/resource', uri: 'weather://forecast/{city}' },
        argument: { name: 'city', value: 'p' },
      });
      expect(variable.completion.values).toEqual(['Paris', 'Porto', 'Prague']);
      const argument = await client.complete({
        ref: { type: 'ref/prompt', name: 'plan-a-day' },
        argument: { name: 'city', value: 'Be' },
      });
      expect(argument.completion.values).toEqual(['Berlin']);
      const prompt = await client.getPrompt('plan-a-day', { city: 'Prague' });
      expect(JSON.stringify(prompt.messages)).toContain('Plan a day out in Prague');
    } finally {
      await client.close();
    }
  });
});
