/**
 * From configuration to connected clients: one transport per server entry (stdio for `command`,
 * Streamable HTTP or HTTP+SSE for `url`), one Client per server. Connecting to all servers never throws for
 * one failure: each server's outcome is reported separately.
 */
import { ConfigError, type Transport } from '@mcpwire/core/runtime';
import { type HttpAuthProvider, StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { SseClientTransport } from '@mcpwire/transports/sse';
import { StdioClientTransport } from '@mcpwire/transports/stdio';
import { Client, type ClientOptions } from '../client.js';
import type { McpServersConfig, ServerConfig } from './config.js';

/** Options of {@link connectServer}: the Client's options, plus the client info, a stdio server's stderr and an HTTP server's auth provider. */
export interface ConnectServerOptions extends ClientOptions {
  clientInfo?: { name: string; version: string };
  /** stdio servers: where their stderr goes. Default 'inherit'. */
  stderr?: 'inherit' | 'ignore' | ((text: string) => void);
  /** HTTP servers: OAuth (e.g. an OAuthClientProvider from @mcpwire/auth/client). */
  authProvider?: HttpAuthProvider;
}

const DEFAULT_CLIENT_INFO = { name: 'mcpwire', version: '0.1.0' };

/** A transport for one configured server; `client` supplies the Mcp-Param header specs over HTTP. */
export function createTransport(
  config: ServerConfig,
  client: Client,
  options: ConnectServerOptions = {},
): Transport {
  if (config.type === 'stdio') {
    return new StdioClientTransport({
      command: config.command,
      args: config.args,
      env: config.env,
      cwd: config.cwd,
      stderr: options.stderr ?? 'inherit',
    });
  }
  const { authProvider } = options;
  if (config.type === 'sse')
    return new SseClientTransport(config.url, { headers: config.headers, authProvider });
  return new StreamableHttpClientTransport(config.url, {
    headers: config.headers,
    authProvider,
    paramHeaders: client.paramHeadersFor,
    // A new session after a 404 starts without the old one's subscriptions and logging level.
    onSessionRestarted: () => void client.restoreSessionState(),
  });
}

/** The era-cache key of a server: its command line or URL. */
export function targetOf(config: ServerConfig): string {
  return config.type === 'stdio' ? [config.command, ...config.args].join(' ') : config.url;
}

/** Connects to one server of a configuration. */
export async function connectServer(
  config: McpServersConfig,
  name: string,
  options: ConnectServerOptions = {},
): Promise<Client> {
  const server = config.servers.get(name);
  if (server === undefined) {
    const known = [...config.servers.keys()];
    throw new ConfigError(
      `${config.source}: expected a server named "${name}" in mcpServers, received only ${known.length === 0 ? 'none' : known.map((key) => `"${key}"`).join(', ')}`,
    );
  }
  return connectConfigured(server, options);
}

/** Connects to a server entry. */
export async function connectConfigured(
  server: ServerConfig,
  options: ConnectServerOptions = {},
): Promise<Client> {
  const {
    clientInfo = DEFAULT_CLIENT_INFO,
    stderr: _stderr,
    authProvider: _auth,
    ...clientOptions
  } = options;
  const client = new Client(clientInfo, { target: targetOf(server), ...clientOptions });
  await client.connect(createTransport(server, client, options));
  return client;
}

/** What {@link connectAll} connected, and which servers failed and why. */
export interface ConnectAllResult {
  clients: Map<string, Client>;
  failures: Map<string, Error>;
}

/** Connects to every server at once; failures are collected per server, never thrown for all. */
export async function connectAll(
  config: McpServersConfig,
  options: ConnectServerOptions = {},
): Promise<ConnectAllResult> {
  const names = [...config.servers.keys()];
  const outcomes = await Promise.allSettled(names.map((name) => connectServer(config, name, options)));
  const result: ConnectAllResult = { clients: new Map(), failures: new Map() };
  outcomes.forEach((outcome, index) => {
    const name = names[index]!;
    if (outcome.status === 'fulfilled') result.clients.set(name, outcome.value);
    else
      result.failures.set(
        name,
        outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason)),
      );
  });
  return result;
}
