/**
 * `mcpwire` as a function: parse, connect, run one command, close. Returns the exit code instead of
 * exiting, so it can be embedded and tested; cli.ts wires it to the process (argv, stdio, SIGINT).
 */
import {
  AbortedError,
  ConfigError,
  ConnectionClosedError,
  LocalError,
  ProtocolError,
  TimeoutError,
} from '@mcpwire/core';
import { parseArgs, UsageError } from './args.js';
import * as commands from './commands.js';
import { HELP } from './help.js';
import { login, storedAuthFor } from './login.js';
import { type Io, styleFor } from './output.js';
import { clientFor, resolveTarget, type StderrTail } from './target.js';

/** Exit code of a usage mistake (unknown command or option). */
export const EXIT_USAGE = 2;
/** Exit code when interrupted (SIGINT). */
export const EXIT_INTERRUPTED = 130;

type Runner = (ctx: commands.CommandContext, operand: string | undefined) => Promise<number>;

const COMMANDS: Record<string, Runner> = {
  info: (ctx) => commands.info(ctx),
  'tools list': (ctx) => commands.toolsList(ctx),
  'tools call': (ctx, name) => commands.toolsCall(ctx, name),
  'resources list': (ctx) => commands.resourcesList(ctx),
  'resources read': (ctx, uri) => commands.resourcesRead(ctx, uri),
  'prompts list': (ctx) => commands.promptsList(ctx),
  'prompts get': (ctx, name) => commands.promptsGet(ctx, name),
  ping: (ctx) => commands.ping(ctx),
};
const GROUPS = new Set(['tools', 'resources', 'prompts']);

/** Where {@link runCli} writes, and the signal that interrupts it. */
export interface RunOptions {
  io: Io;
  /** Aborted on SIGINT: the command stops, the server is shut down, exit code 130. */
  signal?: AbortSignal;
}

/** Finds the command named by the words; returns it, its key and its operand. */
function pickCommand(words: string[]): { key: string; operand: string | undefined; extra: string[] } {
  const [first, second, ...rest] = words;
  if (first === undefined)
    throw new UsageError(
      'No command: expected one of info, tools list, tools call, resources list, resources read, prompts list, prompts get, ping',
    );
  if (GROUPS.has(first)) {
    const key = `${first} ${second ?? ''}`.trim();
    if (!(key in COMMANDS)) {
      const subs = Object.keys(COMMANDS)
        .filter((name) => name.startsWith(`${first} `))
        .map((name) => name.split(' ')[1]);
      throw new UsageError(
        `${first} ${second ?? ''}: expected a subcommand, one of ${subs.join(', ')}; received ${second === undefined ? 'none' : JSON.stringify(second)}`,
      );
    }
    const [operand, ...extra] = rest;
    return { key, operand, extra };
  }
  if (!(first in COMMANDS)) {
    throw new UsageError(
      `Unknown command "${first}": expected one of info, tools, resources, prompts, ping (see mcpwire --help)`,
    );
  }
  return {
    key: first,
    operand: undefined,
    extra: [second, ...rest].filter((word): word is string => word !== undefined),
  };
}

/**
 * Runs the `mcpwire` command with these arguments (without the node and script words) and returns its exit
 * code.
 */
export async function runCli(argv: readonly string[], options: RunOptions): Promise<number> {
  const { io } = options;
  const errStyle = styleFor(io.stderr, io.env);
  let helpKey = '';
  const tail: StderrTail = { text: '' };
  try {
    const args = parseArgs(argv);
    if (args.help || args.words[0] === 'help') {
      const words = args.words[0] === 'help' ? args.words.slice(1) : args.words;
      const key = words.slice(0, 2).join(' ');
      io.stdout.write(HELP[key] ?? HELP[words[0] ?? ''] ?? HELP['']!);
      return 0;
    }
    if (args.words[0] === 'login') return await login(args, io, options.signal);
    const { key, operand, extra } = pickCommand(args.words);
    helpKey = key;
    if (extra.length > 0)
      throw new UsageError(
        `${key}: expected no more words, received ${extra.map((word) => JSON.stringify(word)).join(' ')}`,
      );
    const server = await resolveTarget(args);
    // Tokens from `mcpwire login --url` for this server, if any.
    const authProvider = server.type === 'stdio' ? undefined : await storedAuthFor(server.url);
    const { client, transport } = clientFor(args, server, {}, tail, authProvider);
    const interrupted = new Promise<number>((resolve) => {
      if (options.signal?.aborted) resolve(EXIT_INTERRUPTED);
      options.signal?.addEventListener('abort', () => resolve(EXIT_INTERRUPTED), { once: true });
    });
    const work = (async () => {
      await client.connect(transport);
      const callOptions = {
        ...(args.timeoutMs === undefined ? {} : { timeoutMs: args.timeoutMs }),
        ...(options.signal ? { signal: options.signal } : {}),
      };
      return COMMANDS[key]!({ client, args, io, style: styleFor(io.stdout, io.env), callOptions }, operand);
    })();
    try {
      const code = await Promise.race([work, interrupted]);
      if (code === EXIT_INTERRUPTED) {
        work.catch(() => undefined);
        io.stderr.write(`${errStyle.yellow('Interrupted')}: shutting the server down\n`);
      }
      return code;
    } finally {
      await client.close();
    }
  } catch (error) {
    return report(error, io, errStyle, helpKey, tail.text);
  }
}

function report(
  error: unknown,
  io: Io,
  style: ReturnType<typeof styleFor>,
  helpKey: string,
  stderrTail: string,
): number {
  const write = (text: string) => io.stderr.write(`${style.red('mcpwire:')} ${text}\n`);
  if (error instanceof ConfigError) {
    // Mistakes in the command line or in the configuration file: exit 2; the former get the help hint.
    write(error.message);
    if (error instanceof UsageError)
      io.stderr.write(`Run "mcpwire ${helpKey ? `${helpKey} ` : ''}--help" for usage.\n`);
    return EXIT_USAGE;
  }
  if (error instanceof AbortedError) return EXIT_INTERRUPTED;
  if (error instanceof ProtocolError) write(`the server answered with error ${error.code}: ${error.message}`);
  else if (error instanceof TimeoutError) write(`${error.message} (raise it with --timeout <ms>)`);
  else if (error instanceof LocalError || error instanceof ConnectionClosedError) write(error.message);
  else write(error instanceof Error ? error.message : String(error));
  if (stderrTail.trim() !== '')
    io.stderr.write(`${style.dim('Server stderr (last lines):')}\n${stderrTail.trimEnd()}\n`);
  return 1;
}
