/**
 * The human report: checks grouped by run and area, failures with their evidence, and a summary by level.
 * Colours only when asked (a TTY without NO_COLOR); the caller decides.
 */
import type { CheckResult, Report } from '../runner/types.js';
import {
  AREA_ORDER,
  AREA_TITLES,
  baselineReason,
  evidenceArrow,
  type RenderContext,
  runsOf,
} from './render-context.js';

export interface Palette {
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const plain = (s: string) => s;
export const NO_COLOURS: Palette = { red: plain, green: plain, yellow: plain, dim: plain, bold: plain };
const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOURS: Palette = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};

function badge(check: CheckResult, p: Palette): string {
  switch (check.status) {
    case 'pass':
      return p.green('PASS');
    case 'fail':
      return p.red('FAIL');
    case 'warn':
      return p.yellow('WARN');
    default:
      return p.dim('SKIP');
  }
}

export function renderHuman(report: Report, p: Palette = NO_COLOURS, context: RenderContext = {}): string {
  const lines: string[] = [];
  lines.push(p.bold(`mcpwire conformance: ${report.kind} ${report.target}`));
  if (report.unavailable !== undefined) {
    lines.push('', p.red(`cannot judge the target: ${report.unavailable.message}`));
    return `${lines.join('\n')}\n`;
  }
  for (const { run, checks: inRun } of runsOf(report)) {
    lines.push('', p.bold(`== ${run}`));
    for (const area of AREA_ORDER) {
      const checks = inRun.filter((c) => c.area === area).sort((a, b) => a.id.localeCompare(b.id));
      if (checks.length === 0) continue;
      lines.push(`  ${p.bold(AREA_TITLES[area])}`);
      for (const c of checks) {
        const known = baselineReason(c, context);
        lines.push(
          `    ${badge(c, p)} ${c.id} ${c.level === 'SHOULD' ? p.dim('(SHOULD) ') : ''}${c.title}${known === undefined ? '' : p.dim(' [baseline]')}`,
        );
        if (c.status !== 'pass') lines.push(`         ${c.status === 'skip' ? p.dim(c.message) : c.message}`);
        if (known !== undefined) lines.push(`         ${p.dim(`known (baseline): ${known}`)}`);
        if (c.status === 'fail' || c.status === 'warn') {
          lines.push(`         ${p.dim(`spec: ${c.spec}`)}`);
          for (const e of c.evidence ?? [])
            lines.push(`         ${p.dim(evidenceArrow(e.dir))} ${p.dim(e.text)}`);
        }
      }
    }
  }
  const byLevel = (level: 'MUST' | 'SHOULD') => report.checks.filter((c) => c.level === level);
  const count = (list: readonly CheckResult[], status: string) =>
    list.filter((c) => c.status === status).length;
  lines.push('', p.bold('Summary'));
  for (const level of ['MUST', 'SHOULD'] as const) {
    const list = byLevel(level);
    lines.push(
      `  ${level.padEnd(6)} ${p.green(`${count(list, 'pass')} pass`)}, ${p.red(`${count(list, 'fail')} fail`)}, ${p.yellow(`${count(list, 'warn')} warn`)}, ${p.dim(`${count(list, 'skip')} skip`)}`,
    );
  }
  const s = report.summary;
  const verdict =
    s.fail === 0 ? p.green('no MUST failure') : p.red(`${s.fail} MUST failure${s.fail > 1 ? 's' : ''}`);
  lines.push(
    `  total  ${s.pass} pass, ${s.fail} fail, ${s.warn} warn, ${s.skip} skip: ${verdict} (${report.durationMs} ms)`,
  );
  if (context.baseline !== undefined) lines.push(...baselineLines(context, p));
  for (const note of report.notes ?? []) lines.push(`  ${p.dim(`note: ${note}`)}`);
  return `${lines.join('\n')}\n`;
}

function baselineLines(context: RenderContext, p: Palette): string[] {
  const b = context.baseline!;
  const lines = ['', p.bold(`Baseline ${b.file}`)];
  const failing = b.newFailures.length;
  lines.push(
    `  ${failing === 0 ? p.green('no new failure') : p.red(`${failing} new failure${failing > 1 ? 's' : ''}`)}, ${b.expected.length} known, ${b.stale.length === 0 ? '0 stale' : p.red(`${b.stale.length} stale`)}, ${b.notRun.length} not run`,
  );
  for (const c of b.newFailures) lines.push(`  ${p.red('NEW')}   ${c.id} (${c.run}): ${c.message}`);
  for (const e of b.stale)
    lines.push(`  ${p.red('STALE')} ${e.id}: passes now, remove it from the baseline (${e.reason})`);
  for (const e of b.notRun) lines.push(`  ${p.dim(`NOT RUN ${e.id}: ${e.reason}`)}`);
  return lines;
}
