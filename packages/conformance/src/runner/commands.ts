/**
 * The `check-server` and `check-client` subcommands: argument parsing, progress, report and exit code.
 * `src/cli.ts` dispatches here; everything else is in the runner.
 */
import { parseArgs } from 'node:util';
import { ConfigError, isRevision, LocalError, REVISIONS, type Revision } from '@mcpwire/core';
import { checkClient } from '../client-check/check-client.js';
import { COLOURS, NO_COLOURS, renderHuman } from '../report/human.js';
import { renderJson } from '../report/json.js';
import { createProgress, useColour } from '../report/progress.js';
import { checkServer } from './check-server.js';
import { exitCodeOf, type Report } from './types.js';

function list(values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function print(report: Report, json: boolean): number {
  process.stdout.write(json ? renderJson(report) : renderHuman(report, useColour() ? COLOURS : NO_COLOURS));
  return exitCodeOf(report);
}

function usageError(error: unknown, usage: string): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message}\n${usage}\n`);
  return 2;
}

/**
 * Runs a check behind a progress line, prints its report and returns the exit code: 2 for a
 * configuration error (with the usage), 1 for another local failure (a peer that cannot be started).
 */
async function reportRun(
  usage: string,
  json: boolean,
  run: (onProgress: (text: string) => void) => Promise<Report>,
): Promise<number> {
  const progress = createProgress();
  try {
    const report = await run((text) => progress.update(text));
    progress.done();
    return print(report, json);
  } catch (error) {
    progress.done();
    if (error instanceof ConfigError) return usageError(error, usage);
    if (error instanceof LocalError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

const SERVER_USAGE =
  'usage: check-server (--stdio "<command line>" | --url <url>) [--revision R ...] [--era legacy|modern|both] [--only ID,...] [--call-tools name,...] [--timeout ms] [--json]';

function parseServerArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      stdio: { type: 'string' },
      url: { type: 'string' },
      revision: { type: 'string', multiple: true },
      era: { type: 'string' },
      only: { type: 'string', multiple: true },
      'call-tools': { type: 'string', multiple: true },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
  }).values;
}

export async function runCheckServer(argv: readonly string[]): Promise<number> {
  let values: ReturnType<typeof parseServerArgs>;
  try {
    values = parseServerArgs(argv);
    if (values.era !== undefined && !['legacy', 'modern', 'both'].includes(values.era)) {
      throw new ConfigError(`--era: expected legacy, modern or both, received ${JSON.stringify(values.era)}`);
    }
  } catch (error) {
    return usageError(error, SERVER_USAGE);
  }
  return reportRun(SERVER_USAGE, values.json === true, (onProgress) =>
    checkServer({
      stdio: values.stdio,
      url: values.url,
      revisions: list(values.revision),
      era: values.era as 'legacy' | 'modern' | 'both' | undefined,
      only: list(values.only),
      callTools: list(values['call-tools']),
      timeoutMs: values.timeout === undefined ? undefined : Number(values.timeout),
      onProgress,
    }),
  );
}

const CLIENT_USAGE =
  'usage: check-client --command "<command line>" [--transport stdio|http] [--revision R] [--probe-answer <code>|silent] [--timeout ms] [--json]';

function parseClientArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      command: { type: 'string' },
      transport: { type: 'string' },
      revision: { type: 'string' },
      'probe-answer': { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
  }).values;
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
  try {
    values = parseClientArgs(argv);
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
  } catch (error) {
    return usageError(error, CLIENT_USAGE);
  }
  return reportRun(CLIENT_USAGE, values.json === true, (onProgress) =>
    checkClient({
      command: values.command!,
      transport: (values.transport as 'stdio' | 'http' | undefined) ?? 'stdio',
      revision: values.revision as Revision | undefined,
      probeAnswer,
      timeoutMs: values.timeout === undefined ? undefined : Number(values.timeout),
      onProgress,
    }),
  );
}
