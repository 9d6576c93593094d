/**
 * The key a server signs 2026-07-28 requestState with (and salts list cursors from). A configured secret
 * is checked at once; a random one is drawn on first use, never in the constructor: Cloudflare Workers
 * refuse random values at global scope, which is where `new McpServer()` usually runs. A random key is
 * per process (per Worker isolate): replicas behind a load balancer, and Worker isolates, must be given
 * one shared `requestStateSecret` so that state and cursors issued by one are accepted by the others.
 */
import { ConfigError } from '@mcpwire/core/runtime';

const encoder = new TextEncoder();

export class ServerSecret {
  #key: Uint8Array | undefined;
  #salt: string | undefined;

  constructor(secret: string | Uint8Array | undefined) {
    if (secret === undefined) return;
    const key = typeof secret === 'string' ? encoder.encode(secret) : secret;
    if (key.length < 16) {
      throw new ConfigError(
        `McpServer requestStateSecret: expected at least 16 bytes, received ${key.length}`,
      );
    }
    this.#key = key;
  }

  /** The key bytes; random (32 bytes) when none was configured, drawn now if not yet. */
  get key(): Uint8Array {
    this.#key ??= crypto.getRandomValues(new Uint8Array(32));
    return this.#key;
  }

  /** Cursor salt derived from the key, so cursors survive across instances sharing a secret. */
  get salt(): string {
    this.#salt ??= Array.from(this.key.subarray(0, 8)).join('.');
    return this.#salt;
  }
}
