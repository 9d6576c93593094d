/**
 * `mcpwire-conformance fixture-client <url>`: the client the official conformance suite drives. The suite
 * appends the server URL as the last argument and names the scenario in MCP_CONFORMANCE_SCENARIO
 * (credentials, when any, in MCP_CONFORMANCE_CONTEXT). Logs go to stderr; exit 0 when the scenario's
 * steps succeeded, 1 on any error or for a scenario this client does not know.
 */
import { UsageError } from '../fixture/command.js';
import { parseScenarioContext } from './context.js';
import { SCENARIOS } from './scenarios.js';

const USAGE =
  'usage: mcpwire-conformance fixture-client <url>\n' +
  '  env MCP_CONFORMANCE_SCENARIO=<name> (required), MCP_CONFORMANCE_CONTEXT=<json> (some auth scenarios)';

/**
 * Hard stop so a stuck scenario never outlives the suite's own timeout (30 s by default). A harness that
 * raises the suite's `--timeout` (a loaded CI machine) may raise this through MCPWIRE_FIXTURE_CLIENT_DEADLINE_MS.
 */
function scenarioDeadlineMs(): number {
  const raw = Number(process.env['MCPWIRE_FIXTURE_CLIENT_DEADLINE_MS']);
  return Number.isInteger(raw) && raw >= 1000 && raw <= 600_000 ? raw : 28_000;
}

export async function runFixtureClient(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      `${USAGE}\n\nThe client the official conformance suite drives: runs the named scenario against <url>,\nlogs to stderr, exits 0 when the scenario's steps succeeded and 1 otherwise.\n`,
    );
    return 0;
  }
  const url = argv.at(-1);
  if (url === undefined)
    throw new UsageError('Expected a server URL as the last argument, received none', USAGE);
  try {
    new URL(url);
  } catch {
    throw new UsageError(
      `Expected the last argument to be an http(s) URL, received ${JSON.stringify(url)}`,
      USAGE,
    );
  }
  const name = process.env['MCP_CONFORMANCE_SCENARIO'];
  const log = (line: string) => process.stderr.write(`[fixture-client ${name ?? '?'}] ${line}\n`);
  if (name === undefined || name === '') {
    log('expected MCP_CONFORMANCE_SCENARIO to name a scenario, received nothing');
    return 1;
  }
  const scenario = SCENARIOS.get(name);
  if (scenario === undefined) {
    log(
      `unknown scenario: expected one of ${[...SCENARIOS.keys()].join(', ')}, received ${JSON.stringify(name)}`,
    );
    return 1;
  }
  let context: ReturnType<typeof parseScenarioContext>;
  try {
    context = parseScenarioContext(process.env['MCP_CONFORMANCE_CONTEXT']);
  } catch (error) {
    // Exit 1 like any other failed scenario (the suite's contract), not the runner's internal-error code.
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const deadlineMs = scenarioDeadlineMs();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Expected the scenario to finish within ${deadlineMs} ms, it did not`)),
      deadlineMs,
    );
    timer.unref();
  });
  try {
    await Promise.race([scenario({ url, context, log, timeoutMs: deadlineMs - 1000 }), deadline]);
    log('done');
    return exitSoon(0);
  } catch (error) {
    log(`failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return exitSoon(1);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The suite waits for the process to end. Normally nothing is left open and it ends by itself; a socket a
 * failed scenario left behind must not keep it alive, so an unref'd timer ends it shortly after.
 */
function exitSoon(code: number): number {
  setTimeout(() => process.exit(code), 500).unref();
  return code;
}
