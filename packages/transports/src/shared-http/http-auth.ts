/**
 * OAuth in front of the HTTP server transports (Streamable HTTP and legacy SSE), without depending on
 * @mcpwire/auth: the shapes below are what its `createBearerAuthenticator`, `createDelegatedAuth`,
 * `createProtectedResourceMetadataRoute` and `createScopePolicy` return, so
 *   createStreamableHttpHandler({ connect, auth: { ...delegatedAuth, scopes: createScopePolicy(...) } })
 * serves the Protected Resource Metadata, answers 401/403 with the challenge, refuses a tools/call (or
 * resources/read, prompts/get) whose token lacks the operation's scopes with 403 insufficient_scope (the
 * client's cue to step up), and hands the verified AuthInfo to handlers as MessageContext.authInfo.
 */
import type { AuthInfo, JSONRPCMessage } from '@mcpwire/core/runtime';

/** Whether a token's scopes allow a request, and if not which scopes it needs. */
export type ScopeVerdict = { allowed: true } | { allowed: false; required: string[] };

/**
 * OAuth for the HTTP handlers (`auth` option): the bearer check, the Protected Resource Metadata route, and
 * per-operation scopes. `@mcpwire/auth/server` builds all three.
 */
export interface HttpAuthOptions {
  /** Verifies the bearer token: the caller's AuthInfo, or the 401/403 Response to send. */
  authenticator: {
    /** The caller's AuthInfo, or the 401/403 Response to send. */
    authenticate(request: Request): Promise<AuthInfo | Response>;
    /** 403 with `error="insufficient_scope"` naming every scope the operation needs. */
    insufficientScope(required: string[]): Response;
  };
  /** Serves the PRM document at its well-known paths (undefined for other requests); unauthenticated. */
  metadataRoute?: (request: Request) => Response | undefined;
  /** Per-operation scope requirements, checked for every request message of a POST. */
  scopes?: {
    /** Whether the caller's scopes allow this request. */
    checkRequest(authInfo: AuthInfo | undefined, method: string, params: unknown): ScopeVerdict;
  };
}

/** The 403 for the first request message the token's scopes do not cover, or undefined when all pass. */
export function refuseInsufficientScope(
  auth: HttpAuthOptions | undefined,
  authInfo: AuthInfo | undefined,
  messages: readonly JSONRPCMessage[],
): Response | undefined {
  const policy = auth?.scopes;
  if (policy === undefined) return undefined;
  for (const message of messages) {
    if (!('method' in message) || !('id' in message)) continue;
    const verdict = policy.checkRequest(authInfo, message.method, message.params);
    if (!verdict.allowed) return auth!.authenticator.insufficientScope(verdict.required);
  }
  return undefined;
}

/** PRM first (it must be readable without a token), then the bearer check. */
export async function authenticateRequest(
  auth: HttpAuthOptions,
  request: Request,
): Promise<AuthInfo | Response> {
  const metadata = auth.metadataRoute?.(request);
  if (metadata !== undefined) return metadata;
  return auth.authenticator.authenticate(request);
}
