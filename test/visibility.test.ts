/**
 * Per-caller visibility: items hidden by a rule on the caller are left out of lists and refused exactly as
 * unknown ones are; list_changed goes to a client whose view changed (token change in a legacy session,
 * refreshVisibility() for sessions and 2026-07-28 listen streams); the @mcpwire/auth scope policy drives
 * it, and with `hide` the HTTP handler leaves hidden operations to the server instead of answering 403.
 */
import { createBearerAuthenticator, createScopePolicy, type TokenVerifier } from '@mcpwire/auth/server';
import { Client } from '@mcpwire/client';
import { type AuthInfo, createInMemoryPair, ProtocolError, type Revision } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import {
  createStreamableHttpHandler,
  HttpStatusError,
  listen,
  StreamableHttpClientTransport,
} from '@mcpwire/transports/http';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../packages/client/test/helpers.js';

const auth = (scopes: string[], token = scopes.join('+')): AuthInfo => ({ token, scopes });
const hasScope = (scope: string) => (caller: { authInfo: AuthInfo | undefined }) =>
  caller.authInfo?.scopes.includes(scope) === true;

function makeServer(allowed: Set<string> = new Set()): McpServer {
  const server = new McpServer({ name: 'visible', version: '1.0.0' });
  server.tool('public', {}, () => 'public');
  server.tool('admin', { visible: hasScope('admin') }, () => 'admin');
  server.tool('flagged', { visible: () => allowed.has('flagged') }, () => 'flagged');
  server.prompt(
    'secret-prompt',
    { visible: hasScope('admin'), arguments: [{ name: 'x' }], complete: { x: () => ['1'] } },
    () => 'p',
  );
  server.resource('secret', 'file:///secret', { visible: hasScope('admin') }, () => 'secret');
  server.resourceTemplate('rows', 'db://rows/{id}', { visible: hasScope('admin') }, (uri) => uri);
  return server;
}

async function connect(server: McpServer, revision: Revision, authInfo: AuthInfo | undefined) {
  const [clientSide, serverSide] = createInMemoryPair({ server: { context: { authInfo } } });
  await server.connect(serverSide);
  const changes: string[] = [];
  const client = new Client(
    { name: 'visibility-client', version: '1.0.0' },
    { revision, onListChanged: (kind) => changes.push(kind) },
  );
  await client.connect(clientSide);
  return { client, changes, serverSide };
}

async function failure(promise: Promise<unknown>): Promise<ProtocolError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProtocolError);
  return error as ProtocolError;
}

const names = (items: { name: string }[]) => items.map((item) => item.name);

describe.each(['2025-11-25', '2026-07-28'] as const)('hidden items (%s)', (revision) => {
  it('are left out of lists for a caller the rule refuses, and listed for one it allows', async () => {
    const server = makeServer();
    const guest = await connect(server, revision, auth(['read']));
    expect(names((await guest.client.listTools()).tools)).toEqual(['public']);
    expect(names((await guest.client.listPrompts()).prompts)).toEqual([]);
    expect((await guest.client.listResources()).resources).toEqual([]);
    expect((await guest.client.listResourceTemplates()).resourceTemplates).toEqual([]);
    const admin = await connect(server, revision, auth(['admin']));
    expect(names((await admin.client.listTools()).tools)).toEqual(['public', 'admin']);
    expect(names((await admin.client.listPrompts()).prompts)).toEqual(['secret-prompt']);
    expect((await admin.client.listResources()).resources.map((resource) => resource.uri)).toEqual([
      'file:///secret',
    ]);
    await guest.client.close();
    await admin.client.close();
  });

  it('are refused exactly like items that do not exist', async () => {
    const { client } = await connect(makeServer(), revision, auth(['read']));
    const hidden = await failure(client.callTool('admin'));
    const missing = await failure(client.callTool('no-such-tool'));
    expect(hidden.code).toBe(missing.code);
    expect(hidden.message).toBe(missing.message.replace('no-such-tool', 'admin'));
    expect((await failure(client.getPrompt('secret-prompt'))).message).toMatch(/Unknown prompt/);
    const secret = await failure(client.readResource('file:///secret'));
    const nothing = await failure(client.readResource('file:///nothing'));
    expect(secret.code).toBe(nothing.code);
    expect((await failure(client.readResource('db://rows/1'))).code).toBe(nothing.code);
    const completion = await failure(
      client.complete({
        ref: { type: 'ref/prompt', name: 'secret-prompt' },
        argument: { name: 'x', value: '' },
      }),
    );
    expect(completion.message).toMatch(/expected ref\/prompt to name a listed prompt/);
    await client.close();
  });
});

