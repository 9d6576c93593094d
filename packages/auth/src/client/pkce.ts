/** PKCE S256 (RFC 7636) and random values, from the Web Crypto API (no hand-rolled crypto). */
import { base64url } from 'jose';

/** 32 random bytes, base64url: 43 characters, within RFC 7636's 43..128 for verifiers. */
export function randomToken(bytes = 32): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A PKCE pair (RFC 7636): the secret verifier and its S256 challenge. */
export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** Draws a random PKCE verifier and computes its S256 challenge. */
export async function createPkce(): Promise<Pkce> {
  const verifier = randomToken(32);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url.encode(new Uint8Array(digest)), method: 'S256' };
}
