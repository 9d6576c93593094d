import { describe, expect, it } from 'vitest';
import { formatTable, type Io, oneLine, ProgressBar, styleFor } from '../src/output.js';
import { runCli } from '../src/run.js';

function fakeIo(isTTY: boolean, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: { write: (text: string) => out.push(text), isTTY, columns: 60 },
    stderr: { write: (text: string) => err.push(text), isTTY, columns: 60 },
    env,
  };
  return { io, out, err };
}

describe('human output', () => {
  it('colours only on a TTY and never with NO_COLOR or TERM=dumb', () => {
    expect(styleFor({ write: () => true, isTTY: true }, {}).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(styleFor({ write: () => true, isTTY: false }, {}).red('x')).toBe('x');
    expect(styleFor({ write: () => true, isTTY: true }, { NO_COLOR: '1' }).red('x')).toBe('x');
    expect(styleFor({ write: () => true, isTTY: true }, { TERM: 'dumb' }).red('x')).toBe('x');
  });

  it('aligns table columns and shortens the last one to the width', () => {
    const plain = styleFor({ write: () => true }, {});
    const table = formatTable(
      ['NAME', 'DESCRIPTION'],
      [
        ['a', 'short'],
        ['longer-name', 'a description that is far too long for the width\nsecond line'],
      ],
      plain,
      40,
    );
    expect(table.split('\n')).toEqual([
      'NAME         DESCRIPTION',
      'a            short',
      'longer-name  a description that is far …',
      '',
    ]);
    expect(oneLine('one\ntwo', 10)).toBe('one');
  });

  it('draws a progress bar in place on a TTY and clears it', () => {
    const { io, err } = fakeIo(true);
    const bar = new ProgressBar(io, false);
    bar.update(1, 4, 'step 1');
    bar.update(4, 4, undefined);
    bar.clear();
    expect(err[0]).toContain('[######                  ] 25% step 1');
    expect(err[1]).toContain('100%');
    expect(err[2]).toBe('\r\u001b[2K');
  });

  it('stays silent without a TTY unless verbose', () => {
    const quiet = fakeIo(false);
    new ProgressBar(quiet.io, false).update(1, 2, undefined);
    expect(quiet.err).toEqual([]);
    const verbose = fakeIo(false);
    new ProgressBar(verbose.io, true).update(1, 2, 'half');
    expect(verbose.err).toEqual(['progress 1/2 half\n']);
  });
});

describe('runCli in-process', () => {
  it('prints help without a server and exits 0; usage mistakes exit 2 with a hint', async () => {
    const help = fakeIo(false);
    expect(await runCli(['--help'], { io: help.io })).toBe(0);
    expect(help.out.join('')).toContain('Usage: mcpwire <command> [options]');
    const mistake = fakeIo(true, { NO_COLOR: '1' });
    expect(await runCli(['resources', 'fetch'], { io: mistake.io })).toBe(2);
    expect(mistake.err.join('')).toBe(
      'mcpwire: resources fetch: expected a subcommand, one of list, read; received "fetch"\nRun "mcpwire --help" for usage.\n',
    );
  });

  it('exits 130 when interrupted before the server answers', async () => {
    const { io } = fakeIo(false);
    const controller = new AbortController();
    controller.abort();
    const code = await runCli(['ping', '--stdio', `"${process.execPath}" -e "setTimeout(() => {}, 10000)"`], {
      io,
      signal: controller.signal,
    });
    expect(code).toBe(130);
  });
});
