/**
 * `mcpwire login --url` tried as a user would: spawn the CLI (from sources), follow the printed URL
 * "in a browser" (headlessly: oidc-provider auto-approves, the redirect lands on the CLI's loopback
 * receiver), then call a tool with `--url` in a new process that reuses the stored tokens.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProtectedMcp, startProtectedMcp } from './auth-e2e-helpers.js';

const root = fileURLToPath(new URL('../', import.meta.url));
let mcp: ProtectedMcp;
const configDir = mkdtempSync(join(tmpdir(), 'mcpwire-login-'));

beforeAll(async () => {
  mcp = await startProtectedMcp();
});
afterAll(async () => {
  await mcp?.close();
});

function cli(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, MCPWIRE_CONFIG_DIR: configDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill(), 30_000);
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    }),
  );
  return { child, done };
}

/** Resolves with the first http(s) URL the child prints on stdout. */
function printedUrl(child: ChildProcess): Promise<URL> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk;
      const match = /^(https?:\/\/\S+)$/m.exec(seen);
      if (match) {
        child.stdout!.off('data', onData);
        resolve(new URL(match[1]!));
      }
    };
    child.stdout!.on('data', onData);
    child.once('close', () =>
      reject(new Error(`Expected an authorization URL on stdout, received ${JSON.stringify(seen)}`)),
    );
  });
}

/** The browser: follows redirects (with cookies) until the loopback callback, then loads it. */
async function browse(start: URL): Promise<void> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 12; hop++) {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(';')[0]!;
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    const location = response.headers.get('location');
    await response.body?.cancel();
    if (location === null) {
      expect(response.status).toBe(200); // the CLI's "you can close this window" page
      return;
    }
    url = new URL(location, url);
  }
  throw new Error('Expected to reach the loopback callback within 12 redirects');
}

describe('mcpwire login', () => {
  it('without a login, --url against a protected server fails and says how to log in', async () => {
    const { done } = cli(['tools', 'list', '--url', mcp.mcpUrl]);
    const result = await done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`mcpwire login --url ${mcp.mcpUrl}`);
  });

  it('logs in through the printed URL and a loopback redirect, then tools call --url reuses the tokens', async () => {
    const { child, done } = cli(['login', '--url', mcp.mcpUrl]);
    const authorizationUrl = await printedUrl(child);
    expect(authorizationUrl.origin).toBe(mcp.as.issuer);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('resource')).toBe(mcp.mcpUrl);
    expect(authorizationUrl.searchParams.get('redirect_uri')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/callback$/,
    );
    await browse(authorizationUrl);
    const login = await done;
    expect(login.stderr).not.toMatch(/mcpwire:/);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`Logged in to ${mcp.mcpUrl}`);

    const file = join(configDir, 'oauth.json');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.tokens[mcp.mcpUrl]).toMatchObject({ issuer: mcp.as.issuer, resource: mcp.mcpUrl });
    expect(Object.keys(stored.clients)).toEqual([mcp.as.issuer]);

    const call = await cli(['tools', 'call', 'whoami', '--url', mcp.mcpUrl, '--json']).done;
    expect(call.stderr).toBe('');
    expect(call.code).toBe(0);
    expect(call.stdout).toContain('user-1');
  });
});
