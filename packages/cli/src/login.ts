/**
 * `mcpwire login --url <url>`: discovery, registration and the authorization code flow with PKCE for one
 * MCP server. It prints the authorization URL, waits on a loopback redirect (127.0.0.1, random port) for
 * the browser to come back, and stores the tokens in the file store (oauth-file-store.ts). Later commands
 * with the same `--url` send them, refreshing when they expire.
 */

import {
  AuthError,
  AuthErrorReason,
  type ClientInformation,
  canonicalResourceUri,
  listenForAuthorizationCode,
  nodeResolver,
  OAuthClientProvider,
  type OAuthStorage,
  type UrlPolicy,
} from '@mcpwire/auth/client';
import type { HttpAuthProvider } from '@mcpwire/transports/http';
import { type ParsedArgs, UsageError } from './args.js';
import { FileOAuthStorage } from './oauth-file-store.js';
import type { Io } from './output.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https + public addresses; a server on this machine over http (development) is allowed too. */
function policyFor(url: string): UrlPolicy {
  const { protocol, hostname } = new URL(url);
  return {
    resolve: nodeResolver,
    allowInsecureLoopback: protocol === 'http:' && LOOPBACK_HOSTS.has(hostname),
  };
}

/**
 * A client registered during an earlier login carries that login's redirect URI (another loopback port):
 * it is not reused when the current redirect URI is not among its own, so the client registers again.
 */
function forRedirect(storage: OAuthStorage, redirectUri: string): OAuthStorage {
  return {
    getClient: async (issuer) => {
      const client: ClientInformation | undefined = await storage.getClient(issuer);
      const uris = (client as { redirect_uris?: unknown } | undefined)?.redirect_uris;
      return Array.isArray(uris) && !uris.includes(redirectUri) ? undefined : client;
    },
    saveClient: (issuer, client) => storage.saveClient(issuer, client),
    getTokens: (resource) => storage.getTokens(resource),
    saveTokens: (resource, tokens) => storage.saveTokens(resource, tokens),
    deleteTokens: (resource) => storage.deleteTokens(resource),
  };
}

export async function login(args: ParsedArgs, io: Io, signal?: AbortSignal): Promise<number> {
  if (args.url === undefined)
    throw new UsageError('login: expected --url <url> of the MCP server, received none');
  if (args.words.length > 1)
    throw new UsageError(
      `login: expected no more words, received ${JSON.stringify(args.words.slice(1).join(' '))}`,
    );
  const storage = new FileOAuthStorage();
  const receiver = await listenForAuthorizationCode({ timeoutMs: args.timeoutMs ?? 300_000 });
  signal?.addEventListener('abort', () => receiver.close(), { once: true });
  try {
    const provider = new OAuthClientProvider({
      serverUrl: args.url,
      redirectUri: receiver.redirectUri,
      storage: forRedirect(storage, receiver.redirectUri),
      urlPolicy: policyFor(args.url),
      clientMetadata: { client_name: 'mcpwire CLI' },
      authorize: async (url) => {
        io.stdout.write(`Open this URL in your browser to authorize mcpwire:\n${url.href}\n`);
        io.stderr.write(`Waiting for the browser to return to ${receiver.redirectUri} ...\n`);
        return receiver.callback;
      },
    });
    await provider.authorize();
    const tokens = await provider.tokens();
    io.stdout.write(
      `Logged in to ${args.url} (authorization server ${tokens?.issuer ?? '?'}${tokens?.scope ? `, scopes: ${tokens.scope}` : ''}).\nTokens saved in ${storage.path}\n`,
    );
    return 0;
  } finally {
    receiver.close();
  }
}

/**
 * The auth provider for `--url` commands: the stored tokens of that server (refreshed when expired). When
 * `mcpwire login` was never run for it, a 401 ends the command with a hint instead. It never starts an
 * interactive flow itself.
 */
export async function storedAuthFor(url: string): Promise<HttpAuthProvider> {
  const storage = new FileOAuthStorage();
  if ((await storage.getTokens(canonicalResourceUri(url))) === undefined) {
    return {
      authorizationHeader: () => undefined,
      handleUnauthorized: () =>
        Promise.reject(
          new AuthError(
            AuthErrorReason.Config,
            `${url} requires authorization: expected tokens from "mcpwire login --url ${url}", received a 401 and none are stored in ${storage.path}`,
          ),
        ),
    };
  }
  return new OAuthClientProvider({
    serverUrl: url,
    storage,
    urlPolicy: policyFor(url),
    redirectUri: 'http://127.0.0.1/callback',
    authorize: async () => {
      throw new UsageError(`the server needs a new authorization: run "mcpwire login --url ${url}"`);
    },
  });
}
