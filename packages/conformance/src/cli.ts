/**
 * mcpwire-conformance: `<command> [options]`. Each command is a module exporting
 * `(argv) => Promise<exitCode>`, loaded on demand so `fixture-server` starts without loading the runner.
 * To add a command (fixture-client, check-server, check-client, fixture-server --http), add it to COMMANDS.
 */
import { UsageError } from './fixture/command.js';

type Command = (argv: readonly string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  // --http is handled in ./fixture-http; anything else goes on to the stdio command.
  'fixture-server': async () => (await import('./fixture-http/command.js')).runFixtureServerCommand,
  'check-server': async () => (await import('./runner/commands.js')).runCheckServer,
  'check-client': async () => (await import('./runner/commands.js')).runCheckClient,
  'fixture-client': async () => (await import('./fixture-client/command.js')).runFixtureClient,
};

const USAGE = `usage: mcpwire-conformance <command> [options]\ncommands: ${Object.keys(COMMANDS).join(', ')}`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stderr.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    process.stderr.write(
      `Unknown command: expected one of ${Object.keys(COMMANDS).join(', ')}, received ${JSON.stringify(name)}\n${USAGE}\n`,
    );
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${error.usage}\n`);
      return 2;
    }
    process.stderr.write(
      `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
