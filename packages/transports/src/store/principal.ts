/**
 * Who a request comes from, as the key a session is bound to (SessionRecord.owner). Sessions opened by
 * one principal are refused to every other (security best practices: bind session ids to user
 * information), so a stolen or guessed session id is useless without its owner's credentials.
 */
import type { AuthInfo } from '@mcpwire/core/runtime';

/** The owner of sessions opened without authentication. */
export const ANONYMOUS = '';

/**
 * The principal of a verified AuthInfo: issuer (`extra.issuer`, as @mcpwire/auth's verifiers set it) +
 * subject + client id, as one JSON string. A token that names neither a subject nor a client is bound to
 * the token itself, by its SHA-256 (never the raw token: records may live in a shared store), so a
 * refreshed token of such a principal cannot reuse the session. Without AuthInfo: ANONYMOUS.
 */
export function principalKey(authInfo: AuthInfo | undefined): string | Promise<string> {
  if (authInfo === undefined) return ANONYMOUS;
  const issuer = authInfo.extra?.issuer;
  const subject = authInfo.subject;
  const clientId = authInfo.clientId;
  if (subject === undefined && clientId === undefined) {
    return tokenKeys.get(authInfo.token) ?? tokenKey(authInfo.token);
  }
  return JSON.stringify(['p', typeof issuer === 'string' ? issuer : '', subject ?? '', clientId ?? '']);
}

const tokenKeys = new Map<string, string>();
const MAX_CACHED_TOKENS = 1000;

async function tokenKey(token: string): Promise<string> {
  const cached = tokenKeys.get(token);
  if (cached !== undefined) return cached;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  const key = JSON.stringify(['t', hex]);
  if (tokenKeys.size >= MAX_CACHED_TOKENS) tokenKeys.delete(tokenKeys.keys().next().value!);
  tokenKeys.set(token, key);
  return key;
}
