/**
 * The `mcpServers` configuration hosts use (Claude Desktop's claude_desktop_config.json, Cursor's mcp.json,
 * Claude Code's .mcp.json):
 *   { "mcpServers": { "<name>": { "command", "args"?, "env"?, "cwd"? } | { "url", "headers"?, "type"? } } }
 * Errors name the file, the server and the field: `config.json: mcpServers.github.args: expected an array
 * of strings, received string`. `${VAR}` and `${VAR:-default}` are expanded in command, args, env, cwd, url
 * and headers, as Claude Code does; an unset variable without a default is an error rather than a literal.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ConfigError } from '@mcpwire/core/runtime';

export interface StdioServerConfig {
  type: 'stdio';
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
}

export interface HttpServerConfig {
  /** 'http' and 'streamable-http' are Streamable HTTP; 'sse' is the 2024-11-05 HTTP+SSE transport. */
  type: 'http' | 'sse';
  url: string;
  headers?: Record<string, string>;
}

export type ServerConfig = StdioServerConfig | HttpServerConfig;

export interface McpServersConfig {
  /** Where the configuration came from (for messages). */
  source: string;
  servers: Map<string, ServerConfig>;
}

export interface ParseConfigOptions {
  /** Variables for `${VAR}` expansion. Default: process.env. */
  env?: Record<string, string | undefined>;
}

const VARIABLE = /\$\{([^}:]+)(?::-([^}]*))?\}/g;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class FieldReader {
  constructor(
    private readonly source: string,
    private readonly env: Record<string, string | undefined>,
  ) {}

  fail(path: string, expected: string, value: unknown): never {
    return this.failText(path, expected, describe(value));
  }

  /** When what was received is already described (a quoted value, "neither", "both"). */
  failText(path: string, expected: string, received: string): never {
    throw new ConfigError(`${this.source}: ${path}: expected ${expected}, received ${received}`);
  }

  expand(path: string, text: string): string {
    if (!text.includes('${')) return text;
    return text.replace(VARIABLE, (_match, name: string, fallback: string | undefined) => {
      const value = this.env[name];
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return fallback;
      throw new ConfigError(
        `${this.source}: ${path}: expected environment variable ${name} to be set (referenced as \${${name}}), received nothing`,
      );
    });
  }

  string(path: string, value: unknown): string {
    if (typeof value !== 'string') this.fail(path, 'a string', value);
    return this.expand(path, value);
  }

  optionalString(path: string, value: unknown): string | undefined {
    return value === undefined ? undefined : this.string(path, value);
  }

  stringArray(path: string, value: unknown): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      this.fail(
        path,
        'an array of strings',
        Array.isArray(value) ? value.find((item) => typeof item !== 'string') : value,
      );
    }
    return value.map((item, index) => this.expand(`${path}[${index}]`, item as string));
  }

  stringMap(path: string, value: unknown): Record<string, string> | undefined {
    if (value === undefined) return undefined;
    if (!isObject(value)) this.fail(path, 'an object of strings', value);
    const map: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) map[key] = this.string(`${path}.${key}`, item);
    return map;
  }
}

/** Validates an already parsed mcpServers document. */
export function parseMcpServersConfig(
  document: unknown,
  source = 'config',
  options: ParseConfigOptions = {},
): McpServersConfig {
  const reader: FieldReader = new FieldReader(source, options.env ?? process.env);
  if (!isObject(document)) reader.fail('(root)', 'an object with "mcpServers"', document);
  const entries = document.mcpServers;
  if (!isObject(entries)) reader.fail('mcpServers', 'an object mapping server names to servers', entries);
  const servers = new Map<string, ServerConfig>();
  for (const [name, entry] of Object.entries(entries)) {
    servers.set(name, parseServer(reader, `mcpServers.${name}`, entry));
  }
  return { source, servers };
}

function parseServer(reader: FieldReader, path: string, entry: unknown): ServerConfig {
  if (!isObject(entry)) reader.fail(path, 'an object with "command" or "url"', entry);
  const type = entry.type;
  if (type !== undefined && !['stdio', 'http', 'streamable-http', 'sse'].includes(type as string)) {
    if (typeof type === 'string')
      reader.failText(`${path}.type`, '"stdio", "http", "streamable-http" or "sse"', JSON.stringify(type));
    reader.fail(`${path}.type`, '"stdio", "http", "streamable-http" or "sse"', type);
  }
  if (entry.command !== undefined || type === 'stdio') {
    if (entry.url !== undefined) reader.failText(path, 'either "command" or "url", not both', 'both');
    const server: StdioServerConfig = {
      type: 'stdio',
      command: reader.string(`${path}.command`, entry.command),
      args: reader.stringArray(`${path}.args`, entry.args),
    };
    if (server.command.length === 0)
      reader.failText(`${path}.command`, 'a non-empty string', 'an empty string');
    const env = reader.stringMap(`${path}.env`, entry.env);
    if (env !== undefined) server.env = env;
    const cwd = reader.optionalString(`${path}.cwd`, entry.cwd);
    if (cwd !== undefined) server.cwd = cwd;
    return server;
  }
  if (entry.url === undefined)
    reader.failText(path, 'an object with "command" (stdio) or "url" (HTTP)', 'neither');
  const url = reader.string(`${path}.url`, entry.url);
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(parsed.protocol);
  } catch {
    reader.failText(`${path}.url`, 'an http:// or https:// URL', JSON.stringify(url));
  }
  const server: HttpServerConfig = { type: type === 'sse' ? 'sse' : 'http', url };
  const headers = reader.stringMap(`${path}.headers`, entry.headers);
  if (headers !== undefined) server.headers = headers;
  return server;
}

/** Reads and validates a configuration file. */
export async function loadMcpServersConfig(
  file: string,
  options: ParseConfigOptions = {},
): Promise<McpServersConfig> {
  const name = basename(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    throw new ConfigError(`${file}: expected a readable mcpServers JSON file, received ${code}`, {
      cause: error,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `${name}: expected valid JSON, received a syntax error (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  return parseMcpServersConfig(document, name, options);
}
