/**
 * Splits a command line into argv the way a POSIX shell would for the simple cases people pass on the
 * command line: whitespace separates words, single and double quotes group, backslash escapes outside
 * single quotes. No expansion of variables or globs: the runner spawns without a shell.
 */
import { ConfigError } from '@mcpwire/core';

export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== undefined) {
    throw new ConfigError(
      `Command line: expected a closing ${quote} quote, received end of line in ${JSON.stringify(line)}`,
    );
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw new ConfigError('Command line: expected a command, received an empty string');
  return words;
}
