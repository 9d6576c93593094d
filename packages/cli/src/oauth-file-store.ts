/**
 * Where `mcpwire login` keeps OAuth state between runs: one JSON file, `oauth.json`, in the user's config
 * directory (`$MCPWIRE_CONFIG_DIR`, else `$XDG_CONFIG_HOME/mcpwire`, else `~/.config/mcpwire`; on Windows
 * `%APPDATA%\mcpwire`). It holds registered clients keyed by authorization-server issuer and tokens keyed by
 * MCP server URL (each token records its issuer, which the provider checks before use). The file is
 * written with mode 0600 (directory 0700) through a temporary file and a rename, so a crash never leaves
 * half a file and other local users cannot read the tokens.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ClientInformation, OAuthStorage, StoredTokens } from '@mcpwire/auth/client';

interface FileShape {
  version: 1;
  clients: Record<string, ClientInformation>;
  tokens: Record<string, StoredTokens>;
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['MCPWIRE_CONFIG_DIR']) return env['MCPWIRE_CONFIG_DIR'];
  if (process.platform === 'win32' && env['APPDATA']) return join(env['APPDATA'], 'mcpwire');
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'mcpwire');
}

export class FileOAuthStorage implements OAuthStorage {
  readonly path: string;

  constructor(readonly dir: string = configDir()) {
    this.path = join(dir, 'oauth.json');
  }

  #read(): FileShape {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return { version: 1, clients: {}, tokens: {} };
    }
    try {
      const value = JSON.parse(text) as Partial<FileShape>;
      return { version: 1, clients: value.clients ?? {}, tokens: value.tokens ?? {} };
    } catch {
      // A corrupt file is treated as empty: the next login rewrites it.
      return { version: 1, clients: {}, tokens: {} };
    }
  }

  #write(data: FileShape): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.path);
  }

  async getClient(issuer: string) {
    return this.#read().clients[issuer];
  }
  async saveClient(issuer: string, client: ClientInformation) {
    const data = this.#read();
    data.clients[issuer] = client;
    this.#write(data);
  }
  async getTokens(resource: string) {
    return this.#read().tokens[resource];
  }
  async saveTokens(resource: string, tokens: StoredTokens) {
    const data = this.#read();
    data.tokens[resource] = tokens;
    this.#write(data);
  }
  async deleteTokens(resource: string) {
    const data = this.#read();
    if (!(resource in data.tokens)) return;
    delete data.tokens[resource];
    this.#write(data);
  }
}
