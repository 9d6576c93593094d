/**
 * Command-line parsing. Options may come before or after the command words (`mcpwire tools list --stdio
 * "..."` and `mcpwire --stdio "..." tools list` are the same), `--opt value` and `--opt=value` both work,
 * and `--` ends options.
 */
import { ConfigError } from '@mcpwire/core';
import { closestNames } from './suggest.js';

/** A mistake in how the command was typed: exit code 2 and a hint. */
export class UsageError extends ConfigError {
  /** A usage mistake, described for the user. */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  words: string[];
  stdio?: string;
  url?: string;
  config?: string;
  server?: string;
  json: boolean;
  verbose: boolean;
  help: boolean;
  timeoutMs?: number;
  revision?: string;
  /** `--arg k=v` in order of appearance. */
  args: Array<{ key: string; value: string }>;
  argsJson?: string;
  headers: Record<string, string>;
}

const VALUE_OPTIONS = new Set([
  'stdio',
  'url',
  'config',
  'server',
  'timeout',
  'arg',
  'args-json',
  'revision',
  'header',
]);
const FLAG_OPTIONS = new Set(['json', 'verbose', 'help']);
const ALL_OPTIONS = [...VALUE_OPTIONS, ...FLAG_OPTIONS];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { words: [], json: false, verbose: false, help: false, args: [], headers: {} };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      parsed.words.push(...argv.slice(i + 1));
      break;
    }
    if (token === '-h') {
      parsed.help = true;
      continue;
    }
    if (!token.startsWith('--') || token === '-') {
      if (token.startsWith('-') && token !== '-') {
        throw new UsageError(
          `Unknown option ${token}: expected one of ${ALL_OPTIONS.map((o) => `--${o}`).join(', ')}`,
        );
      }
      parsed.words.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    if (FLAG_OPTIONS.has(name)) {
      if (eq >= 0)
        throw new UsageError(`Option --${name} takes no value: expected --${name}, received ${token}`);
      if (name === 'json') parsed.json = true;
      else if (name === 'verbose') parsed.verbose = true;
      else parsed.help = true;
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) {
      const close = closestNames(name, ALL_OPTIONS);
      throw new UsageError(
        `Unknown option --${name}: expected one of --${ALL_OPTIONS.join(', --')}${close.length > 0 ? `. Did you mean --${close.join(', --')}?` : ''}`,
      );
    }
    let value: string;
    if (eq >= 0) value = token.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined)
        throw new UsageError(`Option --${name}: expected a value after it, received the end of the command`);
      value = next;
      i++;
    }
    applyValue(parsed, name, value);
  }
  return parsed;
}

function applyValue(parsed: ParsedArgs, name: string, value: string): void {
  switch (name) {
    case 'arg': {
      const eq = value.indexOf('=');
      if (eq <= 0) {
        throw new UsageError(
          `--arg ${value}: expected key=value (for example --arg message=hello), received ${JSON.stringify(value)}`,
        );
      }
      parsed.args.push({ key: value.slice(0, eq), value: value.slice(eq + 1) });
      return;
    }
    case 'header': {
      const colon = value.indexOf(':');
      if (colon <= 0)
        throw new UsageError(`--header ${value}: expected "Name: value", received ${JSON.stringify(value)}`);
      parsed.headers[value.slice(0, colon).trim()] = value.slice(colon + 1).trim();
      return;
    }
    case 'timeout': {
      const ms = Number(value);
      if (!Number.isFinite(ms) || ms <= 0) {
        throw new UsageError(
          `--timeout ${value}: expected a positive number of milliseconds, received ${JSON.stringify(value)}`,
        );
      }
      parsed.timeoutMs = ms;
      return;
    }
    case 'args-json':
      parsed.argsJson = value;
      return;
    default:
      (parsed as unknown as Record<string, string>)[name] = value;
  }
}
