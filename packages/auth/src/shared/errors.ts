import { LocalError, LocalErrorCode } from '@mcpwire/core';

/**
 * Why an OAuth step was refused. Stable strings: callers (the CLI, the conformance runner) switch on them.
 * All of them travel under the single core code `MCPWIRE_AUTH`.
 */
export const AuthErrorReason = {
  /** A URL we were about to fetch is not allowed (scheme, private address, metadata service...). */
  UnsafeUrl: 'unsafe_url',
  /** A discovery document could not be found or did not validate. */
  Discovery: 'discovery_failed',
  /** The PRM `resource` is not the server we are talking to. */
  ResourceMismatch: 'resource_mismatch',
  /** AS metadata `issuer` is not the issuer we built the well-known URL from. */
  IssuerMismatch: 'issuer_mismatch',
  /** The AS does not advertise PKCE S256. */
  PkceUnsupported: 'pkce_unsupported',
  /** No way to obtain a client id (no pre-registration, CIMD or registration endpoint). */
  Registration: 'registration_failed',
  /** The authorization response is unusable: missing/mismatched state or iss, error, no code. */
  AuthorizationResponse: 'invalid_authorization_response',
  /** The token endpoint refused or answered something that is not a token response. */
  TokenRequest: 'token_request_failed',
  /** Step-up was attempted too many times for the same operation. */
  StepUpLimit: 'step_up_limit',
  /** A bearer token failed verification (resource-server side). */
  InvalidToken: 'invalid_token',
  /** Options that cannot work. */
  Config: 'invalid_config',
} as const;

export type AuthErrorReasonValue = (typeof AuthErrorReason)[keyof typeof AuthErrorReason];

/** Every refusal of @mcpwire/auth: a LocalError with code MCPWIRE_AUTH and a stable `reason`. */
export class AuthError extends LocalError {
  readonly reason: AuthErrorReasonValue;

  /** An error with a stable `reason` and a message saying what was expected and received. */
  constructor(reason: AuthErrorReasonValue, message: string, options?: { cause?: unknown }) {
    super(LocalErrorCode.Auth, message, options);
    this.name = 'AuthError';
    this.reason = reason;
  }
}

/** Short, safe rendering of a received value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
