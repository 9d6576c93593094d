/**
 * Pluggable storage of client credentials (keyed by AS issuer, so credentials never cross authorization
 * servers) and tokens (keyed by issuer and resource). The in-memory default keeps nothing across processes.
 */
import type { ClientInformation } from '../shared/schemas.js';

/** Tokens kept for one protected resource. */
export interface StoredTokens {
  accessToken: string;
  tokenType: string;
  refreshToken?: string;
  /** Milliseconds since epoch. */
  expiresAt?: number;
  /** Scope granted (or, when the AS does not say, requested). */
  scope?: string;
  /** Issuer of the AS that issued them. */
  issuer: string;
  resource: string;
}

/**
 * Where an OAuth client keeps its registrations (per issuer) and tokens (per resource); implement it to keep
 * them between runs.
 */
export interface OAuthStorage {
  /** The client registered with this issuer, if any. */
  getClient(issuer: string): Promise<ClientInformation | undefined>;
  /** Remembers the client registered with this issuer. */
  saveClient(issuer: string, client: ClientInformation): Promise<void>;
  /** The tokens for a resource (the issuer is inside: callers check it still matches). */
  getTokens(resource: string): Promise<StoredTokens | undefined>;
  /** Remembers the tokens for a resource. */
  saveTokens(resource: string, tokens: StoredTokens): Promise<void>;
  /** Forgets the tokens for a resource (after a refusal or logout). */
  deleteTokens(resource: string): Promise<void>;
}

/** An {@link OAuthStorage} in memory: everything is forgotten when the process ends (the default). */
export class InMemoryOAuthStorage implements OAuthStorage {
  readonly #clients = new Map<string, ClientInformation>();
  readonly #tokens = new Map<string, StoredTokens>();

  async getClient(issuer: string) {
    return this.#clients.get(issuer);
  }
  async saveClient(issuer: string, client: ClientInformation) {
    this.#clients.set(issuer, client);
  }
  async getTokens(resource: string) {
    return this.#tokens.get(resource);
  }
  async saveTokens(resource: string, tokens: StoredTokens) {
    this.#tokens.set(resource, tokens);
  }
  async deleteTokens(resource: string) {
    this.#tokens.delete(resource);
  }
}
