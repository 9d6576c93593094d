/**
 * A one-line progress display on stderr, rewritten in place. Only on a TTY: piped stderr gets nothing, so
 * logs stay clean.
 */
export interface Progress {
  update(text: string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  const width = () => Math.max(20, (stream.columns ?? 80) - 1);
  let shown = false;
  return {
    update(text) {
      const line = text.length > width() ? `${text.slice(0, width() - 1)}…` : text;
      stream.write(`\r\u001b[2K${line}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}

export function useColour(stream: NodeJS.WriteStream = process.stdout): boolean {
  return stream.isTTY === true && !('NO_COLOR' in process.env && process.env['NO_COLOR'] !== '');
}
