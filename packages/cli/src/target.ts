/**
 * Which server to talk to: `--stdio "<command line>"`, `--url <url>`, or `--config <file> [--server <name>]`.
 * The server's stderr goes to ours only with --verbose; otherwise its tail is kept and shown when the
 * connection fails, because that is usually where the reason is.
 */
import { Client, type ClientOptions } from '@mcpwire/client';
import { createTransport, loadMcpServersConfig, type ServerConfig, targetOf } from '@mcpwire/client/node';
import { DEFAULT_PROBE_TIMEOUT_MS, isRevision, type Revision, type Transport } from '@mcpwire/core';
import type { HttpAuthProvider } from '@mcpwire/transports/http';
import { type ParsedArgs, UsageError } from './args.js';
import { splitCommandLine } from './shell-split.js';

export const CLIENT_INFO = { name: 'mcpwire-cli', version: '0.1.0' };
const STDERR_TAIL_BYTES = 4096;

/** What the server wrote to stderr lately (when not --verbose). */
export interface StderrTail {
  text: string;
}

/** The server configuration the options point at. */
export async function resolveTarget(args: ParsedArgs): Promise<ServerConfig> {
  const given = [args.stdio && '--stdio', args.url && '--url', args.config && '--config'].filter(Boolean);
  if (given.length > 1)
    throw new UsageError(
      `Choose one target: expected one of --stdio, --url or --config, received ${given.join(' and ')}`,
    );
  if (args.stdio !== undefined) {
    const words = splitCommandLine(args.stdio);
    if (words.length === 0)
      throw new UsageError(
        '--stdio: expected a command line such as "npx -y @modelcontextprotocol/server-everything", received an empty one',
      );
    return { type: 'stdio', command: words[0]!, args: words.slice(1) };
  }
  if (args.url !== undefined) {
    let url: URL;
    try {
      url = new URL(args.url);
    } catch {
      throw new UsageError(
        `--url ${args.url}: expected an http:// or https:// URL, received ${JSON.stringify(args.url)}`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UsageError(
        `--url ${args.url}: expected an http:// or https:// URL, received the scheme ${url.protocol}`,
      );
    }
    return { type: 'http', url: url.href, headers: args.headers };
  }
  if (args.config !== undefined) {
    const config = await loadMcpServersConfig(args.config);
    const names = [...config.servers.keys()];
    if (args.server === undefined) {
      if (names.length === 1) return config.servers.get(names[0]!)!;
      throw new UsageError(
        `--config ${args.config}: expected --server <name> to choose one of ${names.join(', ') || '(none: mcpServers is empty)'}`,
      );
    }
    const server = config.servers.get(args.server);
    if (server === undefined) {
      throw new UsageError(
        `--server ${args.server}: expected one of the servers in ${config.source}: ${names.join(', ') || '(none)'}`,
      );
    }
    return server;
  }
  if (args.server !== undefined)
    throw new UsageError(
      `--server ${args.server}: expected --config <file> to say where the server is defined`,
    );
  throw new UsageError(
    'No server given: expected --stdio "<command line>", --url <url>, or --config <file> --server <name>\n' +
      '  example: mcpwire tools list --stdio "npx -y @modelcontextprotocol/server-everything"',
  );
}

/** A client for the server (not yet connected: the caller connects, so it can close on interrupt). */
export function clientFor(
  args: ParsedArgs,
  server: ServerConfig,
  extra: ClientOptions,
  tail: StderrTail,
  authProvider?: HttpAuthProvider,
): { client: Client; transport: Transport } {
  const stderr = args.verbose
    ? ('inherit' as const)
    : (text: string) => {
        tail.text = (tail.text + text).slice(-STDERR_TAIL_BYTES);
      };
  let revision: Revision | undefined;
  if (args.revision !== undefined) {
    if (!isRevision(args.revision))
      throw new UsageError(
        `--revision ${args.revision}: expected a known revision such as 2025-11-25 or 2026-07-28`,
      );
    revision = args.revision;
  }
  const client = new Client(CLIENT_INFO, {
    target: targetOf(server),
    ...(revision === undefined ? {} : { revision }),
    // --timeout bounds every wait, the server/discover probe included (it keeps its shorter default).
    ...(args.timeoutMs === undefined
      ? {}
      : {
          defaultTimeoutMs: args.timeoutMs,
          probeTimeoutMs: Math.min(args.timeoutMs, DEFAULT_PROBE_TIMEOUT_MS),
        }),
    ...extra,
  });
  return { client, transport: createTransport(server, client, { stderr, authProvider }) };
}
