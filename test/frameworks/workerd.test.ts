/**
 * The Workers recipe (examples/frameworks/src/worker.ts + wrangler.toml) bundled here with esbuild as a
 * Workers build would be: platform neutral, the workerd/worker/browser conditions, no aliases, stubs or
 * nodejs_compat, and zero errors. Then served by workerd (through miniflare) through every scenario check,
 * and once more without `enable_request_signal`, where workerd never says that a client left.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { Miniflare, type MiniflareOptions } from 'miniflare';
import { expect, it } from 'vitest';
import { assertBuildCurrent, RECIPES_DIR } from './recipe-process.js';
import { describeServer, openGetStream, openSession, reopenGetStream } from './scenario.js';

/** The recipe's wrangler.toml, read for what the bundle and workerd need. */
function wranglerConfig(): { main: string; compatibilityDate: string; flags: string[] } {
  const text = readFileSync(`${RECIPES_DIR}wrangler.toml`, 'utf8');
  const value = (key: string): string | undefined =>
    new RegExp(`^${key}\\s*=\\s*"([^"]+)"`, 'm').exec(text)?.[1];
  const flags = /^compatibility_flags\s*=\s*\[(.*)\]/m.exec(text)?.[1] ?? '';
  return {
    main: value('main')!,
    compatibilityDate: value('compatibility_date')!,
    flags: [...flags.matchAll(/"([^"]+)"/g)].map((match) => match[1]!),
  };
}

let worker: Miniflare | undefined;
let options: MiniflareOptions | undefined;

describeServer(
  'Cloudflare Workers (workerd)',
  async () => {
    assertBuildCurrent();
    const config = wranglerConfig();
    expect(config.flags).toEqual(['enable_request_signal']);
    const bundle = await build({
      entryPoints: [config.main],
      absWorkingDir: RECIPES_DIR,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      logLevel: 'silent',
      metafile: true,
    });
    expect(bundle.errors).toEqual([]);
    const script = bundle.outputFiles[0]!.text;
    // The web build: no Node module is imported or required (statically or dynamically), and no file of
    // undici or of the Node build of our packages was bundled.
    expect(script).not.toMatch(
      /(from|import|require)\s*\(?\s*["'](node:[a-z_/]+|undici|http|https|net|stream)["']/,
    );
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.filter((input) => /undici|transports\/dist\/http\/index\.js/.test(input))).toEqual([]);
    expect(inputs).toContainEqual(expect.stringMatching(/transports\/dist\/http\/web\.js$/));
    options = {
      // The bundle as one module, as wrangler hands it over (miniflare would otherwise try to follow
      // the dynamic import that looks for the optional @opentelemetry/api at run time).
      modules: [{ type: 'ESModule', path: 'worker.js', contents: script }],
      compatibilityDate: config.compatibilityDate,
      compatibilityFlags: config.flags,
      host: '127.0.0.1',
      port: 0,
    };
    worker = new Miniflare(options);
    const url = await worker.ready;
    return { url: new URL('/mcp', url).href, stop: () => worker!.dispose() };
  },
  () => {
    it('without enable_request_signal, a dropped GET stream is released by a reopen (found unread)', async () => {
      await worker!.setOptions({ ...options!, compatibilityFlags: [] });
      const url = new URL('/mcp', await worker!.ready).href;
      const session = await openSession(url);
      const first = new AbortController();
      const reader = await openGetStream(url, session, first.signal);
      first.abort();
      await reader.cancel().catch(() => {});
      const second = new AbortController();
      const { attempt } = await reopenGetStream(url, session, second.signal);
      // Nothing else tells the server: the reopen's probe finds the old stream unread after a try or two.
      expect(attempt).toBeGreaterThan(1);
      second.abort();
    });
  },
);
