/** The CLI's OAuth token file: location rules, 0600 mode, per-issuer clients, per-server tokens, corruption. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDir, FileOAuthStorage } from '../packages/cli/src/oauth-file-store.js';

const tokens = (issuer: string, resource: string) => ({
  accessToken: `at-${issuer}`,
  tokenType: 'Bearer',
  refreshToken: 'rt',
  issuer,
  resource,
});

describe('FileOAuthStorage', () => {
  it('finds the config dir from MCPWIRE_CONFIG_DIR, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(configDir({ MCPWIRE_CONFIG_DIR: '/x/y' })).toBe('/x/y');
    if (process.platform !== 'win32') {
      expect(configDir({ XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/mcpwire');
      expect(configDir({})).toMatch(/\.config\/mcpwire$/);
    }
  });

  it('keeps clients per issuer and tokens per server URL in one 0600 file, across instances', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mcpwire-store-')), 'nested');
    const store = new FileOAuthStorage(dir);
    expect(await store.getTokens('https://a.example/mcp')).toBeUndefined();
    await store.saveClient('https://as-1.example', { client_id: 'one' });
    await store.saveClient('https://as-2.example', { client_id: 'two' });
    await store.saveTokens('https://a.example/mcp', tokens('https://as-1.example', 'https://a.example/mcp'));
    await store.saveTokens('https://b.example/mcp', tokens('https://as-2.example', 'https://b.example/mcp'));
    if (process.platform !== 'win32') {
      expect(statSync(store.path).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
    const again = new FileOAuthStorage(dir);
    expect(await again.getClient('https://as-2.example')).toEqual({ client_id: 'two' });
    expect((await again.getTokens('https://a.example/mcp'))?.accessToken).toBe('at-https://as-1.example');
    await again.deleteTokens('https://a.example/mcp');
    expect(await store.getTokens('https://a.example/mcp')).toBeUndefined();
    expect(await store.getTokens('https://b.example/mcp')).toBeDefined();
    expect(Object.keys(JSON.parse(readFileSync(store.path, 'utf8')).tokens)).toEqual([
      'https://b.example/mcp',
    ]);
  });

  it('treats a corrupt file as empty and rewrites it on the next save', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwire-store-'));
    writeFileSync(join(dir, 'oauth.json'), '{not json');
    const store = new FileOAuthStorage(dir);
    expect(await store.getClient('https://as.example')).toBeUndefined();
    await store.saveClient('https://as.example', { client_id: 'c' });
    expect(JSON.parse(readFileSync(store.path, 'utf8')).clients).toEqual({
      'https://as.example': { client_id: 'c' },
    });
  });
});
