/**
 * Splits a command line into words the way a POSIX shell would for a simple command: whitespace separates
 * words, 'single quotes' keep everything literal, "double quotes" keep spaces and honour \" \\ \$ \`,
 * and a backslash outside quotes escapes the next character. No expansion, globbing or operators: the
 * words go straight to spawn() without a shell.
 */
import { ConfigError } from '@mcpwire/core';

/** Splits a command line into words as a POSIX shell would quote them (no expansion). */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) {
        const next = line[++i]!;
        if (next !== '\n') word += next;
      } else word += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\') {
      if (i + 1 >= line.length) {
        throw new ConfigError(
          `Cannot split "${line}": expected a character after the final backslash, received the end`,
        );
      }
      const next = line[++i]!;
      if (next !== '\n') word += next;
      inWord = true;
    } else if (char === ' ' || char === '\t' || char === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote !== undefined) {
    throw new ConfigError(
      `Cannot split "${line}": expected a closing ${quote}, received the end of the command line`,
    );
  }
  if (inWord) words.push(word);
  return words;
}
