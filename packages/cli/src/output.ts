/**
 * Human output: aligned tables, colours only on a TTY and never with NO_COLOR (https://no-color.org), and
 * a progress bar on stderr. Everything writes through an Io so tests and embedders can capture it.
 */

/** Where the command writes, and the environment it reads; tests and embedders pass their own. */
export interface Io {
  /** Results. */
  stdout: {
    /** Writes text as it is. */
    write(text: string): unknown;
    isTTY?: boolean;
    columns?: number;
  };
  /** Errors, warnings and progress. */
  stderr: {
    /** Writes text as it is. */
    write(text: string): unknown;
    isTTY?: boolean;
    columns?: number;
  };
  env: Record<string, string | undefined>;
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

const plain: Style = { bold: (t) => t, dim: (t) => t, red: (t) => t, green: (t) => t, yellow: (t) => t };
const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const coloured: Style = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  red: ansi(31, 39),
  green: ansi(32, 39),
  yellow: ansi(33, 39),
};

export function styleFor(stream: Io['stdout'], env: Io['env']): Style {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return stream.isTTY === true && !noColor && env.TERM !== 'dumb' ? coloured : plain;
}

/** First line of a description, shortened to `width` characters. */
export function oneLine(text: string | undefined, width: number): string {
  const line = (text ?? '').split('\n', 1)[0]!.trim();
  return line.length > width ? `${line.slice(0, Math.max(1, width - 1))}…` : line;
}

/** Aligned columns; the last column takes what the terminal width leaves. */
export function formatTable(headers: string[], rows: string[][], style: Style, width = 100): string {
  const widths = headers.map((header, column) =>
    Math.max(
      header.length,
      ...rows.map((row) => (column === headers.length - 1 ? 0 : (row[column] ?? '').length)),
    ),
  );
  const fixed = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0);
  const last = Math.max(20, width - fixed);
  const render = (cells: string[], head: boolean) =>
    cells
      .map((cell, column) => {
        const isLast = column === cells.length - 1;
        const text = isLast ? oneLine(cell, last) : cell.padEnd(widths[column]!);
        return head ? style.bold(text) : text;
      })
      .join('  ')
      .trimEnd();
  return [render(headers, true), ...rows.map((row) => render(row, false))].join('\n') + '\n';
}

/** A one-line progress bar redrawn in place on a TTY stderr; silent elsewhere (unless verbose). */
export class ProgressBar {
  private drawn = false;
  constructor(
    private readonly io: Io,
    private readonly verbose: boolean,
  ) {}

  update(progress: number, total: number | undefined, message: string | undefined): void {
    const stream = this.io.stderr;
    const suffix = message === undefined ? '' : ` ${message}`;
    if (stream.isTTY !== true) {
      if (this.verbose)
        stream.write(`progress ${progress}${total === undefined ? '' : `/${total}`}${suffix}\n`);
      return;
    }
    const width = 24;
    let bar: string;
    if (total !== undefined && total > 0) {
      const ratio = Math.min(1, Math.max(0, progress / total));
      const filled = Math.round(ratio * width);
      bar = `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round(ratio * 100)}%`;
    } else bar = `[${'.'.repeat(Number(progress) % (width + 1))}] ${progress}`;
    stream.write(`\r\u001b[2K${oneLine(bar + suffix, (stream.columns ?? 80) - 1)}`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.io.stderr.write('\r\u001b[2K');
    this.drawn = false;
  }
}
