// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the configuration syntax under test
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@mcpwire/core';
import { afterAll, describe, expect, it } from 'vitest';
import { connectAll, loadMcpServersConfig, parseMcpServersConfig } from '../src/node/index.js';
import { EVERYTHING_BIN } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mcpwire-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parse(document: unknown, env: Record<string, string> = {}) {
  return parseMcpServersConfig(document, 'config.json', { env });
}

describe('mcpServers config', () => {
  it('reads stdio and HTTP entries in the Claude Desktop / Cursor format', () => {
    const config = parse({
      mcpServers: {
        filesystem: {
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/me/Desktop'],
        },
        github: {
          command: 'npx',
          args: ['-y', 'server-github'],
          env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'tok' },
          cwd: '/tmp',
        },
        remote: { url: 'https://example.com/mcp', headers: { Authorization: 'Bearer x' } },
        legacy: { type: 'sse', url: 'http://127.0.0.1:3000/sse' },
      },
    });
    expect(config.servers.get('filesystem')).toEqual({
      type: 'stdio',
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/me/Desktop'],
    });
    expect(config.servers.get('github')).toMatchObject({
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'tok' },
      cwd: '/tmp',
    });
    expect(config.servers.get('remote')).toEqual({
      type: 'http',
      url: 'https://example.com/mcp',
      headers: { Authorization: 'Bearer x' },
    });
    expect(config.servers.get('legacy')).toMatchObject({ type: 'sse' });
  });

  it.each([
    [
      { mcpServers: { github: { command: 'npx', args: '-y' } } },
      'config.json: mcpServers.github.args: expected an array of strings, received string',
    ],
    [
      { mcpServers: { github: { command: 'npx', args: ['-y', 3] } } },
      'config.json: mcpServers.github.args: expected an array of strings, received number',
    ],
    [
      { mcpServers: { a: { command: 5 } } },
      'config.json: mcpServers.a.command: expected a string, received number',
    ],
    [
      { mcpServers: { a: { command: 'x', env: { K: 1 } } } },
      'config.json: mcpServers.a.env.K: expected a string, received number',
    ],
    [
      { mcpServers: { a: {} } },
      'config.json: mcpServers.a: expected an object with "command" (stdio) or "url" (HTTP), received neither',
    ],
    [
      { mcpServers: { a: { url: 'ftp://x' } } },
      'config.json: mcpServers.a.url: expected an http:// or https:// URL, received "ftp://x"',
    ],
    [
      { mcpServers: { a: { url: 'http://x', type: 'ws' } } },
      'config.json: mcpServers.a.type: expected "stdio", "http", "streamable-http" or "sse", received "ws"',
    ],
    [
      { servers: {} },
      'config.json: mcpServers: expected an object mapping server names to servers, received undefined',
    ],
    [[], 'config.json: (root): expected an object with "mcpServers", received an array'],
  ])('names the file, server and field: %j', (document, message) => {
    expect(() => parse(document)).toThrow(new ConfigError(message));
  });

  it('expands ${VAR} and ${VAR:-default} and refuses unset variables without a default', () => {
    const config = parse(
      {
        mcpServers: {
          s: { command: '${BIN}', args: ['--token=${TOKEN}', '${MODE:-fast}'], env: { T: '${TOKEN}' } },
        },
      },
      { BIN: '/usr/bin/srv', TOKEN: 'secret' },
    );
    expect(config.servers.get('s')).toEqual({
      type: 'stdio',
      command: '/usr/bin/srv',
      args: ['--token=secret', 'fast'],
      env: { T: 'secret' },
    });
    expect(() => parse({ mcpServers: { s: { command: 'x', args: ['${NOPE}'] } } })).toThrow(
      'config.json: mcpServers.s.args[0]: expected environment variable NOPE to be set (referenced as ${NOPE}), received nothing',
    );
  });

  it('reports unreadable files and invalid JSON with the file name', async () => {
    await expect(loadMcpServersConfig(join(dir, 'missing.json'))).rejects.toThrow(
      /missing\.json: expected a readable mcpServers JSON file, received ENOENT/,
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "mcpServers": ');
    await expect(loadMcpServersConfig(broken)).rejects.toThrow(
      /^broken\.json: expected valid JSON, received a syntax error/,
    );
  });

  it('connects to all servers, reporting failures per server', async () => {
    const file = join(dir, 'all.json');
    writeFileSync(
      file,
      JSON.stringify({
        mcpServers: {
          everything: { command: process.execPath, args: [EVERYTHING_BIN] },
          missing: { command: 'no-such-mcp-server-binary' },
        },
      }),
    );
    const { clients, failures } = await connectAll(await loadMcpServersConfig(file), { stderr: 'ignore' });
    try {
      expect([...clients.keys()]).toEqual(['everything']);
      expect(clients.get('everything')!.serverInfo?.name).toBe('mcp-servers/everything');
      expect([...failures.keys()]).toEqual(['missing']);
      expect(failures.get('missing')!.message).toContain('no-such-mcp-server-binary');
    } finally {
      for (const client of clients.values()) await client.close();
    }
  });
});
