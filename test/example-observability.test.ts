/**
 * The runnable example of docs/observability.md (examples/observability): it prints, through the
 * OpenTelemetry console exporters, one trace running from the caller's span through the client's
 * "tools/call add" span to the server's, and the MCP duration metrics.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface PrintedSpan {
  name: string;
  id: string;
  traceId: string;
  kind: number;
  parentSpanId: string | undefined;
}

/** The spans ConsoleSpanExporter printed (console.dir of one object per span). */
function printedSpans(output: string): PrintedSpan[] {
  return output
    .split(/\n(?=\{\n {2}resource:)/)
    .filter((block) => block.includes('instrumentationScope:') && block.includes('\n  kind: '))
    .map((block) => ({
      name: /\n {2}name: '([^']*)'/.exec(block)![1]!,
      id: /\n {2}id: '([0-9a-f]{16})'/.exec(block)![1]!,
      traceId: /\n {2}traceId: '([0-9a-f]{32})'/.exec(block)![1]!,
      kind: Number(/\n {2}kind: (\d)/.exec(block)![1]),
      parentSpanId: /parentSpanContext: \{[^}]*?spanId: '([0-9a-f]{16})'/s.exec(block)?.[1],
    }));
}

describe('examples/observability', () => {
  it('is the example docs/observability.md shows, line for line', () => {
    const docs = readFileSync(`${ROOT}docs/observability.md`, 'utf8');
    const shown = /```ts\n([\s\S]*?)```/.exec(docs)![1]!;
    const source = readFileSync(`${ROOT}examples/observability/src/index.ts`, 'utf8');
    // The file opens with comment lines the page says in prose.
    expect(shown).toBe(source.replace(/^(\/\/.*\n)+/, ''));
  });

  it('prints one trace: caller span → client tools/call span → server tools/call span, and the metrics', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'examples/observability/src/index.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 + 3 = 5');
    const spans = printedSpans(run.stdout);
    const root = spans.find((span) => span.name === 'answer a question')!;
    const client = spans.find((span) => span.name === 'tools/call add' && span.kind === 2)!; // CLIENT
    const server = spans.find((span) => span.name === 'tools/call add' && span.kind === 1)!; // SERVER
    expect(root).toBeDefined();
    expect(client.parentSpanId).toBe(root.id);
    expect(server.parentSpanId).toBe(client.id);
    expect(new Set([root.traceId, client.traceId, server.traceId]).size).toBe(1);
    for (const name of ['mcp.client.operation.duration', 'mcp.server.operation.duration']) {
      expect(run.stdout).toMatch(new RegExp(`name: '${name.replace(/\./g, '\\.')}',[^}]*unit: 's'`, 's'));
    }
  });
});
