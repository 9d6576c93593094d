/**
 * mcpwire-conformance: `<command> [options]`. Each command is a module exporting
 * `(argv) => Promise<exitCode>`, loaded on demand so `fixture-server` starts without loading the runner.
 * To add a command, add it to COMMANDS. Exit codes: ./runner/exit-codes.ts.
 */
import { UsageError } from './fixture/command.js';
import { EXIT } from './runner/exit-codes.js';

type Command = (argv: readonly string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  // --http is handled in ./fixture-http; anything else goes on to the stdio command.
  'fixture-server': async () => (await import('./fixture-http/command.js')).runFixtureServerCommand,
  'check-server': async () => (await import('./runner/commands.js')).runCheckServer,
  'check-client': async () => (await import('./runner/commands.js')).runCheckClient,
  'fixture-client': async () => (await import('./fixture-client/command.js')).runFixtureClient,
};

const USAGE = `usage: mcpwire-conformance <command> [options]
commands:
  check-server     judge an MCP server (--stdio "<command line>" or --url <url>)
  check-client     judge an MCP client (--command "<command line>")
  fixture-server   the reference server (--stdio, or --http --port N)
  fixture-client   the client the official conformance suite drives (<url>)
Run "mcpwire-conformance <command> --help" for a command's options.`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    process.stderr.write(
      `Unknown command: expected one of ${Object.keys(COMMANDS).join(', ')}, received ${JSON.stringify(name)}\n${USAGE}\n`,
    );
    return EXIT.usage;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${error.usage}\n`);
      return EXIT.usage;
    }
    process.stderr.write(
      `${name} failed (an error of the runner itself): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.internal;
  }
}

/**
 * Exits once stdout and stderr are flushed: the report is complete then, and nothing a target left behind
 * (a socket, a process holding a pipe) may keep the command from ending.
 */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  exitWhenFlushed(EXIT.internal);
});
