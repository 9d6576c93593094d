/** The machine report: one JSON document (DESIGN.md "Contracts"). */
import type { Report } from '../runner/types.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
