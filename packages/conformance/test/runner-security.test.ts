/**
 * The security checks against a small bearer-token server (test/broken-servers/auth-http-server.mjs):
 * correct, Z01, Z02, Z03 and Z05 pass; each deliberate hole fails exactly the check that covers it, and
 * Z05 names every use token B got away with.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createBearerAuthenticator, createProtectedResourceMetadataRoute } from '@mcpwire/auth/server';
import { McpServer } from '@mcpwire/server';
import { createStreamableHttpHandler, InMemoryEventStore, listen } from '@mcpwire/transports/http';
import { afterAll, describe, expect, it } from 'vitest';
import { checkServer } from '../src/runner/check-server.js';
import type { Report } from '../src/runner/types.js';

const script = fileURLToPath(new URL('./broken-servers/auth-http-server.mjs', import.meta.url));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.stdin?.end();
});

async function start(breakKind?: string): Promise<string> {
  const child = spawn(process.execPath, [script, ...(breakKind ? ['--break', breakKind] : [])], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').once('data', (line: string) => resolve(line.trim().split(' ')[1]!));
    child.once('exit', () => reject(new Error('the auth server exited before listening')));
  });
  return `http://127.0.0.1:${port}/mcp`;
}

async function judge(breakKind?: string, tokenB: string | null = 'token-b'): Promise<Report> {
  return checkServer({
    url: await start(breakKind),
    token: 'token-a',
    tokenB: tokenB ?? undefined,
    era: 'legacy',
    only: ['L01', 'Z01', 'Z02', 'Z03', 'Z05'],
    timeoutMs: 3000,
  });
}

function verdicts(report: Report): Record<string, string> {
  return Object.fromEntries(report.checks.filter((c) => c.id.startsWith('Z')).map((c) => [c.id, c.status]));
}

function message(report: Report, id: string): string {
  return report.checks.find((c) => c.id === id)?.message ?? '';
}

describe.concurrent('check-server --token --token-b', () => {
  it('passes a server that binds sessions to their token and challenges with resource_metadata', async () => {
    const report = await judge();
    expect(verdicts(report)).toEqual({ Z01: 'pass', Z02: 'pass', Z03: 'pass', Z05: 'pass' });
    expect(message(report, 'Z01')).toMatch(
      /401 with resource_metadata http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp/,
    );
    expect(message(report, 'Z05')).toBe(
      "token B is refused on token A's session (POST, GET, Last-Event-ID, DELETE)",
    );
  });

  it("fails Z05 for a server that lets token B use every part of A's session", async () => {
    const report = await judge('session-not-bound');
    expect(verdicts(report)).toEqual({ Z01: 'pass', Z02: 'pass', Z03: 'pass', Z05: 'fail' });
    const text = message(report, 'Z05');
    for (const use of [
      "POST a ping on A's session (HTTP 200)",
      "open the GET stream of A's session (HTTP 200)",
      "on A's session (HTTP 200)",
      "DELETE A's session (HTTP 200)",
      "end A's session (A's next request got HTTP 404)",
    ])
      expect(text).toContain(use);
  });

  const holes: [string, RegExp][] = [
    [
      'resume-not-bound',
      /^expected .* but token B could resume with Last-Event-ID \S+ on A's session \(HTTP 200\); resume with A's Last-Event-ID on a session of its own \(1 of A's messages replayed\)$/,
    ],
    [
      'resume-by-event-id',
      /^expected .* but token B could resume with A's Last-Event-ID on a session of its own \(1 of A's messages replayed\)$/,
    ],
    ['delete-not-bound', /^expected .* but token B could DELETE A's session \(HTTP 200\); end A's session/],
  ];
  for (const [kind, expected] of holes) {
    it(`fails only Z05 for --break ${kind}, naming the use`, async () => {
      const report = await judge(kind);
      expect(verdicts(report)).toEqual({ Z01: 'pass', Z02: 'pass', Z03: 'pass', Z05: 'fail' });
      expect(message(report, 'Z05')).toMatch(expected);
    });
  }

  it('fails Z01 when the 401 names no metadata and none is served', async () => {
    const report = await judge('no-resource-metadata');
    expect(verdicts(report)).toMatchObject({ Z01: 'fail', Z02: 'skip', Z03: 'pass', Z05: 'pass' });
    expect(message(report, 'Z01')).toContain('received neither');
  });

  it('fails Z01, Z03 and Z05 for a server that needs no token at all', async () => {
    const report = await judge('no-auth');
    expect(verdicts(report)).toMatchObject({ Z01: 'fail', Z03: 'fail', Z05: 'fail' });
    expect(message(report, 'Z01')).toBe('expected 401 for a request without a token, received HTTP 200');
  });

  it('passes our own server behind @mcpwire/auth, whose sessions are bound to their principal', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const resource = `http://127.0.0.1:${port}/mcp`;
    const subjects: Record<string, string> = { 'token-a': 'alice', 'token-b': 'bob' };
    const server = new McpServer({ name: 'bearer-fixture', version: '1.0.0' });
    server.tool('echo', { description: 'Returns its text' }, () => 'echo');
    const handler = createStreamableHttpHandler({
      connect: async (transport) => {
        await server.connect(transport);
      },
      // Resumable streams, so the Last-Event-ID uses are probed too.
      eventStore: new InMemoryEventStore(),
      auth: {
        authenticator: createBearerAuthenticator({
          verifier: {
            async verify(token) {
              const subject = subjects[token];
              if (subject === undefined) throw new Error('unknown token');
              return { token, scopes: [], subject, clientId: 'runner-test' };
            },
          },
          resourceMetadataUrl: `http://127.0.0.1:${port}/.well-known/oauth-protected-resource/mcp`,
        }),
        metadataRoute: createProtectedResourceMetadataRoute({
          resource,
          authorizationServers: ['https://auth.example.com'],
        }),
      },
    });
    const listening = await listen({ handler, port });
    try {
      const report = await checkServer({
        url: resource,
        token: 'token-a',
        tokenB: 'token-b',
        era: 'legacy',
        only: ['L01', 'Z01', 'Z02', 'Z03', 'Z05'],
        timeoutMs: 3000,
      });
      expect(verdicts(report)).toEqual({ Z01: 'pass', Z02: 'pass', Z03: 'pass', Z05: 'pass' });
      expect(message(report, 'Z05')).toBe(
        "token B is refused on token A's session (POST, GET, Last-Event-ID, DELETE)",
      );
    } finally {
      await listening.close();
    }
  });

  it('skips Z05 with the reason when no second token is given', async () => {
    const report = await judge(undefined, null);
    expect(verdicts(report)).toEqual({ Z01: 'pass', Z02: 'pass', Z03: 'pass', Z05: 'skip' });
    expect(message(report, 'Z05')).toContain('run with --token-b');
  });
});
