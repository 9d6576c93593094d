/**
 * The command line as documentation: `--help` for every command (exit 0, on stdout), usage lines that
 * name every option the parser accepts, and the usage errors that must exit 2 instead of running nothing.
 */
import { describe, expect, it } from 'vitest';
import { CLIENT_OPTIONS, SERVER_OPTIONS } from '../src/runner/commands.js';
import { CLIENT_USAGE, SERVER_USAGE } from '../src/runner/help.js';
import { runCli } from './run-cli.js';

describe('usage lines', () => {
  it('name every option check-server and check-client accept', () => {
    for (const [usage, options] of [
      [SERVER_USAGE, SERVER_OPTIONS],
      [CLIENT_USAGE, CLIENT_OPTIONS],
    ] as const) {
      for (const name of Object.keys(options)) expect(usage, name).toContain(`--${name}`);
    }
  });
});

describe.concurrent('mcpwire-conformance --help and usage errors', { timeout: 60_000 }, () => {
  for (const [command, expected] of [
    [
      'check-server',
      [
        '--stdio',
        '--url',
        '--token-b T',
        '--only',
        '--format human|json|junit|html',
        '--baseline',
        'exit codes:',
        '  3  the target cannot be judged',
      ],
    ],
    [
      'check-client',
      ['--command', '--transport stdio|http', '--probe-answer', '--format', '--github', 'exit codes:'],
    ],
    [
      'fixture-server',
      [
        '--stdio',
        '--http',
        '--port N',
        '--host ADDRESS',
        '--allowed-host NAME',
        '--retry-ms N',
        '--page-size N',
      ],
    ],
    ['fixture-client', ['fixture-client <url>', 'MCP_CONFORMANCE_SCENARIO']],
  ] as const) {
    it(`${command} --help prints its options on stdout and exits 0`, async () => {
      const run = await runCli([command, '--help']);
      expect(run.code).toBe(0);
      for (const text of expected) expect(run.stdout).toContain(text);
      expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^usage: mcpwire-conformance ${command}`));
    });
  }

  it('lists the commands for a bare --help, and exits 2 without a command', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/check-server .*\n.*check-client/);
    expect((await runCli([])).code).toBe(2);
  });

  it('exits 2 for an --only id in lower case, naming the right spelling, before starting anything', async () => {
    const run = await runCli(['check-server', '--stdio', 'mcpwire-no-such-command', '--only', 'J01,l02']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('received "l02" (ids are upper case: L02)');
    expect(run.stderr).not.toContain('ENOENT');
  });

  it('exits 2 for an unknown --only id, an unknown option, a bad --format and a bad --timeout', async () => {
    const runs = await Promise.all([
      runCli(['check-server', '--stdio', 'x', '--only', 'Z99']),
      runCli(['check-server', '--stdio', 'x', '--verbose']),
      runCli(['check-server', '--stdio', 'x', '--format', 'xml']),
      runCli(['check-client', '--command', 'x', '--timeout', 'soon']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(runs[0]!.stderr).toMatch(/--only: expected check-server ids .* received "Z99"/);
    expect(runs[1]!.stderr).toMatch(
      /Unknown option '--verbose'[\s\S]*usage: mcpwire-conformance check-server/,
    );
    expect(runs[2]!.stderr).toContain('--format: expected one of human, json, junit, html, received "xml"');
    expect(runs[3]!.stderr).toContain(
      '--timeout: expected a positive integer (milliseconds), received "soon"',
    );
  });
});
