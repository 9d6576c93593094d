/**
 * The `check-server` and `check-client` subcommands: argument parsing, help, progress, and handing the
 * report to ./report-output.ts. `src/cli.ts` dispatches here; everything else is in the runner.
 */
import { parseArgs } from 'node:util';
import { ConfigError, isRevision, REVISIONS, type Revision } from '@mcpwire/core';
import { checkClient } from '../client-check/check-client.js';
import { createProgress } from '../report/progress.js';
import { checkServer } from './check-server.js';
import { EXIT } from './exit-codes.js';
import { CLIENT_HELP, CLIENT_USAGE, SERVER_HELP, SERVER_USAGE } from './help.js';
import {
  loadReportOptions,
  REPORT_ARGS,
  type ReportArgValues,
  type ReportOptions,
  reportUnavailable,
  writeReport,
} from './report-output.js';
import { TargetUnavailableError } from './target-error.js';
import type { Report } from './types.js';

function list(values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function usageError(error: unknown, usage: string): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message}\n${usage}\n`);
  return EXIT.usage;
}

function positiveInteger(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value <= 0)
    throw new ConfigError(
      `--${name}: expected a positive integer (milliseconds), received ${JSON.stringify(raw)}`,
    );
  return value;
}

/**
 * Runs a check behind a progress line and reports it. A target that cannot be judged exits 3 with its
 * reason on stderr (and a report saying so, for CI formats); a configuration error exits 2 with the usage.
 */
async function reportRun(
  kind: 'server' | 'client',
  target: string,
  usage: string,
  output: ReportOptions,
  run: (onProgress: (text: string) => void) => Promise<Report>,
): Promise<number> {
  const progress = createProgress();
  try {
    const report = await run((text) => progress.update(text));
    progress.done();
    return await writeReport(report, output);
  } catch (error) {
    progress.done();
    if (error instanceof ConfigError) return usageError(error, usage);
    if (error instanceof TargetUnavailableError) {
      process.stderr.write(`check-${kind}: cannot judge the target: ${error.message}\n`);
      await reportUnavailable(kind, target, error, output);
      return EXIT.targetUnavailable;
    }
    throw error;
  }
}

/** Every option of check-server (the help test holds SERVER_USAGE to this list). */
export const SERVER_OPTIONS = {
  stdio: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
  'token-b': { type: 'string' },
  revision: { type: 'string', multiple: true },
  era: { type: 'string' },
  only: { type: 'string', multiple: true },
  'call-tools': { type: 'string', multiple: true },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...REPORT_ARGS,
} as const;

function parseServerArgs(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: SERVER_OPTIONS }).values;
}

export async function runCheckServer(argv: readonly string[]): Promise<number> {
  let values: ReturnType<typeof parseServerArgs>;
  let output: ReportOptions;
  let timeoutMs: number | undefined;
  try {
    values = parseServerArgs(argv);
    if (values.help === true) {
      process.stdout.write(`${SERVER_HELP}\n`);
      return EXIT.ok;
    }
    if (values.era !== undefined && !['legacy', 'modern', 'both'].includes(values.era)) {
      throw new ConfigError(`--era: expected legacy, modern or both, received ${JSON.stringify(values.era)}`);
    }
    if (values['token-b'] !== undefined && values.token === undefined)
      throw new ConfigError(
        '--token-b: expected --token too (sessions are opened with --token), received only --token-b',
      );
    if (values.token !== undefined && values.url === undefined)
      throw new ConfigError('--token: expected --url (tokens travel in HTTP headers), received --stdio');
    timeoutMs = positiveInteger('timeout', values.timeout);
    output = await loadReportOptions(values as ReportArgValues, 'server');
  } catch (error) {
    return usageError(error, SERVER_USAGE);
  }
  return reportRun('server', values.stdio ?? values.url ?? '', SERVER_USAGE, output, (onProgress) =>
    checkServer({
      stdio: values.stdio,
      url: values.url,
      token: values.token,
      tokenB: values['token-b'],
      revisions: list(values.revision),
      era: values.era as 'legacy' | 'modern' | 'both' | undefined,
      only: list(values.only),
      callTools: list(values['call-tools']),
      timeoutMs,
      onProgress,
    }),
  );
}

/** Every option of check-client (the help test holds CLIENT_USAGE to this list). */
export const CLIENT_OPTIONS = {
  command: { type: 'string' },
  transport: { type: 'string' },
  revision: { type: 'string' },
  'probe-answer': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...REPORT_ARGS,
} as const;

function parseClientArgs(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: CLIENT_OPTIONS }).values;
}

/** `--probe-answer`: a JSON-RPC error code, or `silent` for a legacy server that never answers the probe. */
function probeAnswerOf(text: string | undefined): number | 'silent' | undefined {
  if (text === undefined || text === 'silent') return text;
  const code = Number(text);
  if (!Number.isInteger(code))
    throw new ConfigError(
      `--probe-answer: expected an integer error code or silent, received ${JSON.stringify(text)}`,
    );
  return code;
}

export async function runCheckClient(argv: readonly string[]): Promise<number> {
  let values: ReturnType<typeof parseClientArgs>;
  let probeAnswer: number | 'silent' | undefined;
  let output: ReportOptions;
  let timeoutMs: number | undefined;
  try {
    values = parseClientArgs(argv);
    if (values.help === true) {
      process.stdout.write(`${CLIENT_HELP}\n`);
      return EXIT.ok;
    }
    probeAnswer = probeAnswerOf(values['probe-answer']);
    if (values.revision !== undefined && !isRevision(values.revision))
      throw new ConfigError(
        `--revision: expected one of ${REVISIONS.join(', ')}, received ${JSON.stringify(values.revision)}`,
      );
    if (values.command === undefined)
      throw new ConfigError('check-client: expected --command "<command line>", received none');
    if (values.transport !== undefined && values.transport !== 'stdio' && values.transport !== 'http') {
      throw new ConfigError(
        `--transport: expected stdio or http, received ${JSON.stringify(values.transport)}`,
      );
    }
    timeoutMs = positiveInteger('timeout', values.timeout);
    output = await loadReportOptions(values as ReportArgValues, 'client');
  } catch (error) {
    return usageError(error, CLIENT_USAGE);
  }
  return reportRun('client', values.command!, CLIENT_USAGE, output, (onProgress) =>
    checkClient({
      command: values.command!,
      transport: (values.transport as 'stdio' | 'http' | undefined) ?? 'stdio',
      revision: values.revision as Revision | undefined,
      probeAnswer,
      timeoutMs,
      onProgress,
    }),
  );
}
