/**
 * A self-contained HTML report: one file, inline CSS, no script and no network access, readable in any
 * browser and attachable as a CI artifact. A verdict banner, a summary table by area, the baseline (when
 * given), then per run a table of checks; every check shows its spec reference and, when it did not pass,
 * the messages exchanged (folded for warnings and skips, open for failures).
 */
import type { CheckResult, CheckStatus, Report } from '../runner/types.js';
import {
  AREA_ORDER,
  AREA_TITLES,
  baselineReason,
  evidenceArrow,
  type RenderContext,
  runsOf,
} from './render-context.js';
import { escapeMarkup as h } from './xml-text.js';

const STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'warn', 'skip'];

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#fff}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#59636e;margin:0 0 16px;word-break:break-all}
.banner{padding:12px 16px;border-radius:6px;font-weight:600;margin:12px 0}
.banner.ok{background:#dafbe1;color:#116329}.banner.bad{background:#ffebe9;color:#a40e26}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border-bottom:1px solid #d1d9e0;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.s{display:inline-block;min-width:38px;text-align:center;border-radius:4px;padding:1px 6px;font-weight:700;font-size:12px}
.s.pass{background:#dafbe1;color:#116329}.s.fail{background:#ffebe9;color:#a40e26}
.s.warn{background:#fff8c5;color:#7d4e00}.s.skip{background:#eff2f5;color:#59636e}
.spec{color:#59636e;font-size:12px}
details{margin-top:4px}summary{cursor:pointer;color:#0969da}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:8px;border-radius:4px;margin:4px 0;font:12px/1.4 ui-monospace,monospace}
.known{color:#7d4e00;font-size:12px}
`;

function badge(status: string, label = status.toUpperCase()): string {
  return `<span class="s ${h(status)}">${h(label)}</span>`;
}

function countRow(label: string, checks: readonly CheckResult[]): string {
  const cells = STATUSES.map((s) => `<td class="n">${checks.filter((c) => c.status === s).length}</td>`);
  return `<tr><th scope="row">${h(label)}</th>${cells.join('')}<td class="n">${checks.length}</td></tr>`;
}

function summaryTable(report: Report): string {
  const rows = AREA_ORDER.filter((area) => report.checks.some((c) => c.area === area)).map((area) =>
    countRow(
      AREA_TITLES[area],
      report.checks.filter((c) => c.area === area),
    ),
  );
  return `<table class="summary"><thead><tr><th>Area</th><th>Pass</th><th>Fail</th><th>Warn</th><th>Skip</th><th>Total</th></tr></thead><tbody>${rows.join('')}${countRow('All', report.checks)}</tbody></table>`;
}

function evidenceBlock(check: CheckResult): string {
  const items = check.evidence ?? [];
  if (items.length === 0) return '';
  const text = items.map((e) => `${evidenceArrow(e.dir)} ${e.text}`).join('\n');
  return `<details${check.status === 'fail' ? ' open' : ''}><summary>Exchanged messages (${items.length})</summary><pre>${h(text)}</pre></details>`;
}

function checkRow(check: CheckResult, context: RenderContext): string {
  const known = baselineReason(check, context);
  return `<tr id="${h(`${check.run}-${check.id}`)}"><td>${badge(check.status)}</td><td><b>${h(check.id)}</b></td><td>${h(check.level)}</td><td>${h(check.title)}<div class="spec">spec: ${h(check.spec)}</div>${known === undefined ? '' : `<div class="known">known failure (baseline): ${h(known)}</div>`}</td><td>${h(check.message)}${evidenceBlock(check)}</td></tr>`;
}

function baselineSection(context: RenderContext): string {
  const b = context.baseline;
  if (b === undefined) return '';
  const rows = [
    ...b.newFailures.map(
      (c) =>
        `<tr><td>${badge('fail', 'NEW')}</td><td>${h(c.id)}</td><td>${h(`${c.run}: ${c.message}`)}</td></tr>`,
    ),
    ...b.stale.map(
      (e) =>
        `<tr><td>${badge('fail', 'STALE')}</td><td>${h(e.id)}</td><td>${h(`passes now, remove it (${e.reason})`)}</td></tr>`,
    ),
    ...b.expected.map(
      (e) => `<tr><td>${badge('warn', 'KNOWN')}</td><td>${h(e.check.id)}</td><td>${h(e.reason)}</td></tr>`,
    ),
    ...b.notRun.map(
      (e) => `<tr><td>${badge('skip', 'NOT RUN')}</td><td>${h(e.id)}</td><td>${h(e.reason)}</td></tr>`,
    ),
  ];
  return `<h2>Baseline ${h(b.file)}</h2><table><thead><tr><th>State</th><th>Check</th><th>Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function verdict(report: Report, context: RenderContext): { ok: boolean; text: string } {
  if (report.unavailable !== undefined)
    return { ok: false, text: `Cannot judge the target: ${report.unavailable.message}` };
  const b = context.baseline;
  if (b !== undefined) {
    const ok = b.newFailures.length === 0 && b.stale.length === 0;
    return {
      ok,
      text: `${b.newFailures.length} new failure(s), ${b.expected.length} known, ${b.stale.length} stale baseline entr${b.stale.length === 1 ? 'y' : 'ies'}`,
    };
  }
  const fail = report.summary.fail;
  return {
    ok: fail === 0,
    text: fail === 0 ? 'No MUST failure' : `${fail} MUST failure${fail > 1 ? 's' : ''}`,
  };
}

export function renderHtml(report: Report, context: RenderContext = {}): string {
  const v = verdict(report, context);
  const s = report.summary;
  const runs = runsOf(report).map(
    ({ run, checks }) =>
      `<section><h2>${h(run)}</h2><table><thead><tr><th>Status</th><th>ID</th><th>Level</th><th>Check</th><th>Result</th></tr></thead><tbody>${checks.map((c) => checkRow(c, context)).join('')}</tbody></table></section>`,
  );
  const notes = (report.notes ?? []).map((n) => `<li>${h(n)}</li>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${h(`mcpwire conformance: ${report.kind} ${report.target}`)}</title><style>${STYLE}</style></head>
<body><main>
<h1>mcpwire conformance: ${h(report.kind)}</h1>
<p class="meta">${h(report.target)}<br>transport ${h(report.transport)} · revisions ${h(report.revisions.join(', ') || 'none')} · ${report.durationMs} ms · ${s.pass} pass, ${s.fail} fail, ${s.warn} warn, ${s.skip} skip</p>
<div class="banner ${v.ok ? 'ok' : 'bad'}">${h(v.text)}</div>
${notes === '' ? '' : `<ul class="notes">${notes}</ul>`}
${report.checks.length === 0 ? '' : `<h2>Summary by area</h2>${summaryTable(report)}`}
${baselineSection(context)}
${runs.join('\n')}
</main></body></html>
`;
}
