/**
 * The report options shared by check-server and check-client (--format, --json, --output, --github,
 * --baseline): parsing them, rendering the report in the chosen format, writing it, and the exit code
 * that follows (./exit-codes.ts), baseline included.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { ConfigError } from '@mcpwire/core';
import { CLIENT_CHECK_IDS, SERVER_CHECK_IDS } from '../checks/catalogue.js';
import { renderGithub } from '../report/github.js';
import { renderHtml } from '../report/html.js';
import { COLOURS, NO_COLOURS, renderHuman } from '../report/human.js';
import { renderJson } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import { useColour } from '../report/progress.js';
import type { RenderContext } from '../report/render-context.js';
import { applyBaseline, type BaselineEntry, parseBaseline } from './baseline.js';
import { EXIT } from './exit-codes.js';
import type { TargetUnavailableError } from './target-error.js';
import type { Report } from './types.js';

export const FORMATS = ['human', 'json', 'junit', 'html'] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** The parseArgs options every check command accepts. */
export const REPORT_ARGS = {
  format: { type: 'string' },
  json: { type: 'boolean' },
  output: { type: 'string' },
  github: { type: 'boolean' },
  baseline: { type: 'string' },
} as const;

export interface ReportArgValues {
  readonly format?: string | undefined;
  readonly json?: boolean | undefined;
  readonly output?: string | undefined;
  readonly github?: boolean | undefined;
  readonly baseline?: string | undefined;
}

export interface ReportOptions {
  readonly format: ReportFormat;
  readonly output: string | undefined;
  readonly github: boolean;
  readonly baseline: { readonly file: string; readonly entries: readonly BaselineEntry[] } | undefined;
}

/** Validates the options and reads the baseline file (every problem is a ConfigError: exit 2). */
export async function loadReportOptions(
  values: ReportArgValues,
  kind: 'server' | 'client',
): Promise<ReportOptions> {
  if (values.format !== undefined && !(FORMATS as readonly string[]).includes(values.format))
    throw new ConfigError(
      `--format: expected one of ${FORMATS.join(', ')}, received ${JSON.stringify(values.format)}`,
    );
  if (values.json === true && values.format !== undefined && values.format !== 'json')
    throw new ConfigError(`--json: is --format json, but --format ${values.format} was given too`);
  const format: ReportFormat =
    values.json === true ? 'json' : ((values.format as ReportFormat | undefined) ?? 'human');
  let baseline: ReportOptions['baseline'];
  if (values.baseline !== undefined) {
    let text: string;
    try {
      text = await readFile(values.baseline, 'utf8');
    } catch (error) {
      throw new ConfigError(
        `--baseline: expected a readable file, received ${JSON.stringify(values.baseline)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    const ids = kind === 'server' ? SERVER_CHECK_IDS : CLIENT_CHECK_IDS;
    baseline = { file: values.baseline, entries: parseBaseline(text, values.baseline, ids) };
  }
  return { format, output: values.output, github: values.github === true, baseline };
}

function render(report: Report, format: ReportFormat, context: RenderContext, toTerminal: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report, context);
    case 'junit':
      return renderJunit(report, context);
    case 'html':
      return renderHtml(report, context);
    default:
      return renderHuman(report, toTerminal && useColour() ? COLOURS : NO_COLOURS, context);
  }
}

async function emit(report: Report, options: ReportOptions, context: RenderContext): Promise<void> {
  const text = render(report, options.format, context, options.output === undefined);
  if (options.output !== undefined) await writeFile(options.output, text);
  else process.stdout.write(text);
  if (options.github) {
    // Annotations must not corrupt a machine-readable report on stdout; the Actions runner reads both streams.
    const machineOnStdout = options.output === undefined && options.format !== 'human';
    const annotations = renderGithub(report, context);
    (machineOnStdout ? process.stderr : process.stdout).write(annotations);
  }
}

/** Prints the report and returns the exit code. */
export async function writeReport(report: Report, options: ReportOptions): Promise<number> {
  const baseline =
    options.baseline === undefined
      ? undefined
      : applyBaseline(report, options.baseline.entries, options.baseline.file);
  await emit(report, options, { baseline });
  if (baseline !== undefined) {
    if (baseline.newFailures.length > 0) return EXIT.mustFailed;
    return baseline.stale.length > 0 ? EXIT.baselineStale : EXIT.ok;
  }
  return report.checks.some((c) => c.status === 'fail') ? EXIT.mustFailed : EXIT.ok;
}

/** For a target that cannot be judged: machine formats still get a document that says so. */
export async function reportUnavailable(
  kind: 'server' | 'client',
  target: string,
  error: TargetUnavailableError,
  options: ReportOptions,
): Promise<void> {
  const report: Report = {
    kind,
    target,
    revision: null,
    revisions: [],
    transport: 'unknown',
    checks: [],
    summary: { pass: 0, fail: 0, warn: 0, skip: 0 },
    durationMs: 0,
    unavailable: { kind: error.kind, message: error.message },
  };
  // The reason is on stderr already; a human report on stdout would only repeat it.
  if (options.format === 'human' && options.output === undefined) {
    if (options.github) process.stdout.write(renderGithub(report));
    return;
  }
  await emit(report, options, {});
}
