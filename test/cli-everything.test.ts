/**
 * The `mcpwire` CLI tried as a new user would (built: node packages/cli/dist/cli.js), against the real
 * server-everything over --stdio and through an mcpServers config file: output, --json, exit codes and
 * the messages for common mistakes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_BIN, EVERYTHING_BIN } from '../packages/client/test/helpers.js';

// Every case starts a CLI and a server; the machine may be shared, so allow time.
vi.setConfig({ testTimeout: 90_000 });

const SERVER = `"${process.execPath}" "${EVERYTHING_BIN}"`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function mcpwire(args: string[], timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mcpwire ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
let config: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcpwire-cli-'));
  config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      mcpServers: {
        everything: { command: process.execPath, args: [EVERYTHING_BIN] },
        broken: { command: 'definitely-not-a-command-mcpwire' },
      },
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mcpwire CLI with --stdio', () => {
  it('lists tools as a table, with options before or after the command words', async () => {
    const after = await mcpwire(['tools', 'list', '--stdio', SERVER]);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/^NAME\s+ARGUMENTS\s+DESCRIPTION/);
    expect(after.stdout).toMatch(/\necho\s+message:string\s+Echoes back the input/);
    const before = await mcpwire(['--stdio', SERVER, '--json', 'tools', 'list']);
    expect(before.code).toBe(0);
    const names = (JSON.parse(before.stdout) as { tools: Array<{ name: string }> }).tools.map((t) => t.name);
    expect(names).toContain('get-sum');
  });

  it('calls a tool with --arg values typed by the input schema, and with --args-json', async () => {
    const echo = await mcpwire(['tools', 'call', 'echo', '--arg', 'message=hello world', '--stdio', SERVER]);
    expect(echo).toMatchObject({ code: 0, stdout: 'Echo: hello world\n' });
    const sum = await mcpwire([
      'tools',
      'call',
      'get-sum',
      '--arg',
      'a=2',
      '--arg=b=3.5',
      '--json',
      '--stdio',
      SERVER,
    ]);
    expect(sum.code).toBe(0);
    expect(JSON.parse(sum.stdout).content[0].text).toContain('5.5');
    const json = await mcpwire([
      'tools',
      'call',
      'get-sum',
      '--args-json',
      '{"a":1,"b":41}',
      '--stdio',
      SERVER,
    ]);
    expect(json.stdout).toContain('42');
  });

  it('reports progress notifications of a long call (lines on a non-TTY stderr with --verbose)', async () => {
    const run = await mcpwire([
      'tools',
      'call',
      'trigger-long-running-operation',
      '--arg',
      'duration=1',
      '--arg',
      'steps=2',
      '--verbose',
      '--stdio',
      SERVER,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('progress 1/2');
    expect(run.stderr).toContain('progress 2/2');
    expect(run.stdout).toContain('Long running operation completed');
  });

  it('exits 1 when the tool reports an error (isError)', async () => {
    const run = await mcpwire([
      'tools',
      'call',
      'get-sum',
      '--args-json',
      '{"a":"x","b":1}',
      '--stdio',
      SERVER,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Tool returned an error');
  });

  it('shows server info', async () => {
    const info = await mcpwire(['info', '--json', '--stdio', SERVER]);
    expect(JSON.parse(info.stdout)).toMatchObject({
      serverInfo: { name: 'mcp-servers/everything' },
      revision: '2025-11-25',
      era: 'legacy',
    });
    const human = await mcpwire(['info', '--stdio', SERVER]);
    expect(human.stdout).toMatch(/Revision\s+2025-11-25 \(legacy\)/);
  });

  it('lists and reads resources', async () => {
    const read = await mcpwire(['resources', 'read', 'demo://resource/dynamic/text/3', '--stdio', SERVER]);
    expect(read.stdout).toContain('Resource 3');
    const list = await mcpwire(['resources', 'list', '--stdio', SERVER, '--json']);
    expect(JSON.parse(list.stdout).resources.length).toBeGreaterThan(0);
  });

  it('lists and gets prompts, and pings', async () => {
    const prompt = await mcpwire([
      'prompts',
      'get',
      'args-prompt',
      '--arg',
      'city=Lisbon',
      '--stdio',
      SERVER,
    ]);
    expect(prompt.stdout).toContain('user: ');
    expect(prompt.stdout).toContain('Lisbon');
    const prompts = await mcpwire(['prompts', 'list', '--stdio', SERVER]);
    expect(prompts.stdout).toMatch(/args-prompt\s+city state\?/);
    const ping = await mcpwire(['ping', '--stdio', SERVER]);
    expect(ping).toMatchObject({ code: 0, stdout: expect.stringMatching(/^pong \(/) });
  });
});

describe('mcpwire CLI with --config', () => {
  it('connects to a named server from an mcpServers file', async () => {
    const run = await mcpwire([
      '--config',
      config,
      '--server',
      'everything',
      'tools',
      'call',
      'echo',
      '--arg',
      'message=from config',
    ]);
    expect(run).toMatchObject({ code: 0, stdout: 'Echo: from config\n' });
  });

  it('names the file, the server and the field of a bad entry', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ mcpServers: { github: { command: 'npx', args: '-y server' } } }));
    const run = await mcpwire(['tools', 'list', '--config', bad, '--server', 'github']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'bad.json: mcpServers.github.args: expected an array of strings, received string',
    );
  });

  it('lists the configured servers when --server is unknown, and reports a server that cannot start', async () => {
    const unknown = await mcpwire(['tools', 'list', '--config', config, '--server', 'everythin']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('everything, broken');
    const broken = await mcpwire(['ping', '--config', config, '--server', 'broken']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('definitely-not-a-command-mcpwire');
  });
});

describe('mcpwire CLI mistakes', () => {
  it('suggests close tool names for an unknown tool', async () => {
    const run = await mcpwire(['tools', 'call', 'get-summ', '--stdio', SERVER]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown tool "get-summ"');
    expect(run.stderr).toContain('Did you mean: get-sum');
  });

  it('explains bad --arg values, missing required arguments, a missing target and unknown commands', async () => {
    const notNumber = await mcpwire([
      'tools',
      'call',
      'get-sum',
      '--arg',
      'a=two',
      '--arg',
      'b=1',
      '--stdio',
      SERVER,
    ]);
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toContain(
      '--arg a=two: expected a number for "a" of tool get-sum, received "two"',
    );
    const missing = await mcpwire(['tools', 'call', 'get-sum', '--arg', 'a=1', '--stdio', SERVER]);
    expect(missing.stderr).toContain('expected the required argument --arg b=…');
    const syntax = await mcpwire(['tools', 'call', 'echo', '--arg', 'message', '--stdio', SERVER]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain('expected key=value');
    const noTarget = await mcpwire(['tools', 'list']);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('No server given: expected --stdio');
    const command = await mcpwire(['tool', 'list', '--stdio', SERVER]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Unknown command "tool"');
    const option = await mcpwire(['tools', 'list', '--jsn']);
    expect(option.stderr).toContain('Did you mean --json?');
  });

  it('reports a server that dies at start with its stderr and the command', async () => {
    const run = await mcpwire([
      'ping',
      '--stdio',
      `"${process.execPath}" -e "console.error('boom: missing token'); process.exit(3)"`,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('boom: missing token');
  });

  it('prints help for every command', async () => {
    for (const words of [
      [],
      ['tools'],
      ['tools', 'call'],
      ['resources', 'read'],
      ['prompts', 'get'],
      ['info'],
      ['ping'],
    ]) {
      const run = await mcpwire([...words, '--help']);
      expect({ words, code: run.code, stderr: run.stderr }).toEqual({ words, code: 0, stderr: '' });
      expect(run.stdout).toContain('Usage: mcpwire');
      if (words.length === 2) expect(run.stdout).toContain(`mcpwire ${words.join(' ')}`);
    }
  });
});
