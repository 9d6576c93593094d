/**
 * The CI report formats, rendered from one real run (the mini server with its ids echoed as strings, a
 * MUST failure, and an unknown tool answered with isError, a SHOULD warning): JUnit XML validated against
 * the Jenkins xUnit plugin's JUnit schema with xmllint-wasm, the HTML report opened in headless Chromium
 * (rendered text, a screenshot, no network request), and GitHub annotations.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { renderGithub } from '../src/report/github.js';
import { renderHtml } from '../src/report/html.js';
import { renderJunit } from '../src/report/junit.js';
import { applyBaseline } from '../src/runner/baseline.js';
import { checkServer } from '../src/runner/check-server.js';
import type { Report } from '../src/runner/types.js';

const script = fileURLToPath(new URL('./broken-servers/stdio-server.mjs', import.meta.url));
const xsd = readFileSync(new URL('./fixtures/jenkins-junit.xsd', import.meta.url), 'utf8');
let report: Report;

beforeAll(async () => {
  report = await checkServer({
    stdio: `node ${script} --break id-string,unknown-tool-result`,
    era: 'legacy',
    timeoutMs: 3000,
  });
  // The run this file renders must hold every status a format has to map.
  expect(new Set(report.checks.map((c) => c.status))).toEqual(new Set(['pass', 'fail', 'warn', 'skip']));
});

async function validJunit(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'jenkins-junit.xsd', contents: xsd }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

function count(xml: string, pattern: RegExp): number {
  return xml.match(pattern)?.length ?? 0;
}

describe('--format junit', () => {
  it('is valid against the Jenkins JUnit schema, one testcase per check, statuses mapped', async () => {
    const xml = renderJunit(report);
    expect(await validJunit(xml)).toEqual({ valid: true, errors: [] });
    expect(count(xml, /<testcase /g)).toBe(report.checks.length);
    expect(count(xml, /<failure /g)).toBe(report.summary.fail);
    expect(count(xml, /<skipped /g)).toBe(report.summary.skip);
    expect(xml).toContain(`failures="${report.summary.fail}"`);
    // The failure body carries the spec reference and the exchanged messages.
    const failure = /<failure type="MUST" message="([^"]*)">([^<]*)<\/failure>/.exec(xml);
    expect(failure?.[1]).toMatch(/expected the response id 1 \(number\) echoed exactly/);
    expect(failure?.[2]).toContain('spec: 2025-11-25 basic/index §Responses');
    expect(failure?.[2]).toContain('← {&quot;jsonrpc&quot;:&quot;2.0&quot;,&quot;id&quot;:&quot;1&quot;');
    // A SHOULD warning passes, with its text kept.
    expect(xml).toMatch(
      /name="F03 [^"]*" time="0">\s*<system-out>WARNING \(SHOULD part of a MUST\): expected a JSON-RPC error for an unknown tool/,
    );
  });

  it('stays valid for a baseline (known failure skipped, stale entry failed) and for an unavailable target', async () => {
    const baseline = applyBaseline(
      report,
      [
        { id: 'J01', reason: 'ids are strings in our transport' },
        { id: 'L01', reason: 'fixed since' },
      ],
      'baseline.yml',
    );
    const xml = renderJunit(report, { baseline });
    expect(await validJunit(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<skipped message="known failure (baseline): ids are strings in our transport">');
    expect(xml).toMatch(
      /<failure type="stale-baseline" message="L01 passes now: remove it from baseline.yml">/,
    );
    const unavailable = renderJunit({
      ...report,
      checks: [],
      unavailable: { kind: 'spawn', message: 'cannot start "x": ENOENT <&>' },
    });
    expect(await validJunit(unavailable)).toEqual({ valid: true, errors: [] });
    expect(unavailable).toContain(
      '<error type="spawn" message="cannot start &quot;x&quot;: ENOENT &lt;&amp;&gt;">',
    );
  });

  it('is checked by a validator that rejects what the schema forbids', async () => {
    // <testsuite> without its required tests count.
    const broken = renderJunit(report).replace(/(<testsuite name="[^"]*") tests="\d+"/, '$1');
    expect(broken).not.toEqual(renderJunit(report));
    expect((await validJunit(broken)).valid).toBe(false);
  });
});

describe('--format html', () => {
  it('renders in headless Chromium as one self-contained page: summary by area, spec references, messages', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mcpwire-html-')), 'report.html');
    writeFileSync(file, renderHtml(report));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(file).href);
      expect(requests).toEqual([pathToFileURL(file).href]);
      // biome-ignore lint/performance/useDomNodeTextContent: what the browser renders is what is tested.
      const text = await page.innerText('body');
      expect(text).toContain('1 MUST failure');
      expect(text).toMatch(/Summary by area\s+Area\s+Pass\s+Fail\s+Warn\s+Skip\s+Total/);
      expect(text).toMatch(/JSON-RPC\s+\d+\s+1\s+0\s+\d+/);
      expect(text).toContain('spec: 2025-11-25 basic/index §Responses');
      // A failure's messages are open; a warning's are folded behind their summary.
      expect(text).toContain('← {"jsonrpc":"2.0","id":"1"');
      expect(text).toContain('Exchanged messages');
      expect(await page.title()).toBe(
        `mcpwire conformance: server node ${script} --break id-string,unknown-tool-result`,
      );
      const png = await page.screenshot({ fullPage: true });
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      expect(width).toBe(1200);
      expect(height).toBeGreaterThan(1500);
      expect(png.length).toBeGreaterThan(50_000);
    } finally {
      await browser.close();
    }
  });
});

describe('--github', () => {
  it('annotates failures as errors and warnings as warnings', () => {
    const lines = renderGithub(report).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(report.summary.fail);
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(report.summary.warn);
    expect(lines.find((l) => l.includes('title=J01'))).toMatch(
      /^::error title=J01 Responses echo the request id exactly and carry result or error%2C never both \(legacy 2025-11-25 over stdio\)::expected/,
    );
  });

  it('escapes text so a message cannot start a workflow command of its own', () => {
    const check = {
      ...report.checks.find((c) => c.status === 'fail')!,
      message: 'bad\n::error::injected 100%',
    };
    const out = renderGithub({ ...report, checks: [check] });
    expect(out.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(out).toContain('bad%0A::error::injected 100%25');
  });
});
