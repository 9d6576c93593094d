/**
 * GitHub Actions workflow commands (`::error`, `::warning`, `::notice`), one per verdict that needs a
 * reader: new MUST failures and stale baseline entries are errors, SHOULD warnings are warnings, known
 * (baselined) failures are notices. Message text is escaped as the runner expects (%, CR, LF), property
 * values also (:, ,), so server output cannot inject a command of its own.
 */
import type { CheckResult, Report } from '../runner/types.js';
import { baselineReason, type RenderContext } from './render-context.js';

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function line(command: 'error' | 'warning' | 'notice', title: string, message: string): string {
  return `::${command} title=${property(title)}::${data(message)}`;
}

function text(check: CheckResult): string {
  return `${check.message}\nspec: ${check.spec}`;
}

export function renderGithub(report: Report, context: RenderContext = {}): string {
  const lines: string[] = [];
  if (report.unavailable !== undefined)
    lines.push(
      line('error', `mcpwire conformance: cannot judge ${report.target}`, report.unavailable.message),
    );
  for (const check of report.checks) {
    const title = `${check.id} ${check.title} (${check.run})`;
    const known = baselineReason(check, context);
    if (known !== undefined)
      lines.push(line('notice', `${title} [baseline]`, `${text(check)}\nknown: ${known}`));
    else if (check.status === 'fail') lines.push(line('error', title, text(check)));
    else if (check.status === 'warn') lines.push(line('warning', title, text(check)));
  }
  for (const entry of context.baseline?.stale ?? [])
    lines.push(
      line(
        'error',
        `${entry.id} baseline entry is stale`,
        `${entry.id} passes now: remove it from ${context.baseline!.file} (${entry.reason})`,
      ),
    );
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