describe('list_changed when visibility changes', () => {
  it('legacy: a new auth token on the session (step-up) announces the lists that changed, only those', async () => {
    const { client, changes, serverSide } = await connect(makeServer(), '2025-11-25', auth(['read']));
    await client.listTools();
    await client.listPrompts();
    // Any request but ping (the engine answers ping itself) shows the server the new token.
    serverSide.setContext({ authInfo: auth(['read'], 'same-scopes-new-token') });
    await client.callTool('public');
    expect(changes).toEqual([]); // the token changed, what it may see did not
    serverSide.setContext({ authInfo: auth(['admin']) });
    await client.callTool('public');
    expect(await waitFor(() => changes.length >= 2)).toBe(true);
    expect(changes.sort()).toEqual(['prompts', 'tools']); // resources were never listed: not announced
    expect(names((await client.listTools()).tools)).toEqual(['public', 'admin']);
    await client.close();
  });

  it('legacy: refreshVisibility() announces a change of what a rule depends on, and nothing when nothing changed', async () => {
    const allowed = new Set<string>();
    const server = makeServer(allowed);
    const { client, changes } = await connect(server, '2025-11-25', auth(['read']));
    expect(names((await client.listTools()).tools)).toEqual(['public']);
    server.refreshVisibility();
    allowed.add('flagged');
    server.refreshVisibility();
    expect(await waitFor(() => changes.length > 0)).toBe(true);
    await client.ping(); // anything still in flight arrives before the ping's answer
    expect(changes).toEqual(['tools']);
    expect(names((await client.listTools()).tools)).toEqual(['public', 'flagged']);
    await client.close();
  });

  it('2026-07-28: a listen stream subscribed to tools hears of it', async () => {
    const allowed = new Set<string>();
    const server = makeServer(allowed);
    const { client, changes } = await connect(server, '2026-07-28', auth(['read']));
    const subscription = client.listen({ toolsListChanged: true });
    await subscription.acknowledged;
    allowed.add('flagged');
    server.refreshVisibility();
    expect(await waitFor(() => changes.includes('tools'))).toBe(true);
    subscription.close();
    await client.close();
  });
});

describe('the @mcpwire/auth scope policy over Streamable HTTP', () => {
  const verifier: TokenVerifier = {
    async verify(token) {
      // One user: a step-up gives the same subject a token with more scopes (the session stays theirs).
      if (token === 'reader') return { token, subject: 'alice', scopes: ['files:read'] };
      if (token === 'writer') return { token, subject: 'alice', scopes: ['files:read', 'files:write'] };
      throw new Error(`unknown token ${token}`);
    },
  };

  async function serve(hide: boolean) {
    const scopes = createScopePolicy(
      { default: ['files:read'], tools: { delete_files: ['files:write'] } },
      undefined,
      { hide },
    );
    const server = new McpServer({
      name: 'files',
      version: '1.0.0',
      ...(hide ? { visibility: scopes.visibility } : {}),
    });
    server.tool('read_files', {}, () => 'read');
    server.tool('delete_files', {}, () => 'deleted');
    const handler = createStreamableHttpHandler({
      connect: async (transport) => {
        await server.connect(transport);
      },
      auth: {
        authenticator: createBearerAuthenticator({
          verifier,
          resourceMetadataUrl: 'http://127.0.0.1/.well-known/oauth-protected-resource/mcp',
        }),
        scopes,
      },
    });
    const listening = await listen({ handler, port: 0 });
    let token = 'reader';
    const changes: string[] = [];
    const client = new Client(
      { name: 'files-client', version: '1.0.0' },
      { revision: '2025-11-25', onListChanged: (kind) => changes.push(kind) },
    );
    await client.connect(
      new StreamableHttpClientTransport(`${listening.url}/mcp`, {
        authProvider: { authorizationHeader: () => `Bearer ${token}` },
      }),
    );
    return {
      client,
      changes,
      setToken: (next: string) => {
        token = next;
      },
      async stop() {
        await client.close();
        await handler.close();
        await listening.close();
      },
    };
  }

  it('hide: the token sees only what its scopes cover, a hidden tool is unknown, a step-up announces more', async () => {
    const peer = await serve(true);
    expect(names((await peer.client.listTools()).tools)).toEqual(['read_files']);
    const refused = await failure(peer.client.callTool('delete_files'));
    expect(refused.code).toBe(-32602);
    expect(refused.message).toMatch(/Unknown tool/);
    peer.setToken('writer');
    await peer.client.callTool('read_files');
    expect(await waitFor(() => peer.changes.includes('tools'))).toBe(true);
    expect(names((await peer.client.listTools()).tools)).toEqual(['read_files', 'delete_files']);
    expect((await peer.client.callTool('delete_files')).content).toEqual([{ type: 'text', text: 'deleted' }]);
    await peer.stop();
  });

  it('without hide: everything is listed and the HTTP handler answers 403 insufficient_scope', async () => {
    const peer = await serve(false);
    expect(names((await peer.client.listTools()).tools)).toEqual(['read_files', 'delete_files']);
    const error = await peer.client.callTool('delete_files').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(403);
    await peer.stop();
  });
});
