/**
 * The machine report: one JSON document (DESIGN.md "Contracts": target, revision, checks[], summary stay;
 * fields may be added). With a baseline it carries `baseline` (the file, known failures with reasons,
 * new failures, stale and not-run entries); a target that cannot be judged carries `unavailable`.
 */
import type { Report } from '../runner/types.js';
import type { RenderContext } from './render-context.js';

export function renderJson(report: Report, context: RenderContext = {}): string {
  const b = context.baseline;
  const document =
    b === undefined
      ? report
      : {
          ...report,
          baseline: {
            file: b.file,
            expected: b.expected.map((e) => ({ id: e.check.id, run: e.check.run, reason: e.reason })),
            newFailures: b.newFailures.map((c) => ({ id: c.id, run: c.run })),
            stale: b.stale,
            notRun: b.notRun,
          },
        };
  return `${JSON.stringify(document, null, 2)}\n`;
}
